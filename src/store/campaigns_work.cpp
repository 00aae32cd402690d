// Work items (任务台账) with progress, and deliverable submissions.
#include "store/campaigns.hpp"

namespace envgrid::store {

namespace {

constexpr const char* kItem =
    "SELECT id, tenant_id, campaign_id, task_area_id, title, target_quantity, uom, owner_unit_id, deadline, "
    "done_quantity, closed_at, created_at, version FROM work_items";

WorkItemRow read_item(const Row& r) {
  WorkItemRow w;
  w.id = r.i64(0);
  w.tenant_id = r.i64(1);
  w.campaign_id = r.i64(2);
  w.task_area_id = r.opt_i64(3);
  w.title = r.str(4);
  w.target_quantity = r.f64(5);
  w.uom = r.str(6);
  w.owner_unit_id = r.i64(7);
  w.deadline = r.str(8);
  w.done_quantity = r.f64(9);
  w.closed_at = r.opt_i64(10);
  w.created_at = r.i64(11);
  w.version = r.i64(12);
  return w;
}

}  // namespace

std::vector<WorkItemRow> list_work_items(Conn& c, std::int64_t tenant_id, std::int64_t campaign_id) {
  std::vector<WorkItemRow> out;
  for (const auto& r :
       c.query(std::string(kItem) + " WHERE tenant_id = ? AND campaign_id = ? ORDER BY id", {tenant_id, campaign_id}).rows)
    out.push_back(read_item(r));
  return out;
}

std::optional<WorkItemRow> get_work_item(Conn& c, std::int64_t tenant_id, std::int64_t campaign_id, std::int64_t id) {
  auto r = c.first(std::string(kItem) + " WHERE tenant_id = ? AND campaign_id = ? AND id = ?", {tenant_id, campaign_id, id});
  if (!r) return std::nullopt;
  return read_item(*r);
}

std::int64_t insert_work_item(Conn& c, const WorkItemRow& w) {
  return c.insert(
      "INSERT INTO work_items (tenant_id, campaign_id, task_area_id, title, target_quantity, uom, owner_unit_id, "
      "deadline, done_quantity, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 1) RETURNING id",
      {w.tenant_id, w.campaign_id, opt_param(w.task_area_id), w.title, w.target_quantity, w.uom, w.owner_unit_id,
       w.deadline, w.created_at});
}

bool add_progress(Conn& c, const WorkItemRow& w, const ProgressRow& p) {
  const double done = w.done_quantity + p.quantity;
  const bool close = p.close || done >= w.target_quantity;
  auto res = c.query(
      "UPDATE work_items SET done_quantity = ?, closed_at = ?, version = version + 1 "
      "WHERE tenant_id = ? AND id = ? AND version = ?",
      {done, close ? Param(p.at) : Param(nullptr), w.tenant_id, w.id, w.version});
  if (res.affected != 1) return false;
  c.query("INSERT INTO work_item_progress (tenant_id, work_item_id, quantity, note, attachment_ids, close, actor_id, at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {w.tenant_id, w.id, p.quantity, p.note, join_ids(p.attachment_ids), std::int64_t{close ? 1 : 0}, p.actor_id,
           p.at});
  return true;
}

std::vector<ProgressRow> list_progress(Conn& c, std::int64_t tenant_id, std::int64_t work_item_id) {
  std::vector<ProgressRow> out;
  for (const auto& r : c.query("SELECT id, quantity, note, attachment_ids, close, actor_id, at FROM work_item_progress "
                               "WHERE tenant_id = ? AND work_item_id = ? ORDER BY at, id",
                               {tenant_id, work_item_id})
                           .rows)
    out.push_back({r.i64(0), r.f64(1), r.str(2), split_ids(r.str(3)), r.boolean(4), r.i64(5), r.i64(6)});
  return out;
}

std::int64_t insert_submission(Conn& c, std::int64_t tenant_id, const SubmissionRow& s) {
  return c.insert(
      "INSERT INTO deliverable_submissions (tenant_id, deliverable_id, unit_id, note, attachment_ids, submitted_by, "
      "submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {tenant_id, s.deliverable_id, opt_param(s.unit_id), s.note, join_ids(s.attachment_ids), s.submitted_by,
       s.submitted_at});
}

std::vector<SubmissionRow> list_submissions(Conn& c, std::int64_t tenant_id, std::int64_t campaign_id) {
  std::vector<SubmissionRow> out;
  for (const auto& r : c.query("SELECT s.id, s.deliverable_id, s.unit_id, s.note, s.attachment_ids, s.submitted_by, "
                               "s.submitted_at FROM deliverable_submissions s JOIN campaign_deliverables d "
                               "ON d.id = s.deliverable_id WHERE d.tenant_id = ? AND d.campaign_id = ? "
                               "ORDER BY s.submitted_at, s.id",
                               {tenant_id, campaign_id})
                           .rows)
    out.push_back({r.i64(0), r.i64(1), r.opt_i64(2), r.str(3), split_ids(r.str(4)), r.i64(5), r.i64(6)});
  return out;
}

}  // namespace envgrid::store
