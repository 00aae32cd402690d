#pragma once
// Field work rows: activities (工作日志) with their quantities, and their totals.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace envgrid::store {

struct Quantity {
  std::string kind;  // free text: 清运垃圾, 清理小广告 …
  double amount = 0;
  std::string uom;   // 吨|条|处|㎡|个|辆|万元
};

struct ActivityRow {
  std::int64_t id = 0, tenant_id = 0;
  std::string kind, day;  // day: "YYYY-MM-DD" (Shanghai)
  std::int64_t unit_id = 0;
  std::optional<std::int64_t> campaign_id;
  std::int64_t participants = 0, vehicles = 0;
  double funds = 0;  // 万元
  std::vector<Quantity> quantities;
  std::vector<std::int64_t> attachment_ids;
  std::string note;
  std::int64_t created_by = 0, created_at = 0;
};

struct ActivityFilter {
  std::optional<std::string> from, to;  // inclusive days
  std::optional<std::int64_t> unit_id;
  std::optional<std::string> kind;
};

struct ActivityTotals {
  std::int64_t count = 0, participants = 0, vehicles = 0;
  double funds = 0;
  std::vector<Quantity> quantities;  // summed by (kind, uom)
};

std::int64_t insert_activity(Conn& c, const ActivityRow& a);
// Newest day first, at most limit rows.
std::vector<ActivityRow> list_activities(Conn& c, std::int64_t tenant_id, const ActivityFilter& f, int limit);
ActivityTotals activity_totals(Conn& c, std::int64_t tenant_id, const ActivityFilter& f);
// (unit_id, day) pairs with an activity of the kind in [from, to] — for duty compliance.
std::vector<std::pair<std::int64_t, std::string>> activity_days(Conn& c, std::int64_t tenant_id, const std::string& kind,
                                                                const std::string& from, const std::string& to);

struct InspectionRow {
  std::int64_t id = 0, tenant_id = 0;
  std::string kind;                  // weekly|monthly|covert|higher_level|spot|acceptance|observation|recheck
  std::optional<std::string> level;  // 区|市|省 for higher_level
  std::string day, title;
  std::optional<std::int64_t> campaign_id;
  std::string note;
  std::vector<std::int64_t> inspector_ids;
  std::int64_t created_by = 0, created_at = 0, version = 1;
};

struct ScoreRow {
  std::int64_t id = 0, unit_id = 0;
  std::optional<std::string> site_type;
  std::string site_name;
  double score = 0;
  std::string items = "[]";  // JSON: [{id, name, passed, value?}]
  std::string note;
  std::int64_t created_by = 0, created_at = 0;
};

struct RecheckRow {
  std::int64_t problem_id = 0;
  std::optional<std::string> result;  // confirmed|reopened, null while pending
  std::optional<std::int64_t> new_problem_id, checked_by, checked_at;
  std::string note;
};

std::int64_t insert_inspection(Conn& c, const InspectionRow& i);
std::optional<InspectionRow> get_inspection(Conn& c, std::int64_t tenant_id, std::int64_t id);
// Newest day first; optional campaign and kind filters.
std::vector<InspectionRow> list_inspections(Conn& c, std::int64_t tenant_id, std::optional<std::int64_t> campaign_id,
                                            std::optional<std::string> kind, int limit);
std::int64_t insert_score(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id, const ScoreRow& s);
std::vector<ScoreRow> list_scores(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id);
void add_finding(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id, std::int64_t problem_id);
std::vector<std::int64_t> list_findings(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id);
// Closed problems (closed_at >= since) not yet in any re-check of this inspection, at
// most n, spread by a stable order; category prefix optional.
std::vector<std::int64_t> recheck_candidates(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id,
                                             std::int64_t since, const std::optional<std::string>& category, int n);
void add_recheck(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id, std::int64_t problem_id);
std::vector<RecheckRow> list_rechecks(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id);
// Records the outcome where still pending; false when already decided.
bool decide_recheck(Conn& c, std::int64_t tenant_id, std::int64_t inspection_id, const RecheckRow& r);

struct PatrolRow {
  std::int64_t id = 0, tenant_id = 0, user_id = 0, started_at = 0;
  std::optional<std::int64_t> stopped_at;
  std::int64_t point_count = 0;
};
struct TrackPoint {
  std::int64_t at = 0;
  double lng = 0, lat = 0;
};

std::int64_t insert_patrol(Conn& c, const PatrolRow& p);
std::optional<PatrolRow> get_patrol(Conn& c, std::int64_t tenant_id, std::int64_t id);
// The user's patrol still running, if any.
std::optional<PatrolRow> open_patrol(Conn& c, std::int64_t tenant_id, std::int64_t user_id);
// Newest first; user filter optional.
std::vector<PatrolRow> list_patrols(Conn& c, std::int64_t tenant_id, std::optional<std::int64_t> user_id, int limit);
// Appends points to a running patrol; false when it has stopped meanwhile.
bool add_points(Conn& c, const PatrolRow& p, const std::vector<TrackPoint>& pts);
bool stop_patrol(Conn& c, std::int64_t tenant_id, std::int64_t id, std::int64_t at);
// Points recorded at or after since, with their patrol's user.
std::vector<std::pair<std::int64_t, TrackPoint>> points_since(Conn& c, std::int64_t tenant_id, std::int64_t since);

struct DutyRow {
  std::int64_t id = 0, tenant_id = 0;
  std::string name, who;  // who: unit | village_cadres (包村干部 of village assignments)
  std::optional<std::int64_t> unit_id;
  std::string activity_kind, frequency;  // frequency: daily | weekly
  std::optional<std::int64_t> weekday;   // ISO 1 = Monday … 7 = Sunday, weekly only
  std::string start_date;
  std::optional<std::string> end_date;
  std::int64_t created_at = 0;
};

std::int64_t insert_duty(Conn& c, const DutyRow& d);
std::vector<DutyRow> list_duties(Conn& c, std::int64_t tenant_id);

}  // namespace envgrid::store
