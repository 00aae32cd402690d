#pragma once
// Users, roles, grid bindings and sessions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace envgrid::store {

inline const std::vector<std::string> kRoles = {"admin", "dispatcher", "inspector", "grid_worker",
                                                "unit_handler", "leader", "viewer"};

struct UserRecord {
  std::int64_t id = 0, tenant_id = 0;
  std::string username, display_name, password_hash, phone;
  std::optional<std::int64_t> unit_id;
  std::optional<std::string> unit_name;
  bool disabled = false;
  std::vector<std::string> roles;
  std::vector<std::int64_t> grid_ids;
};

struct NewUser {
  std::int64_t tenant_id = 0;
  std::string username, display_name, password_hash, phone;
  std::optional<std::int64_t> unit_id;
  std::vector<std::string> roles;
  std::vector<std::int64_t> grid_ids;
};

std::optional<UserRecord> find_user(Conn& c, const std::string& username);
std::optional<UserRecord> get_user(Conn& c, std::int64_t tenant_id, std::int64_t id);
std::vector<UserRecord> list_users(Conn& c, std::int64_t tenant_id);
// Inserts user, roles and grid bindings. Throws DbError(unique) for a taken username.
std::int64_t insert_user(Conn& c, const NewUser& u, std::int64_t now);
void set_password(Conn& c, std::int64_t user_id, const std::string& hash);
void set_disabled(Conn& c, std::int64_t user_id, bool disabled);
void replace_roles(Conn& c, std::int64_t tenant_id, std::int64_t user_id, const std::vector<std::string>& roles);
void replace_grids(Conn& c, std::int64_t tenant_id, std::int64_t user_id, const std::vector<std::int64_t>& grids);

struct SessionRecord {
  std::int64_t id = 0, tenant_id = 0, user_id = 0, expires_at = 0;
  std::string csrf_token;
};
void insert_session(Conn& c, std::int64_t tenant_id, std::int64_t user_id, const std::string& token_hash,
                    const std::string& csrf, std::int64_t now, std::int64_t expires_at, const std::string& remote);
std::optional<SessionRecord> find_session(Conn& c, const std::string& token_hash);
void delete_session(Conn& c, const std::string& token_hash);
void delete_user_sessions(Conn& c, std::int64_t user_id);

}  // namespace envgrid::store
