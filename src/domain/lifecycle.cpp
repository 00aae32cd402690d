// The lifecycle rules: what each state allows (for anyone), who may act, and the change.
#include "domain/lifecycle.hpp"

#include <algorithm>

namespace envgrid::domain {

namespace {

using A = Action;
using S = State;

bool contains(const std::vector<std::int64_t>& v, std::int64_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// nullopt when the state (with its flags) allows the action for someone; otherwise a
// reason, empty when the state label alone says it.
std::optional<std::string> state_blocks(const ProblemFacts& f, Action a) {
  const bool dispatched = f.state == S::dispatched;
  auto need = [](bool ok, std::string why = {}) -> std::optional<std::string> {
    if (ok) return std::nullopt;
    return why;
  };
  switch (a) {
    case A::report: return std::string("问题已经上报");
    case A::accept:
    case A::reject: return need(f.state == S::reported);
    case A::dispatch: return need(f.state == S::registered || dispatched);
    case A::return_:
    case A::handle:
      if (dispatched && !f.unit_id) return std::string("尚未指定责任单位");
      return need(dispatched);
    case A::verify_pass:
    case A::verify_fail: return need(f.state == S::handled);
    case A::request_extension:
      if (!dispatched) return std::string();
      if (f.suspended) return std::string("挂账期间不能申请延期");
      return need(!f.pending_extension, "已有待审批的延期申请");
    case A::approve_extension:
    case A::deny_extension:
      if (!dispatched) return std::string();
      return need(f.pending_extension, "没有待审批的延期申请");
    case A::suspend:
      if (!dispatched) return std::string();
      return need(!f.suspended, "问题已经挂账");
    case A::resume:
      if (!dispatched) return std::string();
      return need(f.suspended, "问题没有挂账");
    case A::void_: return need(f.state == S::reported || f.state == S::registered || dispatched);
    case A::merge: return need(f.state == S::reported || f.state == S::registered);
  }
  return std::string();
}

enum class Who { command, lead_handler, verifier, nobody };

Who who_may(Action a) {
  switch (a) {
    case A::accept:
    case A::reject:
    case A::dispatch:
    case A::approve_extension:
    case A::deny_extension:
    case A::suspend:
    case A::resume:
    case A::void_:
    case A::merge: return Who::command;
    case A::return_:
    case A::handle:
    case A::request_extension: return Who::lead_handler;
    case A::verify_pass:
    case A::verify_fail: return Who::verifier;
    case A::report: return Who::nobody;
  }
  return Who::nobody;
}

// nullopt when the actor holds a role (and scope) for the action; otherwise the 403 title.
std::optional<std::string> permission_blocks(const ProblemFacts& f, const Actor& actor, Action a) {
  const std::string act = std::string("「") + action_label(a) + "」";
  switch (who_may(a)) {
    case Who::command:
      if (actor.has(Role::admin) || actor.has(Role::dispatcher)) return std::nullopt;
      return "只有受理派遣员或管理员可以执行" + act;
    case Who::lead_handler:
      if (!actor.has(Role::unit_handler)) return "只有责任单位的处置人员可以执行" + act;
      if (actor.unit_id && f.unit_id && *actor.unit_id == *f.unit_id) return std::nullopt;
      if (actor.unit_id && contains(f.assisting_unit_ids, *actor.unit_id))
        return "协办单位不能执行" + act + "，请由主办单位办理";
      return "不是本单位负责的问题，不能执行" + act;
    case Who::verifier:
      if (actor.has(Role::inspector)) return std::nullopt;
      if (actor.has(Role::grid_worker)) {
        if (f.grid_id && contains(actor.grid_ids, *f.grid_id)) return std::nullopt;
        return "问题不在本人负责的网格内，不能执行" + act;
      }
      return "只有督查人员或本网格的网格员可以执行" + act;
    case Who::nobody: break;
  }
  return "不能执行" + act;
}

std::string state_text(const ProblemFacts& f) {
  std::string s = state_label(f.state);
  if (f.suspended) s += "（挂账）";
  else if (f.pending_extension) s += "（延期待审批）";
  return s;
}

Decision change(const ProblemFacts& f, Action a) {
  Decision d;
  d.from = d.to = f.state;
  auto end_flags = [&] {
    if (f.suspended) {
      d.suspended = false;
      d.closes_suspension = true;
    }
    if (f.pending_extension) d.pending_extension = false;
  };
  switch (a) {
    case A::report: break;
    case A::accept: d.to = S::registered; break;
    case A::reject: d.to = S::rejected; break;
    case A::dispatch:
      d.to = S::dispatched;
      d.sets_unit = d.starts_clock = true;
      end_flags();  // a re-dispatch starts a new round for the new unit
      break;
    case A::return_:
      d.to = S::registered;
      d.return_delta = 1;
      d.clears_unit = true;
      end_flags();
      break;
    case A::handle:
      d.to = S::handled;
      d.stops_clock = true;
      end_flags();
      break;
    case A::verify_pass: d.to = S::closed; break;
    case A::verify_fail:
      d.to = S::dispatched;
      d.rework_delta = 1;
      d.starts_clock = true;
      break;
    case A::request_extension: d.pending_extension = true; break;
    case A::approve_extension:
      d.pending_extension = false;
      d.adds_extension = true;
      break;
    case A::deny_extension: d.pending_extension = false; break;
    case A::suspend:
      d.suspended = true;
      d.opens_suspension = true;
      break;
    case A::resume:
      d.suspended = false;
      d.closes_suspension = true;
      break;
    case A::void_:
      d.to = S::voided;
      end_flags();
      break;
    case A::merge:
      d.to = S::voided;
      d.sets_merged_into = true;
      break;
  }
  return d;
}

}  // namespace

bool Actor::has(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

std::vector<Action> allowed_actions(const ProblemFacts& facts, const Actor& actor) {
  std::vector<Action> out;
  for (Action a : all_actions())
    if (a != A::report && !state_blocks(facts, a) && !permission_blocks(facts, actor, a)) out.push_back(a);
  return out;
}

core::Result<Decision> decide(const ProblemFacts& facts, const Actor& actor, Action action) {
  if (auto why = state_blocks(facts, action)) {
    core::Error e{409, "invalid-transition",
                  "当前状态「" + state_text(facts) + "」不能执行「" + action_label(action) + "」", *why, {}, {}};
    boost::json::array allowed;
    for (Action a : allowed_actions(facts, actor)) allowed.emplace_back(action_name(a));
    e.extra["allowed_actions"] = std::move(allowed);
    e.extra["state"] = state_name(facts.state);
    return e;
  }
  if (auto why = permission_blocks(facts, actor, action))
    return core::Error{403, "forbidden", *why, {}, {}, {}};
  return change(facts, action);
}

bool can_view(const ProblemFacts& f, const Actor& actor) {
  for (Role r : kTenantWideRoles)
    if (actor.has(r)) return true;
  if (actor.user_id != 0 && actor.user_id == f.reporter_id) return true;
  if (actor.has(Role::unit_handler) && actor.unit_id &&
      ((f.unit_id && *f.unit_id == *actor.unit_id) || contains(f.assisting_unit_ids, *actor.unit_id)))
    return true;
  return actor.has(Role::grid_worker) && f.grid_id && contains(actor.grid_ids, *f.grid_id);
}

bool may_report(const Actor& actor) {
  return actor.roles.empty() ||
         std::any_of(actor.roles.begin(), actor.roles.end(), [](Role r) { return r != Role::viewer; });
}

bool is_trusted_reporter(const Actor& actor) {
  return actor.has(Role::inspector) || actor.has(Role::dispatcher) || actor.has(Role::admin);
}

core::Result<State> initial_state(const Actor& actor, Intake intake) {
  if (!may_report(actor)) return core::Error{403, "forbidden", "上级观察员只能查看，不能上报问题", {}, {}, {}};
  switch (intake) {
    case Intake::plain: return State::reported;
    case Intake::dispatch:
      if (!is_trusted_reporter(actor))
        return core::Error{403, "forbidden", "只有督查人员、受理派遣员或管理员可以上报并直接派遣", {}, {}, {}};
      return State::dispatched;
    case Intake::on_the_spot: return State::handled;
  }
  return State::reported;
}

}  // namespace envgrid::domain
