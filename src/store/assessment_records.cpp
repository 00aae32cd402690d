// Assessment records: manual entries, accountability log, frozen results, schemes, people.
#include "store/assessment.hpp"

namespace envgrid::store {

std::int64_t insert_entry(Conn& c, std::int64_t tenant, const Entry& e) {
  return c.insert(
      "INSERT INTO assessment_entries (tenant_id, scheme, period, unit_id, item, points, note, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {tenant, e.scheme, e.period, e.unit_id, e.item, e.points, e.note, e.created_by, e.created_at});
}

std::vector<Entry> list_entries(Conn& c, std::int64_t tenant, const std::string& scheme, const std::string& period,
                                std::optional<std::int64_t> unit) {
  std::string sql =
      "SELECT id, unit_id, created_by, created_at, scheme, period, item, note, points FROM assessment_entries "
      "WHERE tenant_id = ? AND scheme = ? AND period = ?";
  Params p{tenant, scheme, period};
  if (unit) {
    sql += " AND unit_id = ?";
    p.emplace_back(*unit);
  }
  sql += " ORDER BY id";
  std::vector<Entry> out;
  for (const auto& r : c.query(sql, p).rows)
    out.push_back({r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.str(4), r.str(5), r.str(6), r.str(7), r.f64(8)});
  return out;
}

std::int64_t insert_accountability(Conn& c, std::int64_t tenant, const Accountability& a) {
  return c.insert(
      "INSERT INTO accountability (tenant_id, unit_id, kind, target, person, reason, day, at, problem_id, created_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {tenant, a.unit_id, a.kind, a.target, a.person, a.reason, a.day, a.at, opt_param(a.problem_id),
       a.created_by, a.created_at});
}

std::vector<Accountability> list_accountability(Conn& c, std::int64_t tenant, const std::string& first_day,
                                                const std::string& last_day, std::optional<std::int64_t> unit) {
  std::string sql =
      "SELECT a.id, a.unit_id, a.created_by, a.created_at, u.name, a.kind, a.target, a.person, a.reason, a.day, "
      "a.problem_id FROM accountability a JOIN units u ON u.id = a.unit_id "
      "WHERE a.tenant_id = ? AND a.day >= ? AND a.day <= ?";
  Params p{tenant, first_day, last_day};
  if (unit) {
    sql += " AND a.unit_id = ?";
    p.emplace_back(*unit);
  }
  sql += " ORDER BY a.day DESC, a.id DESC";
  std::vector<Accountability> out;
  for (const auto& r : c.query(sql, p).rows)
    out.push_back({r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.str(4), r.str(5), r.str(6), r.str(7), r.str(8), r.str(9),
                   r.opt_i64(10)});
  return out;
}

std::optional<Frozen> get_frozen(Conn& c, std::int64_t tenant, const std::string& scheme, const std::string& period) {
  auto r = c.first(
      "SELECT result, frozen_by, frozen_at FROM assessment_results WHERE tenant_id = ? AND scheme = ? AND period = ?",
      {tenant, scheme, period});
  if (!r) return std::nullopt;
  return Frozen{r->str(0), r->i64(1), r->i64(2)};
}

bool insert_frozen(Conn& c, std::int64_t tenant, const std::string& scheme, const std::string& period,
                   const Frozen& f) {
  auto res = c.query(
      "INSERT INTO assessment_results (tenant_id, scheme, period, result, frozen_by, frozen_at) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, scheme, period) DO NOTHING",
      {tenant, scheme, period, f.result, f.frozen_by, f.frozen_at});
  return res.affected == 1;
}

std::vector<PersonFacts> people_facts(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to,
                                      std::int64_t verify_ms) {
  std::map<std::int64_t, PersonFacts> by;
  for (const auto& r : c.query(
           "SELECT u.id, u.display_name, r.role FROM users u JOIN user_roles r ON r.user_id = u.id "
           "WHERE u.tenant_id = ? AND u.disabled = 0 AND r.role IN ('grid_worker', 'inspector') ORDER BY u.id, r.role",
           {tenant}).rows) {
    auto& p = by[r.i64(0)];
    p.user_id = r.i64(0);
    p.display_name = r.str(1);
    p.roles.push_back(r.str(2));
  }
  for (const auto& r : c.query(
           "SELECT reporter_id, COUNT(*), SUM(CASE WHEN state NOT IN ('reported', 'rejected', 'voided') "
           "AND duplicate_of IS NULL THEN 1 ELSE 0 END) FROM problems "
           "WHERE tenant_id = ? AND reported_at >= ? AND reported_at < ? GROUP BY reporter_id",
           {tenant, from, to}).rows) {
    auto it = by.find(r.i64(0));
    if (it == by.end()) continue;
    it->second.reports = r.i64(1);
    it->second.valid_reports = r.null(2) ? 0 : r.i64(2);
  }
  // A verification is on time when it comes within verify_ms of the handle it answers.
  for (const auto& r : c.query(
           "SELECT t.actor_id, COUNT(*), SUM(CASE WHEN t.at - (SELECT MAX(h.at) FROM transitions h "
           "WHERE h.problem_id = t.problem_id AND h.seq < t.seq AND h.action IN ('handle', 'report')) <= ? "
           "THEN 1 ELSE 0 END) FROM transitions t WHERE t.tenant_id = ? AND t.action IN ('verify_pass', 'verify_fail') "
           "AND t.at >= ? AND t.at < ? GROUP BY t.actor_id",
           {verify_ms, tenant, from, to}).rows) {
    auto it = by.find(r.i64(0));
    if (it == by.end()) continue;
    it->second.verifications = r.i64(1);
    it->second.on_time_verifications = r.null(2) ? 0 : r.i64(2);
  }
  // Patrol coverage: tours started in the period and the Shanghai days they cover.
  for (const auto& r : c.query(
           "SELECT user_id, COUNT(*), COUNT(DISTINCT (started_at + 28800000) / 86400000) FROM patrols "
           "WHERE tenant_id = ? AND started_at >= ? AND started_at < ? GROUP BY user_id",
           {tenant, from, to}).rows) {
    auto it = by.find(r.i64(0));
    if (it == by.end()) continue;
    it->second.patrols = r.i64(1);
    it->second.patrol_days = r.i64(2);
  }
  std::vector<PersonFacts> out;
  for (auto& [id, p] : by) out.push_back(std::move(p));
  return out;
}

}  // namespace envgrid::store
