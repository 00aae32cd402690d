#pragma once
// The tenant's outbound webhook (so an SMS or 企业微信 gateway can be attached): its
// settings (store/settings key "webhook"), a minimal plain-HTTP client, and the worker
// step that posts queued deliveries with retries and backoff. Plain http:// only: the
// build has no TLS library; an https gateway needs a local relay (docs/operations.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/app.hpp"
#include "store/db.hpp"

namespace envgrid::http::webhook {

struct Config {
  std::string url;
  bool enabled = false;
  std::vector<std::string> events;  // subscribed kinds (notify::kinds())
  std::string secret;               // HMAC key; empty: deliveries are unsigned
};

// The tenant's webhook settings; disabled defaults when none are stored.
Config load(store::Conn& c, std::int64_t tenant);
void save(store::Conn& c, std::int64_t tenant, const Config& cfg, core::Millis now);
// Enabled, has a URL, and subscribes to kind.
bool wants(const Config& cfg, const std::string& kind);

struct Target {
  std::string host, path;  // path includes any query
  std::uint16_t port = 80;
};
// "http://host[:port][/path]" → target; nullopt for anything else (https, userinfo, …).
std::optional<Target> parse_url(const std::string& url);

struct PostResult {
  int status = 0;     // HTTP status, 0 when no response arrived
  std::string error;  // why it failed, for the delivery's last_error
};
// POSTs body to the target with one HTTP/1.1 request (Connection: close). Connect, send
// and receive each time out after timeout_ms. Never throws.
PostResult post(const Target& t, const std::vector<std::pair<std::string, std::string>>& headers,
                const std::string& body, int timeout_ms);

// The wait before attempt n+1 after n failed attempts: base·2^(n-1), at most one hour.
core::Millis backoff(int failed_attempts, int base_seconds);
// Claims the deliveries due at `now` and posts each; returns how many were attempted.
int deliver_due(App& app, core::Millis now);

}  // namespace envgrid::http::webhook
