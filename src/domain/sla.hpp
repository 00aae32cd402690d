#pragma once
// Time limits (整改时限, SLA) of a problem and of its steps, evaluated at a given `now`.
//
// Rules (DESIGN.md "Time limits"):
// - The clock starts at dispatch; a rework dispatch (返工) restarts the full limit from that
//   moment, and extensions approved before the restart are dropped with the old round.
// - Limit and extensions count in the limit's kind: working time on the calendar (in the
//   clock mode) or natural wall-clock time.
// - Suspensions (挂账) stop the clock and push the deadline by the suspended time; an open
//   suspension counts up to the evaluation time. Overlapping suspensions count once.
// - An explicit deadline set by the dispatcher replaces the computed one: the limit becomes
//   the time counted from the start to it, and extensions/suspensions move it as usual
//   (never earlier than the instant set). One at or before the start (from before a
//   rework) is ignored.
// - A cap (end of a campaign's rectification phase) bounds the deadline: min(deadline, cap);
//   a cap at or before the start is ignored.
// - The clock stops at handling (handled_at).
// Light: red when overdue or more than 100 % used, yellow from 80 % to 100 %, else green.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/calendar.hpp"

namespace envgrid::domain {

enum class LimitKind { working, natural };
enum class Light { green, yellow, red };

const char* limit_kind_name(LimitKind k);  // "working" | "natural"
std::optional<LimitKind> parse_limit_kind(std::string_view s);
const char* light_name(Light l);   // "green" | "yellow" | "red"
const char* light_label(Light l);  // "正常" | "预警" | "超期"

struct Limit {
  std::int64_t minutes = 0;
  LimitKind kind = LimitKind::working;
};

struct Extension {
  std::int64_t minutes = 0;  // added limit time, in the limit's kind
  core::Millis approved_at = 0;
};

struct Suspension {
  core::Millis from = 0;
  std::optional<core::Millis> to;  // nullopt while still suspended
};

struct SlaInputs {
  Limit limit;
  ClockMode mode = ClockMode::normal;
  core::Millis dispatched_at = 0;
  std::vector<Extension> extensions;
  std::vector<Suspension> suspensions;
  std::optional<core::Millis> rework_at;          // latest rework dispatch
  std::optional<core::Millis> explicit_deadline;  // set by the dispatcher
  std::optional<core::Millis> cap;                // campaign rectification phase end
  std::optional<core::Millis> handled_at;
};

struct SlaStatus {
  core::Millis start = 0;     // dispatch, or the latest rework dispatch
  core::Millis deadline = 0;
  core::Millis warn_at = 0;   // the light turns yellow here (80 % used)
  core::Millis total = 0;     // limit time from start to deadline, suspensions excluded
  core::Millis used = 0;      // limit time elapsed until now (or handling)
  core::Millis remaining = 0; // total − used; negative once exceeded
  double used_ratio = 0;      // used / total (1.0 when total is 0)
  Light light = Light::green;
  bool overdue = false;       // the clock ran (now or handling) past the deadline
  bool stopped = false;       // handled: the clock no longer runs
};

// Light for a ratio: green < 0.8 ≤ yellow ≤ 1.0 < red.
Light light_for(double used_ratio);

// The SLA at `now`. REQUIRES: in.limit.minutes >= 0.
SlaStatus evaluate_sla(const WorkCalendar& cal, const SlaInputs& in, core::Millis now);

// --- steps (受理 accept, 派遣 dispatch, 核查 verify): a limit from the step's start ---

enum class Step { accept, dispatch, verify };
const char* step_name(Step s);   // "accept" | "dispatch" | "verify"
const char* step_label(Step s);  // "受理" | "派遣" | "核查"

// Working minutes allowed per step (defaults; configurable by the caller).
struct StepLimits {
  std::int64_t accept = 60, dispatch = 60, verify = 240;
  std::int64_t of(Step s) const;
};

// The step's SLA: clock from `started_at` (reported / accepted / handled) until `done_at`
// (or now), `minutes` working minutes on the calendar in `mode`.
SlaStatus evaluate_step(const WorkCalendar& cal, std::int64_t minutes, ClockMode mode,
                        core::Millis started_at, std::optional<core::Millis> done_at, core::Millis now);

// --- JSON of the inputs, as kept with a problem ---
// {"limit_minutes": 240, "kind": "working", "mode": "normal", "dispatched_at": ms,
//  "extensions": [{"minutes": 480, "approved_at": ms}],
//  "suspensions": [{"from": ms, "to": ms|null}],
//  "rework_at": ms|null, "explicit_deadline": ms|null, "cap": ms|null, "handled_at": ms|null}
boost::json::object sla_inputs_to_json(const SlaInputs& in);
core::Result<SlaInputs> parse_sla_inputs(const boost::json::value& v);
// The status as JSON: {"deadline", "warn_at", "used_ratio", "light", "overdue",
// "remaining_ms", "stopped"} (instants as epoch ms).
boost::json::object sla_status_to_json(const SlaStatus& s);

}  // namespace envgrid::domain
