// The reminder sweep: open problems whose light turned yellow or red, and campaign
// deliverables due within three days that a unit has not submitted. Candidates are found
// on a reading connection; only those some handler has not yet been told of reach the
// write job, so a quiet minute costs no write. After the first sweep only problems whose
// warn time or deadline passed since the previous one are looked at.
#include <map>

#include "http/ledger_domain.hpp"
#include "http/notify.hpp"
#include "store/notifications.hpp"

namespace envgrid::http::notify {

namespace {

struct Pending {
  std::int64_t tenant = 0, unit = 0;
  Notice notice;
};

// Handlers of the unit, looked up once per sweep.
using HandlerCache = std::map<std::pair<std::int64_t, std::int64_t>, std::vector<Recipient>>;

const std::vector<Recipient>& handlers(store::Conn& c, HandlerCache& cache, std::int64_t tenant, std::int64_t unit) {
  auto key = std::make_pair(tenant, unit);
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, with_role(c, tenant, "unit_handler", {unit})).first;
  return it->second;
}

bool someone_untold(store::Conn& c, const std::vector<Recipient>& to, const std::string& dedup) {
  for (const auto& r : to)
    if (!store::has_notification(c, r.user_id, dedup)) return true;
  return false;
}

void problem_reminders(App& app, store::Conn& c, HandlerCache& cache, core::Millis now,
                       std::optional<core::Millis> since, std::vector<Pending>& out) {
  // Per tenant, so the (tenant_id, state) index bounds the read to open problems.
  std::string sql =
      "SELECT tenant_id, id, number, category_code, address, unit_id, deadline FROM problems "
      "WHERE tenant_id = ? AND state = 'dispatched' AND suspended = 0 AND unit_id IS NOT NULL "
      "AND deadline IS NOT NULL AND warn_at <= ?";
  if (since) sql += " AND (warn_at > ? OR deadline > ?)";
  std::vector<store::Row> rows;
  for (const auto& t : c.query("SELECT id FROM tenants ORDER BY id").rows) {
    store::Params p{t.i64(0), now};
    if (since) p.insert(p.end(), {*since, *since});
    for (auto& r : c.query(sql, p).rows) rows.push_back(std::move(r));
  }
  for (const auto& r : rows) {
    Pending p{r.i64(0), r.i64(5), {}};
    const std::int64_t id = r.i64(1), deadline = r.i64(6);
    const bool overdue = deadline < now;
    Notice& n = p.notice;
    n.kind = overdue ? "overdue" : "deadline_yellow";
    // The deadline is part of the key: an approved extension or a rework may warn again.
    n.dedup = std::string(overdue ? "overdue:" : "yellow:") + std::to_string(id) + ":" + std::to_string(deadline);
    if (!someone_untold(c, handlers(c, cache, p.tenant, p.unit), *n.dedup)) continue;
    const auto cat = find_category(app, p.tenant, r.str(3));
    n.title = "问题 " + r.str(2) + (overdue ? " 已超期" : " 即将到期");
    n.body = (cat ? cat->name : r.str(3)) + "｜" + r.str(4) + "，处置期限 " + short_time(deadline) +
             (overdue ? "，已超过期限，请立即处置" : "，请尽快处置");
    n.link = "/problems/" + std::to_string(id);
    n.problem_id = id;
    n.number = r.str(2);
    n.unit_id = p.unit;
    out.push_back(std::move(p));
  }
}

void deliverable_reminders(store::Conn& c, HandlerCache& cache, core::Millis now, std::vector<Pending>& out) {
  const core::Date today = core::to_local(now).date;
  auto rows = c.query(
      "SELECT d.tenant_id, d.id, d.campaign_id, d.title, d.due_date, k.title FROM campaign_deliverables d "
      "JOIN campaigns k ON k.id = d.campaign_id WHERE d.per_unit = 1 AND d.due_date >= ? AND d.due_date <= ?",
      {core::format_date(today), core::format_date(core::add_days(today, 3))});
  for (const auto& r : rows.rows) {
    const std::int64_t tenant = r.i64(0), did = r.i64(1), cid = r.i64(2);
    const auto due = core::parse_date(r.str(4));
    auto units = c.query(
        "SELECT cu.unit_id FROM campaign_units cu WHERE cu.campaign_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM deliverable_submissions s WHERE s.deliverable_id = ? AND s.unit_id = cu.unit_id)",
        {cid, did});
    for (const auto& u : units.rows) {
      Pending p{tenant, u.i64(0), {}};
      Notice& n = p.notice;
      n.kind = "deliverable_due";
      n.dedup = "deliverable:" + std::to_string(did) + ":" + std::to_string(p.unit) + ":" + r.str(4);
      if (!someone_untold(c, handlers(c, cache, tenant, p.unit), *n.dedup)) continue;
      const std::string when = due ? std::to_string(due->month) + "月" + std::to_string(due->day) + "日" : r.str(4);
      n.title = "专项行动材料「" + r.str(3) + "」将于 " + when + " 截止";
      n.body = r.str(5) + "：本单位尚未报送，请在截止日前提交。";
      n.link = "/campaigns/" + std::to_string(cid);
      n.unit_id = p.unit;
      out.push_back(std::move(p));
    }
  }
}

}  // namespace

int sweep(App& app, core::Millis now, std::optional<core::Millis> since) {
  std::vector<Pending> todo;
  app.db.read([&](store::Conn& c) {
    HandlerCache cache;
    problem_reminders(app, c, cache, now, since, todo);
    deliverable_reminders(c, cache, now, todo);
  });
  if (todo.empty()) return 0;
  return app.db.write([&](store::Conn& c) {
    int added = 0;
    // Recipients are read again in the write job: the insert's dedup is what counts.
    for (const auto& p : todo)
      added += send(c, p.tenant, p.notice, with_role(c, p.tenant, "unit_handler", {p.unit}), now);
    return added;
  });
}

}  // namespace envgrid::http::notify
