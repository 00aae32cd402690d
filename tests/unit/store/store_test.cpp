#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "fixture.hpp"
#include "store/problems.hpp"

namespace envgrid::store::test {

TEST_F(DbTest, MigratesToLatestAndRecordsVersion) {
  EXPECT_EQ(schema_version(*db_), latest_schema_version(Dialect::sqlite));
  EXPECT_EQ(migrate(*db_), 0);  // idempotent
}

TEST_F(DbTest, DefaultTenantCarriesDefaultSettings) {
  auto n = db_->read([&](Conn& c) { return c.scalar_i64("SELECT COUNT(*) FROM tenants"); });
  EXPECT_EQ(n, 1);
  EXPECT_EQ(ensure_default_tenant(*db_, 2000), tenant_);
}

TEST_F(DbTest, FailedJobRollsBackOnlyItselfInABatch) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 40; ++i)
    threads.emplace_back([&, i] {
      try {
        db_->write([&](Conn& c) {
          c.query("INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (?, ?, 'v', 0)",
                  {tenant_, "k" + std::to_string(i)});
          if (i % 4 == 0) throw std::runtime_error("job fails after its insert");
        });
      } catch (const std::runtime_error&) {
        ++failures;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 10);
  auto n = db_->read([&](Conn& c) { return c.scalar_i64("SELECT COUNT(*) FROM settings WHERE key LIKE 'k%'"); });
  EXPECT_EQ(n, 30);
}

TEST_F(DbTest, UniqueViolationIsTyped) {
  db_->write([&](Conn& c) { c.query("INSERT INTO units (tenant_id, code, name, type) VALUES (?, 'U1', 'a', 'team')", {tenant_}); });
  try {
    db_->write([&](Conn& c) { c.query("INSERT INTO units (tenant_id, code, name, type) VALUES (?, 'U1', 'b', 'team')", {tenant_}); });
    FAIL() << "expected a unique violation";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::unique);
  }
}

TEST_F(DbTest, StateCheckConstraintRefusesUnknownState) {
  EXPECT_THROW(db_->write([&](Conn& c) {
    c.query("INSERT INTO problems (tenant_id, number, state, source, category_code, lng, lat, address, description, "
            "reporter_id, reported_at, updated_at) VALUES (?, 'n', 'lost', 'patrol', 'x', 0, 0, '', '', ?, 0, 0)",
            {tenant_, user_});
  }), DbError);
}

TEST_F(DbTest, ProblemNumbersRollPerDay) {
  auto a = db_->write([&](Conn& c) { return next_problem_number(c, tenant_, "20240913"); });
  auto b = db_->write([&](Conn& c) { return next_problem_number(c, tenant_, "20240913"); });
  auto d = db_->write([&](Conn& c) { return next_problem_number(c, tenant_, "20240914"); });
  EXPECT_EQ(a, "202409130001");
  EXPECT_EQ(b, "202409130002");
  EXPECT_EQ(d, "202409140001");
}

ProblemRow sample(std::int64_t tenant, std::int64_t user, std::int64_t t, const std::string& state) {
  ProblemRow p;
  p.tenant_id = tenant;
  static int seq = 0;
  p.number = "N" + std::to_string(++seq);
  p.state = state;
  p.source = "patrol";
  p.category_code = "06010";
  p.lng = 118.05;
  p.lat = 36.8;
  p.address = "文峰路";
  p.description = "垃圾";
  p.reporter_id = user;
  p.reported_at = t;
  p.updated_at = t;
  return p;
}

TEST_F(DbTest, StaleVersionUpdateChangesNothing) {
  auto id = db_->write([&](Conn& c) { return insert_problem(c, sample(tenant_, user_, 1, "reported")); });
  auto p = *db_->read([&](Conn& c) { return get_problem(c, tenant_, id); });
  p.state = "registered";
  EXPECT_TRUE(db_->write([&](Conn& c) { return update_problem(c, p); }));
  p.state = "rejected";  // still version 1: stale
  EXPECT_FALSE(db_->write([&](Conn& c) { return update_problem(c, p); }));
  auto now = *db_->read([&](Conn& c) { return get_problem(c, tenant_, id); });
  EXPECT_EQ(now.state, "registered");
  EXPECT_EQ(now.version, 2);
}

TEST_F(DbTest, KeysetPagesWalkEveryRowOnceNewestFirst) {
  db_->write([&](Conn& c) {
    for (int i = 0; i < 130; ++i)
      insert_problem(c, sample(tenant_, user_, 1000 + i / 3, i % 2 ? "dispatched" : "handled"));  // ties in time
  });
  ProblemFilter f;
  f.states = {"dispatched", "handled"};
  std::optional<Cursor> cur;
  std::vector<std::int64_t> seen;
  std::int64_t last_t = INT64_MAX, last_id = INT64_MAX;
  for (int page = 0; page < 10; ++page) {
    auto pg = db_->read([&](Conn& c) { return list_problems(c, tenant_, f, 50, cur); });
    for (const auto& p : pg.items) {
      EXPECT_TRUE(p.reported_at < last_t || (p.reported_at == last_t && p.id < last_id));
      last_t = p.reported_at;
      last_id = p.id;
      seen.push_back(p.id);
    }
    if (!pg.next) break;
    cur = pg.next;
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen.size(), 130u);
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
}

TEST(GeoCell, CellsCoverEveryPointWithinTheRadius) {
  // 30 m at 36.8°N in degrees, as the intake computes it.
  const double lng = 118.05, lat = 36.8, dlat = 30 / 110000.0, dlng = 30 / (110000.0 * std::cos(lat * M_PI / 180));
  auto cells = geo_cells(lng, lat, dlng, dlat);
  ASSERT_FALSE(cells.empty());
  for (double dx : {-1.0, -0.5, 0.0, 0.7, 1.0})
    for (double dy : {-1.0, 0.0, 0.3, 1.0})
      EXPECT_NE(std::find(cells.begin(), cells.end(), geo_cell(lng + dx * dlng, lat + dy * dlat)), cells.end());
  EXPECT_TRUE(geo_cells(lng, lat, 1.0, 1.0).empty());  // too many cells: the caller falls back
}

TEST(Cursor, RoundTripsAndRejectsGarbage) {
  EXPECT_EQ(decode_cursor(encode_cursor({123, 45}))->id, 45);
  EXPECT_FALSE(decode_cursor("abc"));
  EXPECT_FALSE(decode_cursor("1_"));
  EXPECT_FALSE(decode_cursor("1_2; DROP TABLE problems"));
}

}  // namespace envgrid::store::test
