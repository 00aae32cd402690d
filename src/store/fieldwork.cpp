#include "store/fieldwork.hpp"

#include "store/campaigns.hpp"

namespace envgrid::store {

namespace {

// WHERE clause (after tenant) and its parameters for a filter on activities alias a.
std::string where(const ActivityFilter& f, Params& p) {
  std::string w;
  if (f.from) w += " AND a.day >= ?", p.push_back(*f.from);
  if (f.to) w += " AND a.day <= ?", p.push_back(*f.to);
  if (f.unit_id) w += " AND a.unit_id = ?", p.push_back(*f.unit_id);
  if (f.kind) w += " AND a.kind = ?", p.push_back(*f.kind);
  return w;
}

}  // namespace

std::int64_t insert_activity(Conn& c, const ActivityRow& a) {
  const auto id = c.insert(
      "INSERT INTO activities (tenant_id, kind, day, unit_id, campaign_id, participants, vehicles, funds, "
      "attachment_ids, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {a.tenant_id, a.kind, a.day, a.unit_id, opt_param(a.campaign_id), a.participants, a.vehicles, a.funds,
       join_ids(a.attachment_ids), a.note, a.created_by, a.created_at});
  std::int64_t seq = 0;
  for (const auto& q : a.quantities)
    c.query("INSERT INTO activity_quantities (tenant_id, activity_id, seq, kind, amount, uom) VALUES (?, ?, ?, ?, ?, ?)",
            {a.tenant_id, id, ++seq, q.kind, q.amount, q.uom});
  return id;
}

std::vector<ActivityRow> list_activities(Conn& c, std::int64_t tenant_id, const ActivityFilter& f, int limit) {
  Params p{tenant_id};
  const std::string w = where(f, p);
  p.push_back(std::int64_t{limit});
  std::vector<ActivityRow> out;
  for (const auto& r : c.query("SELECT a.id, a.kind, a.day, a.unit_id, a.campaign_id, a.participants, a.vehicles, "
                               "a.funds, a.attachment_ids, a.note, a.created_by, a.created_at FROM activities a "
                               "WHERE a.tenant_id = ?" + w + " ORDER BY a.day DESC, a.id DESC LIMIT ?",
                               p)
                           .rows) {
    ActivityRow a;
    a.id = r.i64(0);
    a.tenant_id = tenant_id;
    a.kind = r.str(1);
    a.day = r.str(2);
    a.unit_id = r.i64(3);
    a.campaign_id = r.opt_i64(4);
    a.participants = r.i64(5);
    a.vehicles = r.i64(6);
    a.funds = r.f64(7);
    a.attachment_ids = split_ids(r.str(8));
    a.note = r.str(9);
    a.created_by = r.i64(10);
    a.created_at = r.i64(11);
    for (const auto& q : c.query("SELECT kind, amount, uom FROM activity_quantities WHERE activity_id = ? ORDER BY seq",
                                 {a.id})
                             .rows)
      a.quantities.push_back({q.str(0), q.f64(1), q.str(2)});
    out.push_back(std::move(a));
  }
  return out;
}

ActivityTotals activity_totals(Conn& c, std::int64_t tenant_id, const ActivityFilter& f) {
  Params p{tenant_id};
  const std::string w = where(f, p);
  ActivityTotals t;
  const auto head = c.query("SELECT COUNT(*), COALESCE(SUM(a.participants), 0), COALESCE(SUM(a.vehicles), 0), "
                          "COALESCE(SUM(a.funds), 0) FROM activities a WHERE a.tenant_id = ?" + w,
                          p);
  const auto& h = head.one();
  t.count = h.i64(0);
  t.participants = h.i64(1);
  t.vehicles = h.i64(2);
  t.funds = h.f64(3);
  for (const auto& r : c.query("SELECT q.kind, q.uom, SUM(q.amount) FROM activity_quantities q JOIN activities a "
                               "ON a.id = q.activity_id WHERE a.tenant_id = ?" + w +
                                   " GROUP BY q.kind, q.uom ORDER BY q.kind, q.uom",
                               p)
                           .rows)
    t.quantities.push_back({r.str(0), r.f64(2), r.str(1)});
  return t;
}

std::vector<std::pair<std::int64_t, std::string>> activity_days(Conn& c, std::int64_t tenant_id, const std::string& kind,
                                                                const std::string& from, const std::string& to) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const auto& r : c.query("SELECT DISTINCT unit_id, day FROM activities WHERE tenant_id = ? AND kind = ? "
                               "AND day >= ? AND day <= ?",
                               {tenant_id, kind, from, to})
                           .rows)
    out.emplace_back(r.i64(0), r.str(1));
  return out;
}

}  // namespace envgrid::store
