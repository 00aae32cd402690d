#pragma once
// The application object shared by every handler: configuration, database, clock,
// caches, and the router. Handlers are registered per resource by register_*().
#include <map>
#include <memory>
#include <mutex>
#include <semaphore>
#include <string>

#include "core/config.hpp"
#include "core/time.hpp"
#include "http/router.hpp"
#include "http/types.hpp"
#include "store/database.hpp"

namespace envgrid::http {

struct Actor {
  std::int64_t user_id = 0, tenant_id = 0;
  std::string username, display_name;
  std::vector<std::string> roles;
  std::optional<std::int64_t> unit_id;
  std::optional<std::string> unit_name;
  std::vector<std::int64_t> grid_ids;
  std::string csrf_token;
  bool has(std::string_view role) const;
  bool any(std::initializer_list<std::string_view> roles) const;
  // admin, dispatcher, leader, viewer, inspector see the whole tenant.
  bool sees_all() const;
};

class LoginLimiter;
struct TerritoryState;  // http/territory_state.hpp
struct LedgerCache;
class SessionCache;
}  // namespace envgrid::http
namespace envgrid::media {
class AttachmentStore;
}
namespace envgrid::http {

struct App {
  App(core::Config cfg, store::Database& db, const core::Clock& clock);
  ~App();

  core::Config cfg;
  store::Database& db;
  const core::Clock& clock;
  std::string version = "0.1.0";
  Router router;
  std::counting_semaphore<64> hash_slots{2};  // Argon2id runs: ~64 MiB each
  std::unique_ptr<LoginLimiter> limiter;
  std::unique_ptr<media::AttachmentStore> files;  // under cfg.data_dir
  std::unique_ptr<LedgerCache> ledger_cache;      // categories and calendars per tenant
  std::unique_ptr<SessionCache> sessions;         // signed-in users for a few seconds (session_cache.hpp)
  // Spatial index and routing names per tenant, loaded on first use (territory_state.cpp).
  std::mutex territory_mu;
  std::map<std::int64_t, std::shared_ptr<TerritoryState>> territories;

  // Routes, static files and error rendering for one request.
  Response handle(Request& req);
  // The signed-in user; throws 401 (no/expired session) or 403 (CSRF) ApiError.
  Actor authenticate(const Request& req);
  // authenticate() plus a role check (any of roles); throws 403.
  Actor require(const Request& req, std::initializer_list<std::string_view> roles);
};

// Route registration, one per resource file.
void register_system_routes(App& app);
void register_session_routes(App& app);
void register_user_routes(App& app);
// Regions, units, grids, zones, assignments, merchants, geo lookup, import (territory_*.cpp).
void register_territory_routes(App& app);
void register_attachment_routes(App& app);
// Checks, stores and records an uploaded photo (the POST /attachments path); returns its id.
std::int64_t store_attachment(App& app, const Actor& a, std::string_view bytes, const std::string& filename);
void register_problem_read_routes(App& app);
void register_problem_write_routes(App& app);
void register_settings_routes(App& app);
void register_ledger_export_routes(App& app);
// Campaigns and field work (campaigns*, activities, inspections*, patrols, duties).
void register_campaign_routes(App& app);
void register_campaign_work_routes(App& app);
void register_campaign_burndown_routes(App& app);
void register_activity_routes(App& app);
void register_inspection_routes(App& app);
void register_inspection_finding_routes(App& app);
void register_patrol_routes(App& app);
void register_duty_routes(App& app);
// Assessment, accountability and documents (assessment*.cpp, reports*.cpp).
void register_assessment_routes(App& app);
void register_accountability_routes(App& app);
void register_report_routes(App& app);
void register_work_report_routes(App& app);
// Notices of the signed-in user, and the tenant's webhook settings (notifications.cpp, webhook_routes.cpp).
void register_notification_routes(App& app);
void register_webhook_routes(App& app);
// Feedback lists (交办清单) and their answer (feedback.cpp, reports_feedback.cpp).
void register_feedback_routes(App& app);
void register_feedback_report_routes(App& app);
// 专项行动总结 and result 通报 (reports_campaign.cpp).
void register_campaign_report_routes(App& app);

// Path parameter as a positive id, else 404 naming the resource.
std::int64_t path_id(const Request& req, const char* name, const char* what);
// Strict integer parsing for query strings: nullopt when absent, 400 when malformed.
std::optional<std::int64_t> query_int(const Request& req, const std::string& name, std::int64_t min,
                                      std::int64_t max);
// A DbError from a constraint turned into a Chinese 409/400; anything else rethrown.
[[noreturn]] void rethrow_db(const std::exception_ptr& e, const std::string& what);

}  // namespace envgrid::http
