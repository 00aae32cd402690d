// Webhook settings and the delivery step: claim due rows in a short write job, post each
// outside any transaction, record the outcome in another short write job.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/crypto.hpp"
#include "http/webhook.hpp"
#include "store/notifications.hpp"
#include "store/settings.hpp"

namespace envgrid::http::webhook {

namespace json = boost::json;

namespace {

constexpr int kTimeoutMs = 5000;
constexpr int kBatch = 20;
// A claimed row is retried by anyone only after this, should the worker die mid-post.
constexpr core::Millis kLease = 2 * core::kMinute;

}  // namespace

Config load(store::Conn& c, std::int64_t tenant) {
  Config cfg;
  auto text = store::get_setting(c, tenant, "webhook");
  if (!text) return cfg;
  boost::system::error_code ec;
  auto v = json::parse(*text, ec);
  if (ec || !v.is_object()) return cfg;
  const auto& o = v.as_object();
  if (auto* p = o.if_contains("url"); p && p->is_string()) cfg.url = std::string(p->as_string());
  if (auto* p = o.if_contains("enabled"); p && p->is_bool()) cfg.enabled = p->as_bool();
  if (auto* p = o.if_contains("secret"); p && p->is_string()) cfg.secret = std::string(p->as_string());
  if (auto* p = o.if_contains("events"); p && p->is_array())
    for (const auto& e : p->as_array())
      if (e.is_string()) cfg.events.emplace_back(e.as_string());
  return cfg;
}

void save(store::Conn& c, std::int64_t tenant, const Config& cfg, core::Millis now) {
  json::array events(cfg.events.begin(), cfg.events.end());
  json::object o{{"url", cfg.url}, {"enabled", cfg.enabled}, {"events", events}, {"secret", cfg.secret}};
  store::put_setting(c, tenant, "webhook", json::serialize(o), now);
}

bool wants(const Config& cfg, const std::string& kind) {
  return cfg.enabled && !cfg.url.empty() && std::find(cfg.events.begin(), cfg.events.end(), kind) != cfg.events.end();
}

core::Millis backoff(int failed_attempts, int base_seconds) {
  const int shift = std::clamp(failed_attempts - 1, 0, 20);
  return std::min<core::Millis>(static_cast<core::Millis>(base_seconds) * core::kSecond << shift, core::kHour);
}

int deliver_due(App& app, core::Millis now) {
  auto due = app.db.write([&](store::Conn& c) { return store::claim_due(c, now, now + kLease, kBatch); });
  for (const auto& d : due) {
    // The settings are read at delivery time: a corrected URL or secret helps queued rows.
    auto cfg = app.db.read([&](store::Conn& c) { return load(c, d.tenant_id); });
    const int attempts = static_cast<int>(d.attempts) + 1;
    PostResult r;
    if (!cfg.enabled || cfg.url.empty())
      r.error = "推送已关闭";
    else if (auto target = parse_url(cfg.url); !target)
      r.error = "推送地址无效";
    else {
      std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/json; charset=utf-8"},
                                                               {"User-Agent", "envgrid/" + app.version},
                                                               {"X-Envgrid-Event", d.event},
                                                               {"X-Envgrid-Delivery", std::to_string(d.id)}};
      if (!cfg.secret.empty())
        headers.emplace_back("X-Envgrid-Signature", "sha256=" + core::hmac_sha256_hex(cfg.secret, d.payload));
      r = post(*target, headers, d.payload, kTimeoutMs);
    }
    const core::Millis after = app.clock.now();
    const bool ok = r.error.empty();
    const bool give_up = !ok && (attempts >= app.cfg.webhook_max_attempts || !cfg.enabled || cfg.url.empty());
    app.db.write([&](store::Conn& c) {
      if (ok)
        store::delivery_delivered(c, d.id, attempts, after);
      else if (give_up)
        store::delivery_failed(c, d.id, attempts, r.error);
      else
        store::delivery_retry(c, d.id, attempts, r.error,
                              after + backoff(attempts, app.cfg.webhook_retry_base_seconds));
    });
    spdlog::info(R"({{"event":"webhook_delivery","id":{},"status":"{}","attempts":{},"error":{}}})", d.id,
                 ok        ? "delivered"
                 : give_up ? "failed"
                           : "pending",
                 attempts, json::serialize(json::value(r.error)));
  }
  return static_cast<int>(due.size());
}

}  // namespace envgrid::http::webhook
