// Assessment facts: one aggregate query per cohort, grouped by unit.
#include "store/assessment.hpp"

namespace envgrid::store {

std::vector<UnitRef> units_of_types(Conn& c, std::int64_t tenant, const std::vector<std::string>& types) {
  std::string sql = "SELECT id, name, type, principal FROM units WHERE tenant_id = ? AND disabled = 0 AND type IN (";
  Params p{tenant};
  for (size_t i = 0; i < types.size(); ++i) {
    sql += i ? ", ?" : "?";
    p.emplace_back(types[i]);
  }
  if (types.empty()) sql += "''";
  sql += ") ORDER BY id";
  std::vector<UnitRef> out;
  for (const auto& r : c.query(sql, p).rows) out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3)});
  return out;
}

static void put_counts(const QueryResult& res, const std::vector<std::string>& names, FactMap& out) {
  for (const auto& r : res.rows) {
    if (r.null(0)) continue;
    auto& f = out[r.i64(0)];
    for (size_t i = 0; i < names.size(); ++i)
      if (!r.null(i + 1)) f[names[i]] += r.f64(i + 1);
  }
}

void add_handling_facts(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to, std::int64_t at, FactMap& out) {
  // 按期: handled (at least once) by the deadline; 返工: any rework among the handled;
  // 超期: still with the unit past its deadline at evaluation time.
  auto res = c.query(
      "SELECT unit_id, COUNT(*), "
      "SUM(CASE WHEN state = 'closed' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN handled_at IS NOT NULL OR rework_count > 0 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN handled_at IS NOT NULL AND (deadline IS NULL OR handled_at <= deadline) THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN rework_count > 0 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN state = 'dispatched' AND deadline IS NOT NULL AND deadline < ? THEN 1 ELSE 0 END) "
      "FROM problems WHERE tenant_id = ? AND dispatched_at >= ? AND dispatched_at < ? AND unit_id IS NOT NULL "
      "AND state <> 'voided' GROUP BY unit_id",
      {at, tenant, from, to});
  put_counts(res, {"cohort", "closed", "handled", "on_time", "reworked", "overdue"}, out);
  // Returns (推诿) count against the unit whose staff made them, whoever got the case next.
  auto ret = c.query(
      "SELECT u.unit_id, COUNT(*) FROM transitions t JOIN users u ON u.id = t.actor_id "
      "WHERE t.tenant_id = ? AND t.action = 'return' AND t.at >= ? AND t.at < ? GROUP BY u.unit_id",
      {tenant, from, to});
  put_counts(ret, {"returns"}, out);
}

void add_territorial_facts(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to, std::int64_t at,
                           FactMap& out) {
  auto res = c.query(
      "SELECT g.community_unit_id, COUNT(*), "
      "SUM(CASE WHEN p.source = 'higher_level' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN p.source = 'media' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN p.source = 'covert' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN p.source = 'inspection' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN p.source = 'citizen' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN p.rebound_of IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN p.state = 'dispatched' AND p.deadline IS NOT NULL AND p.deadline < ? THEN 1 ELSE 0 END) "
      "FROM problems p JOIN grids g ON g.id = p.grid_id "
      "WHERE p.tenant_id = ? AND p.reported_at >= ? AND p.reported_at < ? AND p.state NOT IN ('rejected', 'voided') "
      "GROUP BY g.community_unit_id",
      {at, tenant, from, to});
  put_counts(res, {"problems", "src_higher_level", "src_media", "src_covert", "src_inspection", "src_citizen", "rebound",
                   "overdue"},
             out);
}

void add_entry_facts(Conn& c, std::int64_t tenant, const std::string& scheme, const std::string& period, FactMap& out) {
  auto res = c.query(
      "SELECT unit_id, item, SUM(points) FROM assessment_entries WHERE tenant_id = ? AND scheme = ? AND period = ? "
      "GROUP BY unit_id, item",
      {tenant, scheme, period});
  for (const auto& r : res.rows) out[r.i64(0)]["entry:" + r.str(1)] += r.f64(2);
}

void add_inspection_facts(Conn& c, std::int64_t tenant, const std::string& first_day, const std::string& last_day,
                          FactMap& out) {
  auto res = c.query(
      "SELECT s.unit_id, AVG(s.score) FROM inspection_scores s JOIN inspections i ON i.id = s.inspection_id "
      "WHERE s.tenant_id = ? AND i.day >= ? AND i.day <= ? GROUP BY s.unit_id",
      {tenant, first_day, last_day});
  put_counts(res, {"inspection_avg"}, out);
}

void add_accountability_facts(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to, FactMap& out) {
  auto res = c.query(
      "SELECT unit_id, SUM(CASE WHEN kind = 'criticism' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN kind = 'interview' THEN 1 ELSE 0 END) FROM accountability "
      "WHERE tenant_id = ? AND at >= ? AND at < ? GROUP BY unit_id",
      {tenant, from, to});
  put_counts(res, {"criticisms", "interviews"}, out);
}

static const char* kProblemCols =
    "p.id, p.number, p.state, p.source, p.category_code, p.dispatched_at, p.handled_at, p.closed_at, p.deadline, "
    "p.rebound_of, p.rework_count, p.return_count, p.reported_at";

static std::vector<ProblemFact> problem_facts(const QueryResult& res) {
  std::vector<ProblemFact> out;
  for (const auto& r : res.rows) {
    ProblemFact f;
    f.id = r.i64(0);
    f.number = r.str(1);
    f.state = r.str(2);
    f.source = r.str(3);
    f.category_code = r.str(4);
    f.dispatched_at = r.opt_i64(5);
    f.handled_at = r.opt_i64(6);
    f.closed_at = r.opt_i64(7);
    f.deadline = r.opt_i64(8);
    f.rebound_of = r.opt_i64(9);
    f.rework_count = r.i64(10);
    f.return_count = r.i64(11);
    f.reported_at = r.i64(12);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<ProblemFact> handling_problems(Conn& c, std::int64_t tenant, std::int64_t unit, std::int64_t from,
                                           std::int64_t to) {
  return problem_facts(c.query(std::string("SELECT ") + kProblemCols +
                                   " FROM problems p WHERE p.tenant_id = ? AND p.unit_id = ? AND p.dispatched_at >= ? "
                                   "AND p.dispatched_at < ? AND p.state <> 'voided' ORDER BY p.dispatched_at, p.id",
                               {tenant, unit, from, to}));
}

std::vector<ProblemFact> territorial_problems(Conn& c, std::int64_t tenant, std::int64_t unit, std::int64_t from,
                                              std::int64_t to) {
  return problem_facts(c.query(std::string("SELECT ") + kProblemCols +
                                   " FROM problems p JOIN grids g ON g.id = p.grid_id WHERE p.tenant_id = ? "
                                   "AND g.community_unit_id = ? AND p.reported_at >= ? AND p.reported_at < ? "
                                   "AND p.state NOT IN ('rejected', 'voided') ORDER BY p.reported_at, p.id",
                               {tenant, unit, from, to}));
}

}  // namespace envgrid::store
