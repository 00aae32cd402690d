// Monthly assessment of 1 000 units over 1 M problems (target < 1 s), next to a naive
// baseline in the same run: one query per unit for its cohort facts.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "core/embedded.hpp"
#include "domain/assessment.hpp"
#include "domain/assessment_period.hpp"
#include "store/assessment.hpp"
#include "store/database.hpp"
#include "store/migrate.hpp"

using namespace envgrid;
using store::Conn;
using Clock = std::chrono::steady_clock;

static core::Millis at(int y, int m, int d) { return core::local_midnight(core::Date{y, m, d}); }

int main() {
  const auto dir = std::filesystem::temp_directory_path() / ("envgrid-assess-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    store::DatabaseOptions o;
    o.url = "sqlite:" + (dir / "a.db").string();
    store::Database db(o);
    store::migrate(db);
    const auto tenant = store::ensure_default_tenant(db, 0);
    std::int64_t user = 0;
    const auto t_seed = Clock::now();
    db.exclusive([&](Conn& c) {
      user = c.insert("INSERT INTO users (tenant_id, username, display_name, password_hash, created_at) VALUES (?, 'b', "
                      "'B', 'x', 0) RETURNING id",
                      {tenant});
      c.query("WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 1000) "
              "INSERT INTO units (tenant_id, code, name, type) SELECT ?, 'U' || x, '单位' || x, "
              "CASE WHEN x % 2 = 0 THEN 'community' ELSE 'department' END FROM s",
              {tenant});
      c.query("INSERT INTO grids (tenant_id, code, name, community_unit_id, geometry) "
              "SELECT ?, printf('370303%09d', id), name, id, '{}' FROM units WHERE type = 'community'",
              {tenant});
      c.query("WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 1000000) "
              "INSERT INTO problems (tenant_id, number, state, source, category_code, lng, lat, address, description, "
              "grid_id, unit_id, reporter_id, reported_at, dispatched_at, handled_at, deadline, rework_count, updated_at) "
              "SELECT ?, 'B' || x, CASE x % 5 WHEN 0 THEN 'dispatched' WHEN 1 THEN 'handled' ELSE 'closed' END, "
              "CASE x % 7 WHEN 0 THEN 'media' WHEN 1 THEN 'higher_level' WHEN 2 THEN 'covert' ELSE 'patrol' END, "
              "'06010', 0, 0, 'a', 'd', (SELECT MIN(id) FROM grids) + x % 500, (SELECT MIN(id) FROM units) + x % 1000, ?, "
              "? + x * 31536, ? + x * 31536, CASE WHEN x % 5 = 0 THEN NULL ELSE ? + x * 31536 + 3600000 END, "
              "? + x * 31536 + 7200000 - (x % 3) * 7200000, x % 11 = 0, 0 FROM s",
              {tenant, user, at(2024, 1, 1), at(2024, 1, 1), at(2024, 1, 1), at(2024, 1, 1)});
      c.exec_script("ANALYZE");
    });
    std::printf("seeded 1 000 units and 1 000 000 problems in %.1f s\n",
                std::chrono::duration<double>(Clock::now() - t_seed).count());
    const auto p = *domain::assessment::parse_period("2024-06");
    for (const char* file : {"data/assessment/handling.json", "data/assessment/territorial.json"}) {
      auto scheme = domain::assessment::parse_scheme(boost::json::parse(*embedded::find(file))).take();
      const auto t0 = Clock::now();
      std::vector<domain::assessment::UnitFacts> in;
      db.read([&](Conn& c) {
        store::FactMap f;
        if (scheme.kind == "handling") store::add_handling_facts(c, tenant, p.from, p.to, p.to, f);
        else store::add_territorial_facts(c, tenant, p.from, p.to, p.to, f);
        store::add_entry_facts(c, tenant, scheme.code, p.code, f);
        store::add_accountability_facts(c, tenant, p.from, p.to, f);
        for (const auto& u : store::units_of_types(c, tenant, scheme.unit_types)) in.push_back({u.id, u.name, f[u.id]});
      });
      auto scores = domain::assessment::score_all(scheme, in);
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      std::printf("| envgrid monthly assessment, scheme %s | %zu units scored | %.0f ms |\n", scheme.code.c_str(),
                  scores.size(), ms);
    }
    // Baseline: the same cohort counts with one query per unit (first 100 units, scaled).
    const auto t1 = Clock::now();
    db.read([&](Conn& c) {
      auto units = c.query("SELECT id FROM units WHERE tenant_id = ? AND type = 'department' ORDER BY id LIMIT 100", {tenant});
      for (const auto& u : units.rows)
        c.query("SELECT COUNT(*), SUM(state = 'closed'), SUM(handled_at IS NOT NULL AND handled_at <= deadline), "
                "SUM(rework_count > 0) FROM problems WHERE tenant_id = ? AND unit_id = ? AND dispatched_at >= ? AND "
                "dispatched_at < ?",
                {tenant, u.i64(0), p.from, p.to});
    });
    const double naive = std::chrono::duration<double, std::milli>(Clock::now() - t1).count();
    std::printf("| baseline: one query per unit (100 units measured, ×5 for 500) | %.0f ms for 100 → ≈ %.0f ms |\n", naive,
                naive * 5);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
