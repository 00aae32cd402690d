#pragma once
// The ledger's write paths, shared by the HTTP handlers, the feedback-list import and
// the demo generator: intake of a report and the lifecycle actions. Each runs in one
// write job: the problem row, its links and its hash-chained history commit together.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/app.hpp"
#include "store/feedback.hpp"
#include "store/problems.hpp"

namespace envgrid::http {

struct Outcome {
  std::string kind;  // persuade, penalty, tow, demolish, ban, clear, remove_ads, other
  double quantity = 0;
  std::optional<double> amount;  // fine in 元
  std::string unit;              // 吨, ㎡, 条, 处 …
};

struct DispatchInput {
  std::int64_t unit_id = 0;
  std::vector<std::int64_t> assist_unit_ids;
  std::optional<core::Millis> deadline;
};

struct IntakeInput {
  std::string category_code, source;
  std::optional<std::string> source_level, severity;
  double lng = 0, lat = 0;
  std::string address, description;
  std::vector<std::int64_t> before_ids;
  std::optional<std::int64_t> campaign_id, feedback_item_id;
  bool fixed_on_spot = false;
  std::vector<std::int64_t> after_ids;
  std::optional<Outcome> outcome;
  std::optional<DispatchInput> dispatch;  // trusted reporters: accept + dispatch at once
  std::optional<core::Millis> reported_at;  // imports and the demo only; defaults to now
  // Runs inside the intake's write job after the problem row is inserted (imports link
  // their item to the new problem in the same transaction).
  std::function<void(store::Conn&, std::int64_t problem_id)> also_in_write;
};

struct ActionInput {
  std::string action;
  std::int64_t version = 0;
  std::string comment;
  std::optional<DispatchInput> dispatch;
  std::vector<std::int64_t> attachment_ids;
  std::optional<double> hours;
  std::optional<std::int64_t> merge_into;
  std::optional<Outcome> outcome;
  std::optional<core::Millis> at;  // the demo only; defaults to now
};

// Validates and records a report; returns the stored row. Throws ApiError.
store::ProblemRow intake(App& app, const Actor& a, const IntakeInput& in);
// Applies one lifecycle action; returns the updated row. Throws ApiError (403, 404,
// 409 with allowed_actions for a wrong state or stale version, 400/422 for bad input).
store::ProblemRow act(App& app, const Actor& a, std::int64_t problem_id, const ActionInput& in);

// One item of a feedback list (交办清单) to record: its place in the file and its report.
struct FeedbackEntry {
  std::int64_t row_no = 0;  // 1-based row in the sheet
  std::string ref, raw;     // the list's own 序号; the mapped cells as JSON
  IntakeInput in;
};
// Records the list and all its items in one write, then each item's problem through
// intake() in its own write together with the link to its item (feedback.cpp). Sets
// list.id; returns the problems in item order. REQUIRES: every entry passed validation.
std::vector<store::ProblemRow> record_feedback_list(App& app, const Actor& a, store::FeedbackList& list,
                                                    const std::vector<FeedbackEntry>& entries);

}  // namespace envgrid::http
