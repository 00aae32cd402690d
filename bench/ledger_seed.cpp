// Fills a migrated database with N synthetic problems for the ledger benchmarks, and
// measures the direct-insert baselines the HTTP intake is compared with.
//
//   ledger_seed seed     --db URL --n 1000000 [--units 60]
//   ledger_seed baseline --db URL --rows 5000 --batch 1|100
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "store/database.hpp"
#include "store/migrate.hpp"
#include "store/problems.hpp"

using namespace envgrid;
using Clock = std::chrono::steady_clock;

static const char* kStates[] = {"reported", "registered", "dispatched", "handled", "closed", "closed", "closed", "voided"};
static const char* kSources[] = {"patrol", "inspection", "covert", "higher_level", "media", "citizen", "self_check"};
static const char* kCats[] = {"06010", "06011", "06012", "06001", "06036", "07001", "09005", "09006", "09009", "08004"};

struct Gen {
  std::mt19937_64 rng{42};
  std::int64_t t0 = 1700000000000;  // 2023-11
  std::int64_t seq = 0;     // minutes after t0: the rows' report times
  std::int64_t number = 0;  // unique numbers, continuing after earlier runs
  store::Params row(std::int64_t tenant, std::int64_t user, int units, std::int64_t unit_base, std::int64_t now) {
    ++seq;
    ++number;
    const char* state = kStates[rng() % 8];
    const std::int64_t t = t0 + static_cast<std::int64_t>(seq) * 60000 + static_cast<std::int64_t>(rng() % 60000);
    const bool assigned = std::string(state) != "reported" && std::string(state) != "registered";
    std::int64_t unit = unit_base + static_cast<std::int64_t>(rng() % static_cast<unsigned>(units));
    char num[32];
    std::snprintf(num, sizeof num, "B%011lld", static_cast<long long>(number));
    const double lng = 118.0 + static_cast<double>(rng() % 100000) / 1e6, lat = 36.78 + static_cast<double>(rng() % 40000) / 1e6;
    return {tenant, std::string(num), std::string(state), std::string(kSources[rng() % 7]), std::string(kCats[rng() % 10]),
            lng, lat,
            std::string("文峰路 ") + std::to_string(rng() % 300) + " 号", std::string("路边堆放生活垃圾，影响市容"),
            assigned ? store::Param(unit) : store::Param(nullptr), user, t,
            assigned ? store::Param(t + 3600000) : store::Param(nullptr),
            assigned ? store::Param(t + 3600000 + 4 * 3600000) : store::Param(nullptr), now, store::geo_cell(lng, lat)};
  }
};

static const char* kInsert =
    "INSERT INTO problems (tenant_id, number, state, source, category_code, lng, lat, address, description, unit_id, "
    "reporter_id, reported_at, dispatched_at, deadline, updated_at, cell) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: ledger_seed seed|baseline --db URL [--n N] [--rows N] [--batch N]\n");
    return 2;
  }
  std::string mode = argv[1], url;
  long n = 1000000, rows = 5000, batch = 1;
  int units = 60;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--db") url = v;
    else if (k == "--n") n = std::stol(v);
    else if (k == "--rows") rows = std::stol(v);
    else if (k == "--batch") batch = std::stol(v);
    else if (k == "--units") units = std::stoi(v);
  }
  store::DatabaseOptions o;
  o.url = url;
  store::Database db(o);
  store::migrate(db);
  const auto tenant = store::ensure_default_tenant(db, 0);
  std::int64_t user = 0, unit_base = 0;
  db.write([&](store::Conn& c) {
    auto u = c.first("SELECT id FROM users WHERE tenant_id = ? ORDER BY id LIMIT 1", {tenant});
    user = u ? u->i64(0)
             : c.insert("INSERT INTO users (tenant_id, username, display_name, password_hash, created_at) VALUES (?, "
                        "'bench', 'bench', 'x', 0) RETURNING id",
                        {tenant});
    auto first = c.first("SELECT MIN(id) FROM units WHERE tenant_id = ?", {tenant});
    if (first && !first->null(0)) {
      unit_base = first->i64(0);
      units = static_cast<int>(c.scalar_i64("SELECT COUNT(*) FROM units WHERE tenant_id = ?", {tenant}));
    } else {
      for (int i = 0; i < units; ++i) {
        auto id = c.insert("INSERT INTO units (tenant_id, code, name, type) VALUES (?, ?, ?, 'department') RETURNING id",
                           {tenant, "BU" + std::to_string(i), "单位" + std::to_string(i)});
        if (i == 0) unit_base = id;
      }
    }
  });
  Gen gen;
  gen.number = db.read([&](store::Conn& c) { return c.scalar_i64("SELECT COUNT(*) FROM problems"); }) + 1000000000;
  gen.seq = gen.number - 1000000000;
  const auto start = Clock::now();
  if (mode == "seed") {
    for (long done = 0; done < n;) {
      const long chunk = std::min(20000L, n - done);
      db.write([&](store::Conn& c) {
        for (long i = 0; i < chunk; ++i) c.query(kInsert, gen.row(tenant, user, units, unit_base, 0));
      });
      done += chunk;
      if (done % 200000 == 0) std::fprintf(stderr, "  seeded %ld rows\n", done);
    }
    db.write([](store::Conn& c) { c.exec_script("ANALYZE"); });
    std::printf("seeded %ld problems in %.1f s\n", n, std::chrono::duration<double>(Clock::now() - start).count());
  } else if (mode == "baseline") {
    // Each batch is its own durable transaction, issued one after another from one thread.
    for (long done = 0; done < rows; done += batch)
      db.write([&](store::Conn& c) {
        for (long i = 0; i < batch; ++i) c.query(kInsert, gen.row(tenant, user, units, unit_base, 0));
      });
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("baseline %-10s %ld per transaction: %.0f rows/s\n", store::dialect_name(db.dialect()), batch,
                static_cast<double>(rows) / secs);
  }
  return 0;
}
