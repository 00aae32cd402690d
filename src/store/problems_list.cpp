// The ledger list: filters, scoping and keyset paging.
#include <cmath>

#include "store/problems.hpp"

namespace envgrid::store {
namespace {


std::string escape_like(const std::string& q) {
  std::string out;
  for (char ch : q) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}

// Conditions shared by every branch, with their parameters appended to params.
std::string common_where(const ProblemFilter& f, Params& params, bool with_unit) {
  std::string w;
  auto add = [&](const std::string& cond) { w += " AND " + cond; };
  if (with_unit && f.unit_id) {
    add("unit_id = ?");
    params.push_back(*f.unit_id);
  }
  if (!f.sources.empty()) {
    add("source IN " + in_list(f.sources.size()));
    for (const auto& s : f.sources) params.push_back(s);
  }
  if (f.category) {
    add("category_code = ?");
    params.push_back(*f.category);
  }
  if (f.grid_id) {
    add("grid_id = ?");
    params.push_back(*f.grid_id);
  }
  if (f.campaign_id) {
    add("campaign_id = ?");
    params.push_back(*f.campaign_id);
  }
  // Scope: any of own units (lead or assisting), own grids, own reports.
  std::vector<std::string> scope;
  if (!f.scope_units.empty()) {
    scope.push_back("unit_id IN " + in_list(f.scope_units.size()) +
                    " OR id IN (SELECT problem_id FROM problem_units WHERE unit_id IN " + in_list(f.scope_units.size()) + ")");
    for (int k = 0; k < 2; ++k)
      for (auto u : f.scope_units) params.push_back(u);
  }
  if (!f.scope_grids.empty()) {
    scope.push_back("grid_id IN " + in_list(f.scope_grids.size()));
    for (auto g : f.scope_grids) params.push_back(g);
  }
  if (f.scope_reporter) {
    scope.push_back("reporter_id = ?");
    params.push_back(*f.scope_reporter);
  }
  if (!scope.empty()) {
    std::string cond;
    for (const auto& part : scope) cond += (cond.empty() ? "(" : " OR ") + part;
    add(cond + ")");
  }
  if (f.from) {
    add("reported_at >= ?");
    params.push_back(*f.from);
  }
  if (f.to) {
    add("reported_at < ?");
    params.push_back(*f.to);
  }
  if (f.q) {
    add("(number LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')");
    std::string pat = "%" + escape_like(*f.q) + "%";
    for (int k = 0; k < 3; ++k) params.push_back(pat);
  }
  if (f.overdue) {
    add("state = 'dispatched' AND suspended = 0 AND deadline < ?");
    params.push_back(f.now);
  }
  if (f.light) {
    // The clock stops at handling; compare the handling time, or now while still open.
    if (*f.light == "green") add("deadline IS NOT NULL AND COALESCE(handled_at, ?) < warn_at");
    else if (*f.light == "yellow") add("deadline IS NOT NULL AND COALESCE(handled_at, ?) >= warn_at AND COALESCE(handled_at, ?) <= deadline");
    else add("deadline IS NOT NULL AND COALESCE(handled_at, ?) > deadline");
    params.push_back(f.now);
    if (*f.light == "yellow") params.push_back(f.now);
  }
  if (f.near_lng && f.near_lat && f.near_radius_m) {
    // Equirectangular distance: plain arithmetic, the same on both databases.
    const double kx = 111320.0 * std::cos(*f.near_lat * M_PI / 180.0), ky = 110540.0;
    const double dlng = *f.near_radius_m / kx, dlat = *f.near_radius_m / ky;
    add("lng BETWEEN ? AND ? AND lat BETWEEN ? AND ? AND ((lng - ?) * ?) * ((lng - ?) * ?) + ((lat - ?) * ?) * ((lat - ?) * ?) <= ?");
    for (Param p : Params{*f.near_lng - dlng, *f.near_lng + dlng, *f.near_lat - dlat, *f.near_lat + dlat, *f.near_lng, kx,
                          *f.near_lng, kx, *f.near_lat, ky, *f.near_lat, ky, *f.near_radius_m * *f.near_radius_m})
      params.push_back(p);
  }
  return w;
}

std::string branch(const ProblemFilter& f, const std::string* state, int limit, bool cursor, Params& params,
                   std::int64_t tenant, const std::optional<Cursor>& after) {
  std::string sql = std::string("SELECT ") + problem_columns() + " FROM problems WHERE tenant_id = ?";
  params.push_back(tenant);
  if (f.unit_id) {
    sql += " AND unit_id = ?";
    params.push_back(*f.unit_id);
  }
  if (state) {
    sql += " AND state = ?";
    params.push_back(*state);
  }
  sql += common_where(f, params, false);
  if (cursor) {
    sql += " AND (reported_at < ? OR (reported_at = ? AND id < ?))";
    params.push_back(after ? after->reported_at : 0);
    params.push_back(after ? after->reported_at : 0);
    params.push_back(after ? after->id : 0);
  }
  sql += " ORDER BY reported_at DESC, id DESC LIMIT " + std::to_string(limit);
  return sql;
}

std::string build(const ProblemFilter& f, int limit, bool cursor, Params& params, std::int64_t tenant,
                  const std::optional<Cursor>& after) {
  if (f.states.size() <= 1)
    return branch(f, f.states.empty() ? nullptr : &f.states.front(), limit, cursor, params, tenant, after);
  std::string sql = "SELECT * FROM (";
  for (size_t i = 0; i < f.states.size(); ++i) {
    if (i) sql += " UNION ALL ";
    sql += "SELECT * FROM (" + branch(f, &f.states[i], limit, cursor, params, tenant, after) + ") b" + std::to_string(i);
  }
  sql += ") u ORDER BY reported_at DESC, id DESC LIMIT " + std::to_string(limit);
  return sql;
}

}  // namespace

std::string list_problems_sql(const ProblemFilter& f, int limit, bool has_cursor) {
  Params ignored;
  return build(f, limit, has_cursor, ignored, 0, std::nullopt);
}

ProblemPage list_problems(Conn& c, std::int64_t tenant_id, const ProblemFilter& f, int limit,
                          const std::optional<Cursor>& after) {
  Params params;
  // One row more than asked tells whether there is a next page.
  std::string sql = build(f, limit + 1, after.has_value(), params, tenant_id, after);
  auto rows = c.query(sql, params).rows;
  ProblemPage page;
  for (size_t i = 0; i < rows.size() && static_cast<int>(i) < limit; ++i) page.items.push_back(read_problem_row(rows[i]));
  if (static_cast<int>(rows.size()) > limit && !page.items.empty())
    page.next = Cursor{page.items.back().reported_at, page.items.back().id};
  return page;
}

std::vector<std::pair<std::string, std::int64_t>> count_problems(Conn& c, std::int64_t tenant_id, const ProblemFilter& f,
                                                                 const std::string& key_sql) {
  Params params{tenant_id};
  std::string sql = "SELECT " + key_sql + " AS k, COUNT(*) FROM problems WHERE tenant_id = ?";
  if (!f.states.empty()) {
    sql += " AND state IN " + in_list(f.states.size());
    for (const auto& s : f.states) params.push_back(s);
  }
  sql += common_where(f, params, true) + " GROUP BY k ORDER BY COUNT(*) DESC, k";
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& r : c.query(sql, params).rows) out.emplace_back(r.null(0) ? "" : r.str(0), r.i64(1));
  return out;
}

}  // namespace envgrid::store
