#pragma once
// Notifications: who hears of an event and what they read. Every helper here runs INSIDE
// the write job of the action that caused the event (it takes that job's Conn), so the
// notices and the webhook delivery commit or roll back with the action itself. Requests
// only insert rows; the webhook is posted later by http/background.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/app.hpp"
#include "store/db.hpp"
#include "store/problems.hpp"

namespace envgrid::http::notify {

// Every event kind, in the order the settings page lists them.
const std::vector<std::string>& kinds();

struct Recipient {
  std::int64_t user_id = 0;
  std::string username, display_name, phone;
};

struct Notice {
  std::string kind, title, body, link;
  std::optional<std::string> dedup;  // per user: a second notice with the same key is dropped
  std::optional<std::int64_t> problem_id, unit_id;
  std::optional<std::string> number;
};

// Enabled, active users of the tenant holding `role`, optionally only of these units.
std::vector<Recipient> with_role(store::Conn& c, std::int64_t tenant, const std::string& role,
                                 const std::vector<std::int64_t>& units = {});
// Inserts the notice for each recipient and, when the tenant's webhook is enabled and
// subscribes to the kind, queues one delivery naming the recipients that were new.
// Returns how many notices were inserted (dedup repeats are skipped).
int send(store::Conn& c, std::int64_t tenant, const Notice& n, const std::vector<Recipient>& to, core::Millis now);

// After a lifecycle action on p (already updated): dispatched, returned,
// extension_requested, extension_decided, verify_failed; other actions notify nobody.
// `payload` is the action's history payload (unit ids, hours, minutes).
void problem_action(App& app, store::Conn& c, const Actor& a, const store::ProblemRow& p, const std::string& action,
                    const std::string& comment, const boost::json::object& payload, core::Millis now);
// After an assessment freeze (定榜): every active user with a unit, and the leaders.
void ranking_published(store::Conn& c, const Actor& a, const std::string& scheme_code, const std::string& scheme_name,
                       const std::string& period_code, const std::string& period_label, core::Millis now);

// "12月4日 17:30" in Shanghai time, for notice bodies.
std::string short_time(core::Millis t);
// One reminder sweep at `now`: problems turning yellow or overdue, deliverables due
// within 3 days. Each is noticed once per deadline (dedup keys carry it). With `since`,
// only problems whose warn time or deadline lies after it are considered (the caller
// passes the previous sweep's time less a margin for late commits). Returns the number
// of notices inserted.
int sweep(App& app, core::Millis now, std::optional<core::Millis> since = std::nullopt);

}  // namespace envgrid::http::notify
