#include "store/migrate.hpp"

#include <chrono>
#include <string>

#include "core/embedded.hpp"

namespace envgrid::store {
namespace {

struct Migration {
  int number;
  std::string name;
  std::string_view sql;
};

std::vector<Migration> migrations(Dialect d) {
  std::vector<Migration> out;
  const std::string prefix = std::string("migrations/") + dialect_name(d) + "/";
  for (const auto& f : embedded::under(prefix)) {
    std::string name(f.path.substr(prefix.size()));
    if (name.size() < 5 || name.substr(name.size() - 4) != ".sql") continue;
    out.push_back({std::stoi(name.substr(0, 4)), name, f.content});
  }
  return out;
}

}  // namespace

int latest_schema_version(Dialect d) {
  auto m = migrations(d);
  return m.empty() ? 0 : m.back().number;
}

int schema_version(Database& db) {
  return db.write([](Conn& c) -> int {
    c.exec_script(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    return static_cast<int>(c.scalar_i64("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
  });
}

int migrate(Database& db, std::optional<int> target) {
  int current = schema_version(db);
  int applied = 0;
  for (const auto& m : migrations(db.dialect())) {
    if (m.number <= current) continue;
    if (target && m.number > *target) break;
    db.write([&](Conn& c) {
      try {
        c.exec_script(m.sql);
      } catch (const DbError& e) {
        throw DbError(e.kind(), "migration " + m.name + " failed: " + e.what());
      }
      c.query("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
              {static_cast<std::int64_t>(m.number), m.name,
               static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count())});
    });
    ++applied;
  }
  return applied;
}

std::int64_t ensure_default_tenant(Database& db, std::int64_t now_ms) {
  return db.write([&](Conn& c) -> std::int64_t {
    if (auto r = c.first("SELECT id FROM tenants ORDER BY id LIMIT 1")) return r->i64(0);
    std::int64_t id = c.insert("INSERT INTO tenants (code, name, created_at) VALUES (?, ?, ?) RETURNING id",
                               {std::string("default"), std::string("默认区县"), now_ms});
    auto put = [&](const std::string& key, std::string_view value) {
      c.query("INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (?, ?, ?, ?)",
              {id, key, std::string(value), now_ms});
    };
    if (auto cats = embedded::find("data/categories.json")) put("categories", *cats);
    for (const auto& f : embedded::under("data/holidays/")) {
      std::string name(f.path.substr(14));  // "2024.json"
      if (name.size() == 9 && name.substr(4) == ".json") put("calendar/" + name.substr(0, 4), f.content);
    }
    return id;
  });
}

}  // namespace envgrid::store
