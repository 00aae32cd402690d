// Notices for lifecycle actions and the ranking, and the shared send(): one row per
// recipient plus, when the tenant's webhook wants the event, one queued delivery.
#include "http/notify.hpp"

#include <cstdio>

#include "core/json.hpp"
#include "http/ledger_domain.hpp"
#include "http/webhook.hpp"
#include "store/notifications.hpp"

namespace envgrid::http::notify {

namespace json = boost::json;

const std::vector<std::string>& kinds() {
  static const std::vector<std::string> k = {"dispatched",        "returned",        "extension_requested",
                                             "extension_decided", "verify_failed",   "deadline_yellow",
                                             "overdue",           "deliverable_due", "ranking_published"};
  return k;
}

namespace {

Recipient read_recipient(const store::Row& r) { return {r.i64(0), r.str(1), r.str(2), r.str(3)}; }

// Those who may open the ranking (the assessment readers); unit staff learn it from the
// 月通报, since the scores API is not theirs to read.
std::vector<Recipient> assessment_readers(store::Conn& c, std::int64_t tenant) {
  std::vector<Recipient> out;
  for (const auto& r :
       c.query("SELECT u.id, u.username, u.display_name, u.phone FROM users u "
               "WHERE u.tenant_id = ? AND u.disabled = 0 AND EXISTS (SELECT 1 FROM user_roles r WHERE "
               "r.user_id = u.id AND r.role IN ('admin', 'dispatcher', 'inspector', 'leader', 'viewer')) "
               "ORDER BY u.id",
               {tenant})
           .rows)
    out.push_back(read_recipient(r));
  return out;
}

std::vector<Recipient> except(std::vector<Recipient> v, std::int64_t user_id) {
  std::erase_if(v, [&](const Recipient& r) { return r.user_id == user_id; });
  return v;
}

std::string unit_name(store::Conn& c, std::int64_t tenant, std::optional<std::int64_t> id) {
  if (!id) return "";
  auto r = c.first("SELECT name FROM units WHERE tenant_id = ? AND id = ?", {tenant, *id});
  return r ? r->str(0) : "";
}

std::string hours_text(double h) {
  char buf[32];
  std::snprintf(buf, sizeof buf, h == static_cast<double>(static_cast<long long>(h)) ? "%.0f" : "%.1f", h);
  return buf;
}

std::optional<std::int64_t> payload_int(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_int64()) return std::nullopt;
  return it->value().as_int64();
}

std::vector<std::int64_t> payload_ids(const json::object& o, const char* key) {
  std::vector<std::int64_t> out;
  if (auto it = o.find(key); it != o.end() && it->value().is_array())
    for (const auto& v : it->value().as_array())
      if (v.is_int64()) out.push_back(v.as_int64());
  return out;
}

json::object recipient_json(const Recipient& r) {
  return {{"user_id", r.user_id}, {"username", r.username}, {"display_name", r.display_name}, {"phone", r.phone}};
}

}  // namespace

