// Every state × action against an independent table of the rules in DESIGN.md: allowed
// actions succeed for the right actor, wrong roles and scopes get 403, illegal
// transitions get 409 listing what this actor may do instead.
#include <map>

#include "domain/lifecycle.hpp"
#include "test_util.hpp"

namespace envgrid::domain {
namespace {

using A = Action;
using S = State;

constexpr std::int64_t kUnit = 10, kOtherUnit = 11, kAssistUnit = 12, kGrid = 100, kOtherGrid = 101;

Actor actor(Role r, std::optional<std::int64_t> unit = std::nullopt, std::vector<std::int64_t> grids = {}) {
  return Actor{static_cast<std::int64_t>(r) + 1000, {r}, unit, std::move(grids)};
}

const Actor kDispatcher = actor(Role::dispatcher);
const Actor kAdmin = actor(Role::admin);
const Actor kHandler = actor(Role::unit_handler, kUnit);
const Actor kOtherHandler = actor(Role::unit_handler, kOtherUnit);
const Actor kAssistHandler = actor(Role::unit_handler, kAssistUnit);
const Actor kInspector = actor(Role::inspector);
const Actor kGridWorker = actor(Role::grid_worker, std::nullopt, {kGrid});
const Actor kOtherGridWorker = actor(Role::grid_worker, std::nullopt, {kOtherGrid});
const Actor kLeader = actor(Role::leader);
const Actor kViewer = actor(Role::viewer);

ProblemFacts facts(State s, bool suspended = false, bool pending = false) {
  ProblemFacts f;
  f.state = s;
  f.suspended = suspended;
  f.pending_extension = pending;
  if (s == S::dispatched || s == S::handled || s == S::closed) f.unit_id = kUnit;
  f.assisting_unit_ids = {kAssistUnit};
  f.grid_id = kGrid;
  f.reporter_id = 1;
  return f;
}

// The rules, written out independently of the implementation: the target state of an
// action allowed from (state, suspended, pending), or nullopt.
std::optional<State> expected_to(const ProblemFacts& f, Action a) {
  const bool d = f.state == S::dispatched;
  switch (a) {
    case A::accept: return f.state == S::reported ? std::optional(S::registered) : std::nullopt;
    case A::reject: return f.state == S::reported ? std::optional(S::rejected) : std::nullopt;
    case A::dispatch: return (f.state == S::registered || d) ? std::optional(S::dispatched) : std::nullopt;
    case A::return_: return d ? std::optional(S::registered) : std::nullopt;
    case A::handle: return d ? std::optional(S::handled) : std::nullopt;
    case A::verify_pass: return f.state == S::handled ? std::optional(S::closed) : std::nullopt;
    case A::verify_fail: return f.state == S::handled ? std::optional(S::dispatched) : std::nullopt;
    case A::request_extension: return d && !f.suspended && !f.pending_extension ? std::optional(S::dispatched) : std::nullopt;
    case A::approve_extension:
    case A::deny_extension: return d && f.pending_extension ? std::optional(S::dispatched) : std::nullopt;
    case A::suspend: return d && !f.suspended ? std::optional(S::dispatched) : std::nullopt;
    case A::resume: return d && f.suspended ? std::optional(S::dispatched) : std::nullopt;
    case A::void_:
      return (f.state == S::reported || f.state == S::registered || d) ? std::optional(S::voided) : std::nullopt;
    case A::merge: return (f.state == S::reported || f.state == S::registered) ? std::optional(S::voided) : std::nullopt;
    case A::report: return std::nullopt;
  }
  return std::nullopt;
}

// Who may act (right actors) and who may not (wrong role or scope).
struct Cast {
  std::vector<const Actor*> may, may_not;
};

Cast cast_for(Action a) {
  switch (a) {
    case A::return_:
    case A::handle:
    case A::request_extension:
      return {{&kHandler},
              {&kDispatcher, &kAdmin, &kOtherHandler, &kAssistHandler, &kInspector, &kGridWorker, &kLeader, &kViewer}};
    case A::verify_pass:
    case A::verify_fail:
      return {{&kInspector, &kGridWorker},
              {&kDispatcher, &kAdmin, &kHandler, &kOtherGridWorker, &kLeader, &kViewer}};
    default:
      return {{&kDispatcher, &kAdmin},
              {&kHandler, &kInspector, &kGridWorker, &kLeader, &kViewer}};
  }
}

std::vector<ProblemFacts> every_situation() {
  std::vector<ProblemFacts> v;
  for (State s : all_states()) v.push_back(facts(s));
  v.push_back(facts(S::dispatched, true, false));
  v.push_back(facts(S::dispatched, false, true));
  v.push_back(facts(S::dispatched, true, true));
  return v;
}

std::vector<std::string> names(const std::vector<Action>& as) {
  std::vector<std::string> v;
  for (Action a : as) v.emplace_back(action_name(a));
  return v;
}

std::vector<std::string> names(const boost::json::value& arr) {
  std::vector<std::string> v;
  for (const auto& x : arr.as_array()) v.emplace_back(x.as_string());
  return v;
}

TEST(LifecycleRules, EveryStateTimesEveryAction) {
  int allowed = 0, refused = 0;
  for (const ProblemFacts& f : every_situation()) {
    for (Action a : all_actions()) {
      if (a == A::report) continue;
      const auto to = expected_to(f, a);
      const Cast cast = cast_for(a);
      const std::string what = std::string(state_name(f.state)) + (f.suspended ? "+suspended" : "") +
                               (f.pending_extension ? "+pending" : "") + " × " + action_name(a);
      if (to) {
        for (const Actor* ok : cast.may) {
          auto r = decide(f, *ok, a);
          ASSERT_TRUE(r.ok()) << what << " by " << role_name(ok->roles[0]) << ": " << r.error().title;
          EXPECT_EQ(r->from, f.state) << what;
          EXPECT_EQ(r->to, *to) << what;
          ++allowed;
        }
        for (const Actor* no : cast.may_not) {
          auto r = decide(f, *no, a);
          ASSERT_FALSE(r.ok()) << what << " by " << role_name(no->roles[0]);
          EXPECT_EQ(r.error().status, 403) << what << " by " << role_name(no->roles[0]);
          EXPECT_EQ(r.error().type, "forbidden");
          ++refused;
        }
      } else {
        for (const Actor* who : {&kDispatcher, &kHandler, &kInspector, &kGridWorker, &kLeader}) {
          auto r = decide(f, *who, a);
          ASSERT_FALSE(r.ok()) << what;
          EXPECT_EQ(r.error().status, 409) << what << " by " << role_name(who->roles[0]);
          EXPECT_EQ(r.error().type, "invalid-transition");
          EXPECT_NE(r.error().title.find(std::string("不能执行「") + action_label(a) + "」"), std::string::npos);
          EXPECT_EQ(names(r.error().extra.at("allowed_actions")), names(allowed_actions(f, *who))) << what;
          ++refused;
        }
      }
    }
  }
  EXPECT_GT(allowed, 30);
  EXPECT_GT(refused, 300);
}

TEST(LifecycleRules, AllowedActionsAgreeWithDecide) {
  for (const ProblemFacts& f : every_situation())
    for (const Actor* who : {&kDispatcher, &kAdmin, &kHandler, &kOtherHandler, &kAssistHandler, &kInspector,
                             &kGridWorker, &kOtherGridWorker, &kLeader, &kViewer}) {
      const auto allowed = allowed_actions(f, *who);
      for (Action a : all_actions()) {
        const bool listed = std::find(allowed.begin(), allowed.end(), a) != allowed.end();
        EXPECT_EQ(listed, a != A::report && decide(f, *who, a).ok())
            << state_name(f.state) << " " << action_name(a) << " " << role_name(who->roles[0]);
      }
    }
}

TEST(LifecycleRules, AllowedActionsPerRole) {
  using V = std::vector<std::string>;
  EXPECT_EQ(names(allowed_actions(facts(S::reported), kDispatcher)), (V{"accept", "reject", "void", "merge"}));
  EXPECT_EQ(names(allowed_actions(facts(S::registered), kAdmin)), (V{"dispatch", "void", "merge"}));
  EXPECT_EQ(names(allowed_actions(facts(S::dispatched), kDispatcher)), (V{"dispatch", "suspend", "void"}));
  EXPECT_EQ(names(allowed_actions(facts(S::dispatched, false, true), kDispatcher)),
            (V{"dispatch", "approve_extension", "deny_extension", "suspend", "void"}));
  EXPECT_EQ(names(allowed_actions(facts(S::dispatched, true), kDispatcher)), (V{"dispatch", "resume", "void"}));
  EXPECT_EQ(names(allowed_actions(facts(S::dispatched), kHandler)), (V{"return", "handle", "request_extension"}));
  EXPECT_EQ(names(allowed_actions(facts(S::dispatched, true), kHandler)), (V{"return", "handle"}));
  EXPECT_EQ(names(allowed_actions(facts(S::handled), kGridWorker)), (V{"verify_pass", "verify_fail"}));
  EXPECT_TRUE(allowed_actions(facts(S::handled), kOtherGridWorker).empty());
  EXPECT_TRUE(allowed_actions(facts(S::dispatched), kOtherHandler).empty());
  EXPECT_TRUE(allowed_actions(facts(S::dispatched), kAssistHandler).empty());
  for (State s : all_states()) {
    EXPECT_TRUE(allowed_actions(facts(s), kLeader).empty());
    EXPECT_TRUE(allowed_actions(facts(s), kViewer).empty());
  }
  for (State s : {S::rejected, S::closed, S::voided}) EXPECT_TRUE(allowed_actions(facts(s), kAdmin).empty());
}

TEST(LifecycleRules, ForbiddenTitlesSayWhy) {
  auto title = [](const Actor& a, State s, Action act) { return decide(facts(s), a, act).error().title; };
  EXPECT_EQ(title(kGridWorker, S::reported, A::accept), "只有受理派遣员或管理员可以执行「受理」");
  EXPECT_EQ(title(kOtherHandler, S::dispatched, A::handle), "不是本单位负责的问题，不能执行「处置」");
  EXPECT_EQ(title(kAssistHandler, S::dispatched, A::handle), "协办单位不能执行「处置」，请由主办单位办理");
  EXPECT_EQ(title(kDispatcher, S::dispatched, A::handle), "只有责任单位的处置人员可以执行「处置」");
  EXPECT_EQ(title(kOtherGridWorker, S::handled, A::verify_pass), "问题不在本人负责的网格内，不能执行「核查通过」");
  EXPECT_EQ(title(kDispatcher, S::handled, A::verify_pass), "只有督查人员或本网格的网格员可以执行「核查通过」");
  // A handler without a unit, or a problem without a grid, is out of scope too.
  EXPECT_EQ(decide(facts(S::dispatched), actor(Role::unit_handler), A::handle).error().status, 403);
  auto no_grid = facts(S::handled);
  no_grid.grid_id.reset();
  EXPECT_EQ(decide(no_grid, kGridWorker, A::verify_pass).error().status, 403);
  EXPECT_TRUE(decide(no_grid, kInspector, A::verify_pass).ok());
}

}  // namespace
}  // namespace envgrid::domain
