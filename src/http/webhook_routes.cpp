// Admin settings of the tenant's outbound webhook and its recent deliveries. The secret
// is write-only: reads say only whether one is set.
#include <algorithm>

#include "core/json.hpp"
#include "http/notify.hpp"
#include "http/webhook.hpp"
#include "store/notifications.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

const char* kind_name(const std::string& k) {
  static const std::map<std::string, const char*> names = {
      {"dispatched", "问题派遣到本单位"},  {"returned", "问题被退回"},
      {"extension_requested", "延期申请"}, {"extension_decided", "延期审批结果"},
      {"verify_failed", "核查不通过"},     {"deadline_yellow", "即将到期（黄灯）"},
      {"overdue", "已超期（红灯）"},       {"deliverable_due", "专项行动材料即将截止"},
      {"ranking_published", "考评定榜"}};
  auto it = names.find(k);
  return it == names.end() ? "" : it->second;
}

json::object config_json(const webhook::Config& cfg) {
  json::array events(cfg.events.begin(), cfg.events.end()), available;
  for (const auto& k : notify::kinds()) available.push_back(json::object{{"kind", k}, {"name", kind_name(k)}});
  return {{"url", cfg.url},
          {"enabled", cfg.enabled},
          {"events", events},
          {"secret_set", !cfg.secret.empty()},
          {"available_events", available}};
}

json::object delivery_json(const store::DeliveryRow& d) {
  boost::system::error_code ec;
  json::value payload = json::parse(d.payload, ec);
  return {{"id", d.id},
          {"event", d.event},
          {"status", d.status},
          {"attempts", d.attempts},
          {"last_error", d.last_error},
          {"next_attempt_at", d.status == "pending" ? json::value(core::format_iso(d.next_attempt_at)) : nullptr},
          {"created_at", core::format_iso(d.created_at)},
          {"delivered_at", d.delivered_at ? json::value(core::format_iso(*d.delivered_at)) : nullptr},
          {"payload", ec ? json::value(nullptr) : payload}};
}

// The PUT body applied over the stored settings; throws 400 naming each bad field.
webhook::Config read_config(const json::object& body, webhook::Config cfg) {
  core::JsonReader r(body);
  auto url = r.str("url", true, 500);
  auto enabled = r.boolean("enabled", true);
  auto events = r.str_array("events", false, 20, 40);
  auto secret = r.str("secret", false, 200);
  if (url && !url->empty() && !webhook::parse_url(*url)) {
    if (url->rfind("https://", 0) == 0)
      r.fail("url", "暂不支持 https:// 地址，请在本机部署 http 转发（见运维文档）");
    else
      r.fail("url", "地址格式应为 http://主机[:端口]/路径");
  }
  if (enabled && *enabled && url && url->empty()) r.fail("url", "启用推送需填写地址");
  if (events)
    for (size_t i = 0; i < events->size(); ++i)
      if (std::find(notify::kinds().begin(), notify::kinds().end(), (*events)[i]) == notify::kinds().end())
        r.fail("events[" + std::to_string(i) + "]", "未知的事件类型：" + (*events)[i]);
  r.finish();
  cfg.url = *url;
  cfg.enabled = *enabled;
  cfg.events.clear();
  // Omitted: every kind. Kept in the canonical order, without repeats.
  for (const auto& k : notify::kinds())
    if (!events || std::find(events->begin(), events->end(), k) != events->end()) cfg.events.push_back(k);
  if (secret) cfg.secret = *secret;  // omitted: keep; "": remove
  return cfg;
}

}  // namespace

void register_webhook_routes(App& app) {
  app.router.get("/api/v1/webhook", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    return Response::json(config_json(app.db.read([&](store::Conn& c) { return webhook::load(c, a.tenant_id); })));
  });

  app.router.put("/api/v1/webhook", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    auto body = core::parse_object(req.body);
    auto cfg = app.db.write([&](store::Conn& c) {
      auto next = read_config(body, webhook::load(c, a.tenant_id));
      webhook::save(c, a.tenant_id, next, app.clock.now());
      return next;
    });
    return Response::json(config_json(cfg));
  });

  app.router.get("/api/v1/webhook/deliveries", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const int limit = static_cast<int>(query_int(req, "limit", 1, 200).value_or(50));
    auto rows = app.db.read([&](store::Conn& c) { return store::recent_deliveries(c, a.tenant_id, limit); });
    json::array items;
    for (const auto& d : rows) items.push_back(delivery_json(d));
    return Response::json(json::object{{"items", items}});
  });
}

}  // namespace envgrid::http
