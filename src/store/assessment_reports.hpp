#pragma once
// Counts for bulletins and work reports (通报, 汇报材料): problems by category, outcome
// quantities, headline totals, and problems with photos for the exposure list.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace envgrid::store {

struct LedgerTotals {
  std::int64_t reported = 0, dispatched = 0, closed = 0, on_time = 0, overdue_open = 0, rebound = 0;
};
// Reported/dispatched/closed in [from, to); open past deadline at `at`.
LedgerTotals ledger_totals(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to, std::int64_t at);

struct CategoryCount {
  std::string code;
  std::int64_t reported = 0, closed = 0;
};
// By category: reported in and closed in [from, to), most closed first.
std::vector<CategoryCount> category_counts(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to);

struct OutcomeTotal {
  std::string kind, label, unit;
  double quantity = 0;
  std::int64_t problems = 0;
};
// Outcomes (problems.outcome {kind, label, quantity, unit}) of problems handled in
// [from, to) and not sent back for rework since, summed by kind and unit.
std::vector<OutcomeTotal> outcome_totals(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to);

struct ProblemPhotos {
  std::int64_t id = 0, unit_id = 0;
  std::string number, address, category_code, state, before_sha, after_sha;
};
// Problems reported in [from, to) in the grids of the given communities (or dispatched
// to the given departments), at most `per_unit` each, with one before and one after photo.
std::vector<ProblemPhotos> exposure_problems(Conn& c, std::int64_t tenant, const std::vector<std::int64_t>& units,
                                             bool territorial, std::int64_t from, std::int64_t to, int per_unit);

// Category code → name from the tenant's "categories" setting ({code, name} objects anywhere).
std::vector<std::pair<std::string, std::string>> category_names(Conn& c, std::int64_t tenant);

}  // namespace envgrid::store
