#include "store/accounts.hpp"

namespace envgrid::store {
namespace {

const char* kUserCols =
    "SELECT u.id, u.tenant_id, u.username, u.display_name, u.password_hash, u.phone, u.unit_id, un.name, u.disabled "
    "FROM users u LEFT JOIN units un ON un.id = u.unit_id ";

UserRecord read_user(Conn& c, const Row& r) {
  UserRecord u;
  u.id = r.i64(0);
  u.tenant_id = r.i64(1);
  u.username = r.str(2);
  u.display_name = r.str(3);
  u.password_hash = r.str(4);
  u.phone = r.str(5);
  u.unit_id = r.opt_i64(6);
  u.unit_name = r.opt_str(7);
  u.disabled = r.boolean(8);
  for (const auto& x : c.query("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role", {u.id}).rows)
    u.roles.push_back(x.str(0));
  for (const auto& x : c.query("SELECT grid_id FROM grid_workers WHERE user_id = ? ORDER BY grid_id", {u.id}).rows)
    u.grid_ids.push_back(x.i64(0));
  return u;
}

}  // namespace

std::optional<UserRecord> find_user(Conn& c, const std::string& username) {
  auto r = c.first(std::string(kUserCols) + "WHERE u.username = ?", {username});
  if (!r) return std::nullopt;
  return read_user(c, *r);
}

std::optional<UserRecord> get_user(Conn& c, std::int64_t tenant_id, std::int64_t id) {
  auto r = c.first(std::string(kUserCols) + "WHERE u.tenant_id = ? AND u.id = ?", {tenant_id, id});
  if (!r) return std::nullopt;
  return read_user(c, *r);
}

std::vector<UserRecord> list_users(Conn& c, std::int64_t tenant_id) {
  std::vector<UserRecord> out;
  for (const auto& r : c.query(std::string(kUserCols) + "WHERE u.tenant_id = ? ORDER BY u.id", {tenant_id}).rows)
    out.push_back(read_user(c, r));
  return out;
}

std::int64_t insert_user(Conn& c, const NewUser& u, std::int64_t now) {
  std::int64_t id = c.insert(
      "INSERT INTO users (tenant_id, username, display_name, password_hash, unit_id, phone, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {u.tenant_id, u.username, u.display_name, u.password_hash, opt_param(u.unit_id), u.phone, now});
  replace_roles(c, u.tenant_id, id, u.roles);
  replace_grids(c, u.tenant_id, id, u.grid_ids);
  return id;
}

void set_password(Conn& c, std::int64_t user_id, const std::string& hash) {
  c.query("UPDATE users SET password_hash = ?, version = version + 1 WHERE id = ?", {hash, user_id});
}

void set_disabled(Conn& c, std::int64_t user_id, bool disabled) {
  c.query("UPDATE users SET disabled = ?, version = version + 1 WHERE id = ?",
          {static_cast<std::int64_t>(disabled), user_id});
  if (disabled) delete_user_sessions(c, user_id);
}

void replace_roles(Conn& c, std::int64_t tenant_id, std::int64_t user_id, const std::vector<std::string>& roles) {
  c.query("DELETE FROM user_roles WHERE user_id = ?", {user_id});
  for (const auto& r : roles)
    c.query("INSERT INTO user_roles (tenant_id, user_id, role) VALUES (?, ?, ?)", {tenant_id, user_id, r});
}

void replace_grids(Conn& c, std::int64_t tenant_id, std::int64_t user_id, const std::vector<std::int64_t>& grids) {
  c.query("DELETE FROM grid_workers WHERE user_id = ?", {user_id});
  for (auto g : grids)
    c.query("INSERT INTO grid_workers (tenant_id, grid_id, user_id) VALUES (?, ?, ?)", {tenant_id, g, user_id});
}

void insert_session(Conn& c, std::int64_t tenant_id, std::int64_t user_id, const std::string& token_hash,
                    const std::string& csrf, std::int64_t now, std::int64_t expires_at, const std::string& remote) {
  c.query("INSERT INTO sessions (tenant_id, user_id, token_hash, csrf_token, created_at, expires_at, remote) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)",
          {tenant_id, user_id, token_hash, csrf, now, expires_at, remote});
}

std::optional<SessionRecord> find_session(Conn& c, const std::string& token_hash) {
  auto r = c.first("SELECT id, tenant_id, user_id, expires_at, csrf_token FROM sessions WHERE token_hash = ?",
                   {token_hash});
  if (!r) return std::nullopt;
  return SessionRecord{r->i64(0), r->i64(1), r->i64(2), r->i64(3), r->str(4)};
}

void delete_session(Conn& c, const std::string& token_hash) {
  c.query("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void delete_user_sessions(Conn& c, std::int64_t user_id) {
  c.query("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

}  // namespace envgrid::store
