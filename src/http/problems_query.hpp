#pragma once
// Ledger filters from the query string (shared by the list, the stats and the XLSX
// export) and the data scope of the signed-in user.
#include <set>
#include <string>

#include "http/app.hpp"
#include "store/problems.hpp"

namespace envgrid::http {

// Parses every filter; unknown parameters and bad values → 400 naming them.
// `extra` lists further parameters the caller accepts (e.g. limit, cursor, group_by).
store::ProblemFilter parse_problem_filter(const Request& req, core::Millis now, const std::set<std::string>& extra);
// Narrows f to what the actor may see (unit_handler: own unit; grid_worker: own grids
// and own reports; others without tenant-wide read: own reports).
void apply_scope(const Actor& a, store::ProblemFilter& f);
// Whether the actor may see this problem (same rules as apply_scope).
bool can_see(const Actor& a, const store::ProblemRow& p, const std::vector<std::int64_t>& assist_units);
// Loads a problem the actor may see, else 404 (another unit's or tenant's problem).
store::ProblemRow load_visible_problem(App& app, const Actor& a, std::int64_t id);

}  // namespace envgrid::http
