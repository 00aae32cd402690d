// The aggregate fact queries on a hand-built ledger (their speed: bench/assessment_bench).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "core/time.hpp"
#include "domain/assessment.hpp"
#include "domain/assessment_period.hpp"
#include "core/embedded.hpp"
#include "store/assessment.hpp"
#include "store/database.hpp"
#include "store/migrate.hpp"

using namespace envgrid;
using store::Conn;

namespace {

class FactsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("envgrid-assess-" + std::to_string(::getpid()) + "-" +
                                                     std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    store::DatabaseOptions o;
    o.url = "sqlite:" + (dir_ / "t.db").string();
    db_ = std::make_unique<store::Database>(o);
    store::migrate(*db_);
    tenant_ = store::ensure_default_tenant(*db_, 1000);
    db_->write([&](Conn& c) {
      user_ = c.insert("INSERT INTO users (tenant_id, username, display_name, password_hash, unit_id, created_at) "
                       "VALUES (?, 'h', 'H', 'x', NULL, 0) RETURNING id", {tenant_});
    });
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::int64_t unit(Conn& c, const std::string& code, const std::string& type) {
    return c.insert("INSERT INTO units (tenant_id, code, name, type) VALUES (?, ?, ?, ?) RETURNING id",
                    {tenant_, code, code, type});
  }
  std::int64_t grid(Conn& c, const std::string& code15, std::int64_t community) {
    return c.insert("INSERT INTO grids (tenant_id, code, name, community_unit_id, geometry) VALUES (?, ?, ?, ?, '{}') "
                    "RETURNING id", {tenant_, code15, code15, community});
  }
  // A problem with the given times (nullptr: unset).
  std::int64_t problem(Conn& c, const std::string& state, const std::string& source, store::Param unit,
                       store::Param grid, core::Millis reported, store::Param dispatched, store::Param handled,
                       store::Param deadline, std::int64_t rework = 0, store::Param rebound = nullptr) {
    return c.insert(
        "INSERT INTO problems (tenant_id, number, state, source, category_code, lng, lat, address, description, "
        "grid_id, unit_id, reporter_id, reported_at, dispatched_at, handled_at, deadline, rework_count, rebound_of, "
        "updated_at) VALUES (?, ?, ?, ?, '06010', 0, 0, 'a', 'd', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id",
        {tenant_, "N" + std::to_string(++seq_), state, source, grid, unit, user_, reported, dispatched, handled,
         deadline, rework, rebound});
  }
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::int64_t tenant_ = 0, user_ = 0, seq_ = 0;
  static inline int counter_ = 0;
};

core::Millis at(int y, int m, int d, int h = 10) { return core::from_local({{y, m, d}, h, 0, 0, 0}); }

}  // namespace

