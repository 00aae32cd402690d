#pragma once
// The problem ledger's rows: reading, inserting, version-checked updates, keyset-paged
// lists whose SQL shape pins the index plan on both databases.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace envgrid::store {

struct ProblemRow {
  std::int64_t id = 0, tenant_id = 0;
  std::string number, state;
  bool suspended = false;
  std::string source;
  std::optional<std::string> source_level, severity;
  std::string category_code;
  double lng = 0, lat = 0;
  std::string address, description;
  std::optional<std::int64_t> grid_id;
  std::string zone_ids;  // comma-separated
  std::optional<std::int64_t> suggested_unit_id, unit_id;
  std::int64_t reporter_id = 0;
  std::optional<std::int64_t> campaign_id, feedback_item_id;
  std::int64_t reported_at = 0;
  std::optional<std::int64_t> accepted_at, dispatched_at, handled_at, closed_at, explicit_deadline, deadline, warn_at,
      step_deadline;
  std::string sla = "{}";  // JSON: SLA inputs (limit, extensions, suspensions, rework_at, cap, mode)
  int rework_count = 0, return_count = 0;
  std::optional<std::int64_t> duplicate_of, rebound_of, merged_into;
  bool outside_grid = false, fixed_on_spot = false, sampled = false;
  std::optional<std::string> outcome;  // JSON
  std::string evidence = "[]";         // JSON
  std::int64_t version = 1, updated_at = 0;
};

// Nearby problems are found through a square cell key of about 55 m × 45 m (0.0005°),
// indexed with the category: a search of radius r reads only the cells covering it.
inline constexpr double kCellDegrees = 0.0005;
std::int64_t geo_cell(double lng, double lat);
// The cells covering the box lng ± dlng, lat ± dlat; empty when that would be more than
// max_cells (the caller then searches without cells).
std::vector<std::int64_t> geo_cells(double lng, double lat, double dlng, double dlat, size_t max_cells = 64);

// The column list every problem SELECT uses, and the reader for such a row.
const char* problem_columns();
ProblemRow read_problem_row(const Row& r);

std::optional<ProblemRow> get_problem(Conn& c, std::int64_t tenant_id, std::int64_t id);
std::vector<ProblemRow> get_problems(Conn& c, std::int64_t tenant_id, const std::vector<std::int64_t>& ids);
// Inserts and returns the id (number must be unique per tenant).
std::int64_t insert_problem(Conn& c, const ProblemRow& p);
// Writes every mutable column where id and version match; bumps version. False if stale.
bool update_problem(Conn& c, const ProblemRow& p);
// Next number for the Shanghai day "YYYYMMDD": "YYYYMMDD" + 4-digit sequence.
std::string next_problem_number(Conn& c, std::int64_t tenant_id, const std::string& yyyymmdd);

struct ProblemFilter {
  std::vector<std::string> states, sources;
  std::optional<std::string> category;  // exact code, or a top-level prefix
  std::optional<std::int64_t> unit_id, grid_id, campaign_id;
  std::vector<std::int64_t> scope_units;  // unit_handler scope: lead or assisting unit
  std::vector<std::int64_t> scope_grids;  // grid_worker scope (also own reports)
  std::optional<std::int64_t> scope_reporter;
  std::optional<std::int64_t> from, to;  // reported_at range [from, to)
  std::optional<std::string> q;         // number, address or description contains
  std::optional<std::string> light;     // green|yellow|red
  bool overdue = false;
  std::optional<double> near_lng, near_lat, near_radius_m;
  std::int64_t now = 0;
};

struct Cursor {
  std::int64_t reported_at = 0, id = 0;
};

struct ProblemPage {
  std::vector<ProblemRow> items;
  std::optional<Cursor> next;
};

// Newest first, keyset-paged. One UNION ALL branch per state so each branch walks its
// index range in order (SQLite would otherwise sort every matching row).
ProblemPage list_problems(Conn& c, std::int64_t tenant_id, const ProblemFilter& f, int limit,
                          const std::optional<Cursor>& after);
// The SQL list_problems would run (for the plan test and the benchmark).
std::string list_problems_sql(const ProblemFilter& f, int limit, bool has_cursor);

// (group key, count) over the filtered problems; key_sql is a column or expression.
std::vector<std::pair<std::string, std::int64_t>> count_problems(Conn& c, std::int64_t tenant_id, const ProblemFilter& f,
                                                                 const std::string& key_sql);

std::string encode_cursor(const Cursor& c);
std::optional<Cursor> decode_cursor(const std::string& s);

// Assisting units of a problem.
std::vector<std::int64_t> assist_units(Conn& c, std::int64_t problem_id);
void set_assist_units(Conn& c, std::int64_t tenant_id, std::int64_t problem_id, const std::vector<std::int64_t>& units);

}  // namespace envgrid::store
