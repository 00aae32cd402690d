#include "store/problems.hpp"

#include <cmath>
#include <cstdio>

namespace envgrid::store {
namespace {

const char* kCols =
    "id, tenant_id, number, state, suspended, source, source_level, severity, category_code, lng, lat, address, "
    "description, grid_id, zone_ids, suggested_unit_id, unit_id, reporter_id, campaign_id, feedback_item_id, "
    "reported_at, accepted_at, dispatched_at, handled_at, closed_at, explicit_deadline, deadline, warn_at, "
    "step_deadline, sla, rework_count, return_count, duplicate_of, rebound_of, merged_into, outside_grid, "
    "fixed_on_spot, sampled, outcome, evidence, version, updated_at";

}  // namespace

const char* problem_columns() { return kCols; }

ProblemRow read_problem_row(const Row& r) {
  ProblemRow p;
  size_t i = 0;
  p.id = r.i64(i++);
  p.tenant_id = r.i64(i++);
  p.number = r.str(i++);
  p.state = r.str(i++);
  p.suspended = r.boolean(i++);
  p.source = r.str(i++);
  p.source_level = r.opt_str(i++);
  p.severity = r.opt_str(i++);
  p.category_code = r.str(i++);
  p.lng = r.f64(i++);
  p.lat = r.f64(i++);
  p.address = r.str(i++);
  p.description = r.str(i++);
  p.grid_id = r.opt_i64(i++);
  p.zone_ids = r.str(i++);
  p.suggested_unit_id = r.opt_i64(i++);
  p.unit_id = r.opt_i64(i++);
  p.reporter_id = r.i64(i++);
  p.campaign_id = r.opt_i64(i++);
  p.feedback_item_id = r.opt_i64(i++);
  p.reported_at = r.i64(i++);
  p.accepted_at = r.opt_i64(i++);
  p.dispatched_at = r.opt_i64(i++);
  p.handled_at = r.opt_i64(i++);
  p.closed_at = r.opt_i64(i++);
  p.explicit_deadline = r.opt_i64(i++);
  p.deadline = r.opt_i64(i++);
  p.warn_at = r.opt_i64(i++);
  p.step_deadline = r.opt_i64(i++);
  p.sla = r.str(i++);
  p.rework_count = static_cast<int>(r.i64(i++));
  p.return_count = static_cast<int>(r.i64(i++));
  p.duplicate_of = r.opt_i64(i++);
  p.rebound_of = r.opt_i64(i++);
  p.merged_into = r.opt_i64(i++);
  p.outside_grid = r.boolean(i++);
  p.fixed_on_spot = r.boolean(i++);
  p.sampled = r.boolean(i++);
  p.outcome = r.opt_str(i++);
  p.evidence = r.str(i++);
  p.version = r.i64(i++);
  p.updated_at = r.i64(i++);
  return p;
}

namespace {

Params mutable_params(const ProblemRow& p) {
  return {p.state, static_cast<std::int64_t>(p.suspended), p.source, opt_param(p.source_level), opt_param(p.severity),
          p.category_code, p.lng, p.lat, p.address, p.description, opt_param(p.grid_id), p.zone_ids,
          opt_param(p.suggested_unit_id), opt_param(p.unit_id), opt_param(p.campaign_id), opt_param(p.feedback_item_id),
          opt_param(p.accepted_at), opt_param(p.dispatched_at), opt_param(p.handled_at), opt_param(p.closed_at),
          opt_param(p.explicit_deadline), opt_param(p.deadline), opt_param(p.warn_at), opt_param(p.step_deadline), p.sla,
          static_cast<std::int64_t>(p.rework_count), static_cast<std::int64_t>(p.return_count), opt_param(p.duplicate_of),
          opt_param(p.rebound_of), opt_param(p.merged_into), static_cast<std::int64_t>(p.outside_grid),
          static_cast<std::int64_t>(p.fixed_on_spot), static_cast<std::int64_t>(p.sampled), opt_param(p.outcome),
          p.evidence, p.updated_at};
}

const char* kMutableCols =
    "state, suspended, source, source_level, severity, category_code, lng, lat, address, description, grid_id, "
    "zone_ids, suggested_unit_id, unit_id, campaign_id, feedback_item_id, accepted_at, dispatched_at, handled_at, "
    "closed_at, explicit_deadline, deadline, warn_at, step_deadline, sla, rework_count, return_count, duplicate_of, "
    "rebound_of, merged_into, outside_grid, fixed_on_spot, sampled, outcome, evidence, updated_at";

}  // namespace

std::optional<ProblemRow> get_problem(Conn& c, std::int64_t tenant_id, std::int64_t id) {
  auto r = c.first(std::string("SELECT ") + kCols + " FROM problems WHERE tenant_id = ? AND id = ?", {tenant_id, id});
  if (!r) return std::nullopt;
  return read_problem_row(*r);
}

std::vector<ProblemRow> get_problems(Conn& c, std::int64_t tenant_id, const std::vector<std::int64_t>& ids) {
  std::vector<ProblemRow> out;
  for (auto id : ids)
    if (auto p = get_problem(c, tenant_id, id)) out.push_back(std::move(*p));
  return out;
}

std::int64_t geo_cell(double lng, double lat) {
  const auto x = static_cast<std::int64_t>(std::floor((lng + 180.0) / kCellDegrees));
  const auto y = static_cast<std::int64_t>(std::floor((lat + 90.0) / kCellDegrees));
  return y * 1'000'000 + x;
}

std::vector<std::int64_t> geo_cells(double lng, double lat, double dlng, double dlat, size_t max_cells) {
  const auto x0 = static_cast<std::int64_t>(std::floor((lng - dlng + 180.0) / kCellDegrees));
  const auto x1 = static_cast<std::int64_t>(std::floor((lng + dlng + 180.0) / kCellDegrees));
  const auto y0 = static_cast<std::int64_t>(std::floor((lat - dlat + 90.0) / kCellDegrees));
  const auto y1 = static_cast<std::int64_t>(std::floor((lat + dlat + 90.0) / kCellDegrees));
  std::vector<std::int64_t> out;
  if (static_cast<size_t>((x1 - x0 + 1) * (y1 - y0 + 1)) > max_cells) return out;
  for (auto y = y0; y <= y1; ++y)
    for (auto x = x0; x <= x1; ++x) out.push_back(y * 1'000'000 + x);
  return out;
}

std::int64_t insert_problem(Conn& c, const ProblemRow& p) {
  Params params = {p.tenant_id, p.number, p.reporter_id, p.reported_at, geo_cell(p.lng, p.lat)};
  for (auto& x : mutable_params(p)) params.push_back(std::move(x));
  std::string marks;
  for (size_t i = 0; i < params.size(); ++i) marks += i ? ", ?" : "?";
  return c.insert(std::string("INSERT INTO problems (tenant_id, number, reporter_id, reported_at, cell, ") + kMutableCols +
                      ") VALUES (" + marks + ") RETURNING id",
                  params);
}

bool update_problem(Conn& c, const ProblemRow& p) {
  std::string sets;
  std::string cols = kMutableCols;
  size_t start = 0;
  while (start < cols.size()) {
    size_t comma = cols.find(", ", start);
    std::string col = cols.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    sets += (sets.empty() ? "" : ", ") + col + " = ?";
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  Params params = mutable_params(p);
  params.push_back(p.tenant_id);
  params.push_back(p.id);
  params.push_back(p.version);
  // The cell follows the point (only changes when a location is corrected).
  params.insert(params.end() - 3, geo_cell(p.lng, p.lat));
  auto r = c.query("UPDATE problems SET " + sets + ", cell = ?, version = version + 1 WHERE tenant_id = ? AND id = ? AND version = ?",
                   params);
  return r.affected == 1;
}

std::string next_problem_number(Conn& c, std::int64_t tenant_id, const std::string& day) {
  auto r = c.query(
      "INSERT INTO number_seq (tenant_id, day, last) VALUES (?, ?, 1) "
      "ON CONFLICT (tenant_id, day) DO UPDATE SET last = number_seq.last + 1 RETURNING last",
      {tenant_id, day});
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%04lld", day.c_str(), static_cast<long long>(r.one().i64(0)));
  return buf;
}

std::vector<std::int64_t> assist_units(Conn& c, std::int64_t problem_id) {
  std::vector<std::int64_t> out;
  for (const auto& r : c.query("SELECT unit_id FROM problem_units WHERE problem_id = ? ORDER BY unit_id", {problem_id}).rows)
    out.push_back(r.i64(0));
  return out;
}

void set_assist_units(Conn& c, std::int64_t tenant_id, std::int64_t problem_id, const std::vector<std::int64_t>& units) {
  c.query("DELETE FROM problem_units WHERE problem_id = ?", {problem_id});
  for (auto u : units)
    c.query("INSERT INTO problem_units (tenant_id, problem_id, unit_id, role) VALUES (?, ?, ?, 'assist')",
            {tenant_id, problem_id, u});
}

std::string encode_cursor(const Cursor& c) { return std::to_string(c.reported_at) + "_" + std::to_string(c.id); }

std::optional<Cursor> decode_cursor(const std::string& s) {
  auto us = s.find('_');
  if (us == std::string::npos || us == 0 || us + 1 >= s.size() || s.size() > 40) return std::nullopt;
  auto digits = [](const std::string& x) { return !x.empty() && x.find_first_not_of("0123456789") == std::string::npos; };
  std::string a = s.substr(0, us), b = s.substr(us + 1);
  if (!digits(a) || !digits(b) || a.size() > 15 || b.size() > 18) return std::nullopt;
  return Cursor{std::stoll(a), std::stoll(b)};
}

}  // namespace envgrid::store
