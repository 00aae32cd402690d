// Regression: SQLite's planner picks a wrong index for multi-state ledger lists even
// after ANALYZE. The list SQL is shaped so each state branch walks an index in order:
// no branch may sort rows in a temp B-tree.
#include <sstream>

#include "fixture.hpp"
#include "store/problems.hpp"

namespace envgrid::store::test {

static std::string plan_of(Database& db, const std::string& sql, size_t params) {
  return db.read([&](Conn& c) {
    Params p(params, Param(std::int64_t{1}));
    std::string out;
    for (const auto& r : c.query("EXPLAIN QUERY PLAN " + sql, p).rows) out += r.str(3) + "\n";
    return out;
  });
}

static size_t count_params(const std::string& sql) { return static_cast<size_t>(std::count(sql.begin(), sql.end(), '?')); }

TEST_F(DbTest, UnitMultiStateListUsesTheUnitStateIndexWithoutSorting) {
  db_->write([&](Conn& c) { c.exec_script("ANALYZE"); });
  ProblemFilter f;
  f.unit_id = 7;
  f.states = {"dispatched", "handled", "registered"};
  for (bool cursor : {false, true}) {
    auto sql = list_problems_sql(f, 51, cursor);
    auto plan = plan_of(*db_, sql, count_params(sql));
    EXPECT_NE(plan.find("problems_unit_state"), std::string::npos) << plan;
    // The outer merge may sort each branch's output (at most 51 rows, "SCAN b<i>");
    // a sort right after "SEARCH problems" would sort every matching row: forbidden.
    std::istringstream in(plan);
    std::string line, prev;
    while (std::getline(in, line)) {
      if (line.find("USE TEMP B-TREE") != std::string::npos) {
        EXPECT_EQ(prev.rfind("SCAN b", 0), 0u) << "unbounded sort after: " << prev << "\n" << plan;
      }
      prev = line;
    }
  }
}

TEST_F(DbTest, StateOnlyListUsesTheStateIndex) {
  ProblemFilter f;
  f.states = {"dispatched"};
  auto sql = list_problems_sql(f, 51, true);
  auto plan = plan_of(*db_, sql, count_params(sql));
  EXPECT_NE(plan.find("problems_state"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

TEST_F(DbTest, UnfilteredListWalksReportedAtIndex) {
  ProblemFilter f;
  auto sql = list_problems_sql(f, 51, false);
  auto plan = plan_of(*db_, sql, count_params(sql));
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

}  // namespace envgrid::store::test
