#pragma once
#include <array>
// The problem lifecycle (DESIGN.md "Problem lifecycle") as a pure decision: given the
// problem's facts, who acts and what they ask, either the resulting change or a typed error.
//
//   reported ─accept→ registered ─dispatch→ dispatched ─handle→ handled ─verify_pass→ closed
//   reported ─reject→ rejected;  reported|registered|dispatched ─void→ voided
//   reported|registered ─merge→ voided (merged_into);  dispatched ─dispatch→ dispatched (改派)
//   dispatched ─return→ registered (return+1);  handled ─verify_fail→ dispatched (rework+1)
//   dispatched: request/approve/deny extension, suspend/resume (the `suspended` flag)
//
// Who: dispatcher/admin accept, reject, dispatch, void, approve/deny extensions, suspend,
// resume, merge; a unit_handler of the lead unit handles, returns, requests extensions; an
// inspector (anywhere) or a grid_worker (own grids) verifies; leader and viewer only read.
// Everyone except a pure viewer may report.
//
// Order of checks: an action the state does not allow (for anyone) is a 409
// "invalid-transition" listing the actions this actor may take now; otherwise a missing role
// or scope is a 403 "forbidden".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace envgrid::domain {

enum class State { reported, rejected, registered, dispatched, handled, closed, voided };

enum class Action {
  report,  // the creating action; see initial_state
  accept,
  reject,
  dispatch,
  return_,  // "return"
  handle,
  verify_pass,
  verify_fail,
  request_extension,
  approve_extension,
  deny_extension,
  suspend,
  resume,
  void_,  // "void"
  merge,
};

enum class Role { admin, dispatcher, inspector, grid_worker, unit_handler, leader, viewer };

// Roles that see every problem (and every unit's records) of their tenant; everyone else sees
// their own reports, their unit's work or their grids.
inline constexpr std::array<Role, 5> kTenantWideRoles{Role::admin, Role::dispatcher, Role::inspector,
                                                      Role::leader, Role::viewer};

// Identifiers as stored and sent over the API ("dispatched", "verify_pass", "unit_handler").
const char* state_name(State s);
const char* action_name(Action a);
const char* role_name(Role r);
std::optional<State> parse_state(std::string_view s);
std::optional<Action> parse_action(std::string_view s);
std::optional<Role> parse_role(std::string_view s);
// Chinese labels for the UI ("处置中", "核查通过", "网格员").
const char* state_label(State s);
const char* action_label(Action a);
const char* role_label(Role r);

// Every state and action in declaration order (for tests, menus, CHECK constraints).
const std::vector<State>& all_states();
const std::vector<Action>& all_actions();  // report first

struct ProblemFacts {
  State state = State::reported;
  bool suspended = false;
  bool pending_extension = false;
  std::optional<std::int64_t> unit_id;  // lead (主办) unit
  std::vector<std::int64_t> assisting_unit_ids;  // 协办
  std::optional<std::int64_t> grid_id;
  std::int64_t reporter_id = 0;
};

struct Actor {
  std::int64_t user_id = 0;
  std::vector<Role> roles;
  std::optional<std::int64_t> unit_id;
  std::vector<std::int64_t> grid_ids;
  bool has(Role r) const;
};

// What the caller must change when the action is taken. Counters and flags are deltas or
// new values; the caller supplies action data (unit, comment, hours, merge target).
struct Decision {
  State from = State::reported, to = State::reported;
  int rework_delta = 0;   // verify_fail
  int return_delta = 0;   // return: counts against the returning (lead) unit
  std::optional<bool> suspended;          // new value when it changes
  std::optional<bool> pending_extension;  // new value when it changes
  bool sets_unit = false;       // dispatch: the caller sets the (new) lead unit
  bool clears_unit = false;     // return: back to the dispatcher without a unit
  bool starts_clock = false;    // dispatch, re-dispatch and rework: the full limit from now
  bool stops_clock = false;     // handle
  bool adds_extension = false;  // approve_extension: the requested time is added
  bool opens_suspension = false, closes_suspension = false;
  bool sets_merged_into = false;  // merge
};

// Decides `action` (not report) for `actor` on a problem with `facts`.
// Errors: 409 "invalid-transition" (extra.allowed_actions), 403 "forbidden".
core::Result<Decision> decide(const ProblemFacts& facts, const Actor& actor, Action action);

// The actions (never report) `actor` may take now, in declaration order.
std::vector<Action> allowed_actions(const ProblemFacts& facts, const Actor& actor);

// Whether the actor may see the problem at all: tenant-wide roles (admin, dispatcher,
// inspector, leader, viewer), a unit_handler of the lead or an assisting unit, a
// grid_worker in own grids, and the reporter.
bool can_view(const ProblemFacts& facts, const Actor& actor);

// How a report enters the ledger.
enum class Intake {
  plain,       // → reported
  dispatch,    // trusted reporter (inspector, dispatcher, admin): accept + dispatch at once
  on_the_spot, // 当场处置: reported and handled at once, with before and after photos
};
bool may_report(const Actor& actor);            // any signed-in user except a pure viewer
bool is_trusted_reporter(const Actor& actor);   // inspector, dispatcher or admin
// The state a new problem starts in; 403 when the actor may not report this way.
core::Result<State> initial_state(const Actor& actor, Intake intake);

}  // namespace envgrid::domain
