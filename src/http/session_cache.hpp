#pragma once
// Signed-in users by session token hash, kept for a few seconds so that a burst of requests
// from one client does not read the session, the user, its roles and its grids (four queries,
// four round trips on PostgreSQL) every time. Writes that change who a user is (PATCH
// /users, sign-out) drop entries in this process; changes made elsewhere (the CLI, another
// server instance) are seen after at most `ttl` — docs/operations.md says so.
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/time.hpp"
#include "http/app.hpp"

namespace envgrid::http {

class SessionCache {
 public:
  SessionCache(core::Millis ttl, std::size_t max_entries) : ttl_(ttl), max_(max_entries) {}

  std::optional<Actor> get(const std::string& token_hash, core::Millis now) {
    if (ttl_ <= 0) return std::nullopt;
    std::lock_guard lock(mu_);
    auto it = map_.find(token_hash);
    if (it == map_.end()) return std::nullopt;
    if (it->second.valid_until <= now) {
      map_.erase(it);
      return std::nullopt;
    }
    return it->second.actor;
  }

  // session_expires: the session's own end, never passed by a cached entry.
  void put(const std::string& token_hash, const Actor& a, core::Millis session_expires, core::Millis now) {
    if (ttl_ <= 0) return;
    std::lock_guard lock(mu_);
    if (map_.size() >= max_) map_.clear();  // crude bound; a refill costs one read per client
    map_[token_hash] = Entry{a, std::min(now + ttl_, session_expires)};
  }

  void erase(const std::string& token_hash) {
    std::lock_guard lock(mu_);
    map_.erase(token_hash);
  }

  void clear() {
    std::lock_guard lock(mu_);
    map_.clear();
  }

 private:
  struct Entry {
    Actor actor;
    core::Millis valid_until;
  };
  core::Millis ttl_;
  std::size_t max_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> map_;
};

}  // namespace envgrid::http
