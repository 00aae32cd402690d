#include "http/routes.hpp"

namespace envgrid::http {

void register_all(App& app) {
  register_system_routes(app);
  register_session_routes(app);
  register_user_routes(app);
  register_territory_routes(app);
  register_attachment_routes(app);
  register_problem_read_routes(app);
  register_problem_write_routes(app);
  register_settings_routes(app);
  register_ledger_export_routes(app);
  register_campaign_routes(app);
  register_campaign_work_routes(app);
  register_campaign_burndown_routes(app);
  register_activity_routes(app);
  register_inspection_routes(app);
  register_inspection_finding_routes(app);
  register_patrol_routes(app);
  register_duty_routes(app);
  register_assessment_routes(app);
  register_accountability_routes(app);
  register_report_routes(app);
  register_work_report_routes(app);
  register_notification_routes(app);
  register_webhook_routes(app);
  register_feedback_routes(app);
  register_feedback_report_routes(app);
  register_campaign_report_routes(app);
}

}  // namespace envgrid::http