TEST_F(FactsTest, HandlingCohortIsTheMonthOfTheFinalDispatch) {
  std::int64_t dept = 0, other = 0;
  const auto sep = *domain::assessment::parse_period("2024-09");
  db_->write([&](Conn& c) {
    dept = unit(c, "D1", "department");
    other = unit(c, "D2", "department");
    // In the cohort: on time and closed; late and handled; reworked and handled; open and overdue.
    problem(c, "closed", "patrol", dept, nullptr, at(2024, 9, 2), at(2024, 9, 2), at(2024, 9, 3), at(2024, 9, 4));
    problem(c, "handled", "patrol", dept, nullptr, at(2024, 9, 5), at(2024, 9, 5), at(2024, 9, 9), at(2024, 9, 6));
    problem(c, "handled", "patrol", dept, nullptr, at(2024, 9, 5), at(2024, 9, 5), at(2024, 9, 6), at(2024, 9, 7), 1);
    problem(c, "dispatched", "patrol", dept, nullptr, at(2024, 9, 20), at(2024, 9, 20), nullptr, at(2024, 9, 23));
    // Not in it: dispatched in August, or finally to another unit.
    problem(c, "closed", "patrol", dept, nullptr, at(2024, 8, 30), at(2024, 8, 30), at(2024, 8, 31), at(2024, 9, 2));
    problem(c, "dispatched", "patrol", other, nullptr, at(2024, 9, 2), at(2024, 9, 2), nullptr, at(2024, 12, 1));
    c.query("UPDATE users SET unit_id = ? WHERE id = ?", {dept, user_});
    auto pid = problem(c, "registered", "patrol", nullptr, nullptr, at(2024, 9, 2), nullptr, nullptr, nullptr);
    c.query("INSERT INTO transitions (tenant_id, problem_id, seq, action, actor_id, to_state, at, prev_hash, hash) "
            "VALUES (?, ?, 1, 'return', ?, 'registered', ?, '', '')", {tenant_, pid, user_, at(2024, 9, 3)});
  });
  store::FactMap f;
  db_->read([&](Conn& c) { store::add_handling_facts(c, tenant_, sep.from, sep.to, at(2024, 10, 1), f); });
  auto& d = f[dept];
  EXPECT_EQ(d["cohort"], 4);
  EXPECT_EQ(d["closed"], 1);
  EXPECT_EQ(d["handled"], 3);
  EXPECT_EQ(d["on_time"], 2);
  EXPECT_EQ(d["reworked"], 1);
  EXPECT_EQ(d["overdue"], 1);
  EXPECT_EQ(d["returns"], 1);
  EXPECT_EQ(f[other]["cohort"], 1);
  EXPECT_EQ(f[other]["overdue"], 0);
  // 30·2/4 + 30·1/4 + 20·(1 − 1/3) + 20·(1 − 1/4) − 1 = 15 + 7.5 + 13.33 + 15 − 1 = 49.83
  auto scheme = domain::assessment::parse_scheme(boost::json::parse(*embedded::find("data/assessment/handling.json")));
  auto u = domain::assessment::score_unit(*scheme, {dept, "D1", d});
  EXPECT_DOUBLE_EQ(u.score, 49.83);
}

TEST_F(FactsTest, TerritorialCountsProblemsInTheCommunityGridsBySource) {
  std::int64_t a = 0, b = 0;
  const auto sep = *domain::assessment::parse_period("2024-09");
  db_->write([&](Conn& c) {
    a = unit(c, "C1", "community");
    b = unit(c, "C2", "community");
    auto ga = grid(c, "370303001001001", a), gb = grid(c, "370303001002001", b);
    problem(c, "closed", "higher_level", nullptr, ga, at(2024, 9, 1), nullptr, nullptr, nullptr);
    problem(c, "closed", "higher_level", nullptr, ga, at(2024, 9, 30, 23), nullptr, nullptr, nullptr);
    auto first = problem(c, "closed", "media", nullptr, ga, at(2024, 9, 3), nullptr, nullptr, nullptr);
    problem(c, "registered", "covert", nullptr, ga, at(2024, 9, 4), nullptr, nullptr, nullptr, 0, first);
    problem(c, "rejected", "media", nullptr, ga, at(2024, 9, 4), nullptr, nullptr, nullptr);
    problem(c, "closed", "media", nullptr, ga, at(2024, 10, 1, 0), nullptr, nullptr, nullptr);
    problem(c, "closed", "patrol", nullptr, gb, at(2024, 9, 4), nullptr, nullptr, nullptr);
  });
  store::FactMap f;
  db_->read([&](Conn& c) { store::add_territorial_facts(c, tenant_, sep.from, sep.to, at(2024, 10, 1), f); });
  EXPECT_EQ(f[a]["problems"], 4);
  EXPECT_EQ(f[a]["src_higher_level"], 2);
  EXPECT_EQ(f[a]["src_media"], 1);
  EXPECT_EQ(f[a]["src_covert"], 1);
  EXPECT_EQ(f[a]["rebound"], 1);
  EXPECT_EQ(f[b]["problems"], 1);
  EXPECT_EQ(f[b]["src_media"], 0);
}

