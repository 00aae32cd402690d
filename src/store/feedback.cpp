#include "store/feedback.hpp"

namespace envgrid::store {
namespace {

constexpr const char* kListColumns =
    "l.id, l.tenant_id, l.title, l.doc_number, l.issuing_body, l.source, l.source_level, l.received_on, l.due_on, "
    "l.campaign_id, l.filename, l.created_by, l.created_at, "
    "(SELECT COUNT(*) FROM feedback_items i WHERE i.list_id = l.id), "
    "(SELECT COUNT(*) FROM feedback_items i JOIN problems p ON p.id = i.problem_id WHERE i.list_id = l.id "
    "AND p.state IN ('closed', 'voided')), "
    "(SELECT COUNT(*) FROM feedback_items i JOIN problems p ON p.id = i.problem_id WHERE i.list_id = l.id "
    "AND p.state NOT IN ('closed', 'voided', 'rejected') AND p.deadline < ?)";

FeedbackList list_row(const Row& r) {
  FeedbackList l;
  int i = 0;
  l.id = r.i64(i++);
  l.tenant_id = r.i64(i++);
  l.title = r.str(i++);
  l.doc_number = r.str(i++);
  l.issuing_body = r.str(i++);
  l.source = r.str(i++);
  l.source_level = r.opt_str(i++);
  l.received_on = r.str(i++);
  l.due_on = r.opt_str(i++);
  l.campaign_id = r.opt_i64(i++);
  l.filename = r.str(i++);
  l.created_by = r.i64(i++);
  l.created_at = r.i64(i++);
  l.items = r.i64(i++);
  l.closed = r.i64(i++);
  l.overdue = r.i64(i++);
  return l;
}

}  // namespace

std::int64_t insert_feedback_list(Conn& c, const FeedbackList& l) {
  return c.insert(
      "INSERT INTO feedback_lists (tenant_id, title, doc_number, issuing_body, source, source_level, received_on, "
      "due_on, campaign_id, filename, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {l.tenant_id, l.title, l.doc_number, l.issuing_body, l.source, opt_param(l.source_level), l.received_on,
       opt_param(l.due_on), opt_param(l.campaign_id), l.filename, l.created_by, l.created_at});
}

std::int64_t insert_feedback_item(Conn& c, std::int64_t tenant_id, const FeedbackItem& i) {
  return c.insert(
      "INSERT INTO feedback_items (tenant_id, list_id, row_no, ref, problem_id, raw) VALUES (?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {tenant_id, i.list_id, i.row_no, i.ref, opt_param(i.problem_id), i.raw});
}

std::vector<FeedbackList> list_feedback_lists(Conn& c, std::int64_t tenant_id, std::int64_t now) {
  std::vector<FeedbackList> out;
  for (const auto& r : c.query(std::string("SELECT ") + kListColumns +
                                   " FROM feedback_lists l WHERE l.tenant_id = ? ORDER BY l.id DESC LIMIT 500",
                               {now, tenant_id})
                           .rows)
    out.push_back(list_row(r));
  return out;
}

std::optional<FeedbackList> get_feedback_list(Conn& c, std::int64_t tenant_id, std::int64_t id, std::int64_t now) {
  auto r = c.first(std::string("SELECT ") + kListColumns + " FROM feedback_lists l WHERE l.tenant_id = ? AND l.id = ?",
                   {now, tenant_id, id});
  if (!r) return std::nullopt;
  return list_row(*r);
}

std::vector<FeedbackItem> feedback_items(Conn& c, std::int64_t tenant_id, std::int64_t list_id) {
  std::vector<FeedbackItem> out;
  // The handler's last handle comment is the measure taken (整改措施).
  for (const auto& r :
       c.query("SELECT i.id, i.list_id, i.row_no, i.ref, i.problem_id, i.raw, p.number, p.state, p.category_code, "
               "p.address, p.description, p.outcome, p.unit_id, p.deadline, p.closed_at, p.handled_at, "
               "(SELECT t.comment FROM transitions t WHERE t.problem_id = p.id AND t.action = 'handle' "
               "ORDER BY t.seq DESC LIMIT 1) "
               "FROM feedback_items i LEFT JOIN problems p ON p.id = i.problem_id "
               "WHERE i.tenant_id = ? AND i.list_id = ? ORDER BY i.row_no",
               {tenant_id, list_id})
           .rows) {
    FeedbackItem f;
    int k = 0;
    f.id = r.i64(k++);
    f.list_id = r.i64(k++);
    f.row_no = r.i64(k++);
    f.ref = r.str(k++);
    f.problem_id = r.opt_i64(k++);
    f.raw = r.str(k++);
    f.number = r.opt_str(k++).value_or("");
    f.state = r.opt_str(k++).value_or("");
    f.category_code = r.opt_str(k++).value_or("");
    f.address = r.opt_str(k++).value_or("");
    f.description = r.opt_str(k++).value_or("");
    f.outcome = r.opt_str(k++).value_or("");
    f.unit_id = r.opt_i64(k++);
    f.deadline = r.opt_i64(k++);
    f.closed_at = r.opt_i64(k++);
    f.handled_at = r.opt_i64(k++);
    f.handle_comment = r.opt_str(k++).value_or("");
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace envgrid::store
