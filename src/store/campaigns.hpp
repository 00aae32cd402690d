#pragma once
// Campaigns (专项行动) and their parts: phases, task areas, participating units,
// deliverables with per-unit submissions, and work items (任务台账) with progress.
// Every function takes the tenant and never reads another tenant's rows.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace envgrid::store {

struct PhaseRow {
  std::int64_t id = 0;
  std::string name, kind;  // kind: mobilize|survey|rectify|accept|sustain|other
  std::string start_date;
  std::optional<std::string> end_date;  // null: open-ended (长期坚持)
};

struct TaskAreaRow {
  std::int64_t id = 0;
  std::string name;
  std::vector<std::string> category_codes, zone_kinds;
  std::optional<std::int64_t> lead_unit_id;
  std::string lead_unit_name, target;
  std::optional<double> target_quantity;
  std::string target_uom;
};

struct DeliverableRow {
  std::int64_t id = 0;
  std::string kind, title, due_date;  // kind: work_plan|phase_summary|photos|ppt|other
  bool per_unit = true;
};

struct CampaignRow {
  std::int64_t id = 0, tenant_id = 0;
  std::string doc_number, title, issuer, start_date;
  std::optional<std::string> end_date, template_id;
  std::string clock_mode = "normal";
  std::optional<std::int64_t> deadline_cap;  // end of the rectification phase, epoch ms
  double weight = 0;
  std::string award_tiers = "[]";  // JSON array of {name, amount, count}
  std::vector<PhaseRow> phases;
  std::vector<TaskAreaRow> task_areas;
  std::vector<std::int64_t> unit_ids;
  std::vector<DeliverableRow> deliverables;
  std::int64_t created_at = 0, updated_at = 0, version = 1;
};

// The campaign with all its parts, or nullopt when absent in the tenant.
std::optional<CampaignRow> get_campaign(Conn& c, std::int64_t tenant_id, std::int64_t id);
// Headers only (no parts), newest start first.
std::vector<CampaignRow> list_campaigns(Conn& c, std::int64_t tenant_id);
// Inserts header and parts; returns the id.
std::int64_t insert_campaign(Conn& c, const CampaignRow& row, std::int64_t now);
// Replaces header and parts where the version matches; false when stale. Parts keep
// their ids where the caller passes them (id > 0) so submissions stay attached.
bool update_campaign(Conn& c, const CampaignRow& row, std::int64_t now);
// Deletes a campaign and its parts. REQUIRES: no problem is tagged with it.
void delete_campaign(Conn& c, std::int64_t tenant_id, std::int64_t id);
std::int64_t tagged_problem_count(Conn& c, std::int64_t tenant_id, std::int64_t id);

struct WorkItemRow {
  std::int64_t id = 0, tenant_id = 0, campaign_id = 0;
  std::optional<std::int64_t> task_area_id;
  std::string title;
  double target_quantity = 0;
  std::string uom;
  std::int64_t owner_unit_id = 0;
  std::string deadline;
  double done_quantity = 0;
  std::optional<std::int64_t> closed_at;
  std::int64_t created_at = 0, version = 1;
};

struct ProgressRow {
  std::int64_t id = 0;
  double quantity = 0;
  std::string note;
  std::vector<std::int64_t> attachment_ids;
  bool close = false;
  std::int64_t actor_id = 0, at = 0;
};

std::vector<WorkItemRow> list_work_items(Conn& c, std::int64_t tenant_id, std::int64_t campaign_id);
std::optional<WorkItemRow> get_work_item(Conn& c, std::int64_t tenant_id, std::int64_t campaign_id, std::int64_t id);
std::int64_t insert_work_item(Conn& c, const WorkItemRow& w);
// Adds progress: done_quantity += quantity, closes (销号) when asked or when the target is
// reached; false when the version is stale.
bool add_progress(Conn& c, const WorkItemRow& w, const ProgressRow& p);
std::vector<ProgressRow> list_progress(Conn& c, std::int64_t tenant_id, std::int64_t work_item_id);

struct SubmissionRow {
  std::int64_t id = 0, deliverable_id = 0;
  std::optional<std::int64_t> unit_id;
  std::string note;
  std::vector<std::int64_t> attachment_ids;
  std::int64_t submitted_by = 0, submitted_at = 0;
};
std::int64_t insert_submission(Conn& c, std::int64_t tenant_id, const SubmissionRow& s);
std::vector<SubmissionRow> list_submissions(Conn& c, std::int64_t tenant_id, std::int64_t campaign_id);

// "1,2,3" ↔ ids, the storage form of small id lists.
std::string join_ids(const std::vector<std::int64_t>& ids);
std::vector<std::int64_t> split_ids(const std::string& s);

}  // namespace envgrid::store
