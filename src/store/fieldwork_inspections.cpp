// Inspection rounds (督查检查): inspectors, per-unit scores, findings and re-checks.
#include "store/campaigns.hpp"
#include "store/fieldwork.hpp"

namespace envgrid::store {

namespace {

constexpr const char* kCols =
    "SELECT id, tenant_id, kind, level, day, title, campaign_id, note, created_by, created_at, version FROM inspections";

InspectionRow read_row(Conn& c, const Row& r) {
  InspectionRow i;
  i.id = r.i64(0);
  i.tenant_id = r.i64(1);
  i.kind = r.str(2);
  i.level = r.opt_str(3);
  i.day = r.str(4);
  i.title = r.str(5);
  i.campaign_id = r.opt_i64(6);
  i.note = r.str(7);
  i.created_by = r.i64(8);
  i.created_at = r.i64(9);
  i.version = r.i64(10);
  for (const auto& u :
       c.query("SELECT user_id FROM inspection_inspectors WHERE inspection_id = ? ORDER BY user_id", {i.id}).rows)
    i.inspector_ids.push_back(u.i64(0));
  return i;
}

}  // namespace

std::int64_t insert_inspection(Conn& c, const InspectionRow& i) {
  const auto id = c.insert(
      "INSERT INTO inspections (tenant_id, kind, level, day, title, campaign_id, note, created_by, created_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      {i.tenant_id, i.kind, opt_param(i.level), i.day, i.title, opt_param(i.campaign_id), i.note, i.created_by,
       i.created_at});
  for (auto u : i.inspector_ids)
    c.query("INSERT INTO inspection_inspectors (tenant_id, inspection_id, user_id) VALUES (?, ?, ?)", {i.tenant_id, id, u});
  return id;
}

std::optional<InspectionRow> get_inspection(Conn& c, std::int64_t tenant_id, std::int64_t id) {
  auto r = c.first(std::string(kCols) + " WHERE tenant_id = ? AND id = ?", {tenant_id, id});
  if (!r) return std::nullopt;
  return read_row(c, *r);
}

std::vector<InspectionRow> list_inspections(Conn& c, std::int64_t tenant_id, std::optional<std::int64_t> campaign_id,
                                            std::optional<std::string> kind, int limit) {
  Params p{tenant_id};
  std::string w;
  if (campaign_id) w += " AND campaign_id = ?", p.push_back(*campaign_id);
  if (kind) w += " AND kind = ?", p.push_back(*kind);
  p.push_back(std::int64_t{limit});
  std::vector<InspectionRow> out;
  for (const auto& r : c.query(std::string(kCols) + " WHERE tenant_id = ?" + w + " ORDER BY day DESC, id DESC LIMIT ?", p).rows)
    out.push_back(read_row(c, r));
  return out;
}

std::int64_t insert_score(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id, const ScoreRow& s) {
  return c.insert(
      "INSERT INTO inspection_scores (tenant_id, inspection_id, unit_id, site_type, site_name, score, items, note, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {tenant_id, inspection_id, s.unit_id, opt_param(s.site_type), s.site_name, s.score, s.items, s.note, s.created_by,
       s.created_at});
}

std::vector<ScoreRow> list_scores(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id) {
  std::vector<ScoreRow> out;
  for (const auto& r : c.query("SELECT id, unit_id, site_type, site_name, score, items, note, created_by, created_at "
                               "FROM inspection_scores WHERE tenant_id = ? AND inspection_id = ? ORDER BY id",
                               {tenant_id, inspection_id})
                           .rows)
    out.push_back({r.i64(0), r.i64(1), r.opt_str(2), r.str(3), r.f64(4), r.str(5), r.str(6), r.i64(7), r.i64(8)});
  return out;
}

void add_finding(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id, std::int64_t problem_id) {
  c.query("INSERT INTO inspection_findings (tenant_id, inspection_id, problem_id) VALUES (?, ?, ?)",
          {tenant_id, inspection_id, problem_id});
}

std::vector<std::int64_t> list_findings(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id) {
  std::vector<std::int64_t> out;
  for (const auto& r : c.query("SELECT problem_id FROM inspection_findings WHERE tenant_id = ? AND inspection_id = ? "
                               "ORDER BY problem_id",
                               {tenant_id, inspection_id})
                           .rows)
    out.push_back(r.i64(0));
  return out;
}

std::vector<std::int64_t> recheck_candidates(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id,
                                             std::int64_t since, const std::optional<std::string>& category, int n) {
  Params p{tenant_id, since, inspection_id};
  std::string w;
  if (category) w = " AND p.category_code LIKE ?", p.push_back(*category + "%");
  p.push_back(std::int64_t{n});
  // A stable pseudo-random order (id * a large odd constant, modulo) spreads the sample
  // over the period and units without a random source, so a re-run picks the same set.
  std::vector<std::int64_t> out;
  for (const auto& r : c.query("SELECT p.id FROM problems p WHERE p.tenant_id = ? AND p.state = 'closed' "
                               "AND p.closed_at >= ? AND NOT EXISTS (SELECT 1 FROM recheck_items r "
                               "WHERE r.inspection_id = ? AND r.problem_id = p.id)" + w +
                                   " ORDER BY (p.id * 2654435761) % 1000003, p.id LIMIT ?",
                               p)
                           .rows)
    out.push_back(r.i64(0));
  return out;
}

void add_recheck(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id, std::int64_t problem_id) {
  c.query("INSERT INTO recheck_items (tenant_id, inspection_id, problem_id) VALUES (?, ?, ?)",
          {tenant_id, inspection_id, problem_id});
}

std::vector<RecheckRow> list_rechecks(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id) {
  std::vector<RecheckRow> out;
  for (const auto& r : c.query("SELECT problem_id, result, new_problem_id, checked_by, checked_at, note FROM recheck_items "
                               "WHERE tenant_id = ? AND inspection_id = ? ORDER BY problem_id",
                               {tenant_id, inspection_id})
                           .rows)
    out.push_back({r.i64(0), r.opt_str(1), r.opt_i64(2), r.opt_i64(3), r.opt_i64(4), r.str(5)});
  return out;
}

bool decide_recheck(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id, const RecheckRow& r) {
  return c.query("UPDATE recheck_items SET result = ?, new_problem_id = ?, note = ?, checked_by = ?, checked_at = ? "
                 "WHERE tenant_id = ? AND inspection_id = ? AND problem_id = ? AND result IS NULL",
                 {opt_param(r.result), opt_param(r.new_problem_id), r.note, opt_param(r.checked_by),
                  opt_param(r.checked_at), tenant_id, inspection_id, r.problem_id})
             .affected == 1;
}

}  // namespace envgrid::store
