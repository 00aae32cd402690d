#pragma once
// Higher-level feedback lists (交办清单): the list, its items in file order, and each
// item's problem with what the answer (整改情况报告) needs to say about it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace envgrid::store {

struct FeedbackList {
  std::int64_t id = 0, tenant_id = 0;
  std::string title, doc_number, issuing_body, source;
  std::optional<std::string> source_level;
  std::string received_on;             // YYYY-MM-DD
  std::optional<std::string> due_on;   // answer due
  std::optional<std::int64_t> campaign_id;
  std::string filename;
  std::int64_t created_by = 0, created_at = 0;
  // Read side only: item counts.
  std::int64_t items = 0, closed = 0, overdue = 0;
};

struct FeedbackItem {
  std::int64_t id = 0, list_id = 0;
  std::int64_t row_no = 0;   // 1-based row in the uploaded sheet
  std::string ref;           // the list's own 序号
  std::optional<std::int64_t> problem_id;
  std::string raw = "{}";    // the mapped cells as JSON
  // Read side only: the problem as it stands.
  std::string number, state, category_code, address, description, outcome;
  std::optional<std::int64_t> unit_id, deadline, closed_at, handled_at;
  std::string handle_comment;  // the handler's last comment (整改措施)
};

std::int64_t insert_feedback_list(Conn& c, const FeedbackList& l);
std::int64_t insert_feedback_item(Conn& c, std::int64_t tenant_id, const FeedbackItem& i);
std::vector<FeedbackList> list_feedback_lists(Conn& c, std::int64_t tenant_id, std::int64_t now);
std::optional<FeedbackList> get_feedback_list(Conn& c, std::int64_t tenant_id, std::int64_t id, std::int64_t now);
std::vector<FeedbackItem> feedback_items(Conn& c, std::int64_t tenant_id, std::int64_t list_id);

}  // namespace envgrid::store