std::string short_time(core::Millis t) {
  auto l = core::to_local(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%d月%d日 %02d:%02d", l.date.month, l.date.day, l.hour, l.minute);
  return buf;
}

std::vector<Recipient> with_role(store::Conn& c, std::int64_t tenant, const std::string& role,
                                 const std::vector<std::int64_t>& units) {
  std::string sql =
      "SELECT u.id, u.username, u.display_name, u.phone FROM users u JOIN user_roles r ON r.user_id = u.id "
      "WHERE u.tenant_id = ? AND u.disabled = 0 AND r.role = ?";
  store::Params p{tenant, role};
  if (!units.empty()) {
    sql += " AND u.unit_id IN " + store::in_list(units.size());
    for (auto u : units) p.push_back(u);
  }
  std::vector<Recipient> out;
  for (const auto& r : c.query(sql + " ORDER BY u.id", p).rows) out.push_back(read_recipient(r));
  return out;
}

int send(store::Conn& c, std::int64_t tenant, const Notice& n, const std::vector<Recipient>& to, core::Millis now) {
  json::array fresh;
  for (const auto& r : to) {
    store::NotificationRow row{0, tenant, r.user_id, n.kind, n.title, n.body, n.link, n.dedup, std::nullopt, now};
    if (store::insert_notification(c, row)) fresh.push_back(recipient_json(r));
  }
  const int added = static_cast<int>(fresh.size());
  // A repeat of a deduplicated reminder must not reach the gateway again either.
  if (added == 0 && (n.dedup || !to.empty())) return 0;
  auto hook = webhook::load(c, tenant);
  if (!webhook::wants(hook, n.kind)) return added;
  json::object payload{{"event", n.kind},
                       {"tenant_id", tenant},
                       {"at", core::format_iso(now)},
                       {"title", n.title},
                       {"body", n.body},
                       {"link", n.link},
                       {"problem_id", core::opt(n.problem_id)},
                       {"number", core::opt(n.number)},
                       {"unit_id", core::opt(n.unit_id)},
                       {"recipients", fresh}};
  store::enqueue_delivery(c, tenant, n.kind, json::serialize(payload), now);
  return added;
}

void problem_action(App& app, store::Conn& c, const Actor& a, const store::ProblemRow& p, const std::string& action,
                    const std::string& comment, const json::object& payload, core::Millis now) {
  const auto cat = find_category(app, p.tenant_id, p.category_code);
  Notice n;
  n.link = "/problems/" + std::to_string(p.id);
  n.problem_id = p.id;
  n.number = p.number;
  n.unit_id = p.unit_id;
  const std::string no = "问题 " + p.number;
  const std::string due = p.deadline ? "处置期限 " + short_time(*p.deadline) : "";
  auto handlers = [&](std::vector<std::int64_t> units) {
    return except(with_role(c, p.tenant_id, "unit_handler", units), a.user_id);
  };
  auto dispatchers = [&] { return except(with_role(c, p.tenant_id, "dispatcher"), a.user_id); };

  if (action == "dispatch") {
    n.kind = "dispatched";
    n.body = (cat ? cat->name : p.category_code) + "｜" + p.address + (due.empty() ? "" : "，" + due);
    n.title = no + " 已派遣给本单位";
    send(c, p.tenant_id, n, handlers({*p.unit_id}), now);
    if (auto assist = payload_ids(payload, "assist_unit_ids"); !assist.empty()) {
      n.title = no + " 需本单位协办";
      send(c, p.tenant_id, n, handlers(assist), now);
    }
  } else if (action == "return") {
    n.kind = "returned";
    n.unit_id = payload_int(payload, "unit_id");
    n.title = no + " 被退回";
    n.body = unit_name(c, p.tenant_id, n.unit_id) + " 退回理由：" + comment;
    send(c, p.tenant_id, n, dispatchers(), now);
  } else if (action == "request_extension") {
    n.kind = "extension_requested";
    auto it = payload.find("hours");
    const double hours = it != payload.end() && it->value().is_number() ? it->value().to_number<double>() : 0;
    n.title = no + " 申请延期 " + hours_text(hours) + " 小时";
    n.body = a.display_name + (a.unit_name ? "（" + *a.unit_name + "）" : "") + "：" + comment;
    send(c, p.tenant_id, n, dispatchers(), now);
  } else if (action == "approve_extension" || action == "deny_extension") {
    n.kind = "extension_decided";
    if (action == "approve_extension") {
      n.title = no + " 的延期申请已批准";
      n.body = "延长 " + hours_text(static_cast<double>(payload_int(payload, "minutes").value_or(0)) / 60.0) + " 小时" +
               (due.empty() ? "" : "，新的" + due);
    } else {
      n.title = no + " 的延期申请未获批准";
      n.body = "理由：" + comment + (due.empty() ? "" : "；" + due + " 不变");
    }
    if (p.unit_id) send(c, p.tenant_id, n, handlers({*p.unit_id}), now);
  } else if (action == "verify_fail") {
    n.kind = "verify_failed";
    n.title = no + " 核查未通过，请返工";
    n.body = "核查意见：" + comment + (due.empty() ? "" : "；新的" + due);
    if (p.unit_id) send(c, p.tenant_id, n, handlers({*p.unit_id}), now);
  }
}

void ranking_published(store::Conn& c, const Actor& a, const std::string& scheme_code, const std::string& scheme_name,
                       const std::string& period_code, const std::string& period_label, core::Millis now) {
  Notice n;
  n.kind = "ranking_published";
  n.title = period_label + scheme_name + "考评结果已定榜";
  n.body = "考评排名已发布，可查看各单位得分、等次与扣分明细。";
  n.link = "/assessment?period=" + period_code;
  n.dedup = "ranking:" + scheme_code + ":" + period_code;
  send(c, a.tenant_id, n, except(assessment_readers(c, a.tenant_id), a.user_id), now);
}

}  // namespace envgrid::http::notify
