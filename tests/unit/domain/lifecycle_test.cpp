// Lifecycle decisions: what each action changes, the 409 body, labels, intake, visibility.
#include "domain/lifecycle.hpp"
#include "test_util.hpp"

namespace envgrid::domain {
namespace {

using A = Action;
using S = State;

const Actor kDispatcher{1, {Role::dispatcher}, std::nullopt, {}};
const Actor kHandler{2, {Role::unit_handler}, 10, {}};
const Actor kInspector{3, {Role::inspector}, std::nullopt, {}};
const Actor kWorker{4, {Role::grid_worker}, std::nullopt, {100}};
const Actor kViewer{5, {Role::viewer}, std::nullopt, {}};
const Actor kLeader{6, {Role::leader}, std::nullopt, {}};

ProblemFacts at_state(State s) {
  ProblemFacts f;
  f.state = s;
  f.unit_id = s == S::dispatched || s == S::handled ? std::optional<std::int64_t>(10) : std::nullopt;
  f.grid_id = 100;
  f.reporter_id = 4;
  return f;
}

// Applies a decision to facts the way the caller would.
void apply(ProblemFacts& f, const Decision& d, std::optional<std::int64_t> unit = std::nullopt) {
  f.state = d.to;
  if (d.suspended) f.suspended = *d.suspended;
  if (d.pending_extension) f.pending_extension = *d.pending_extension;
  if (d.clears_unit) f.unit_id.reset();
  if (d.sets_unit) f.unit_id = unit;
}

TEST(Lifecycle, FullLoopReportToClose) {
  ProblemFacts f = at_state(S::reported);
  auto d = decide(f, kDispatcher, A::accept);
  ASSERT_TRUE(d.ok());
  apply(f, *d);
  d = decide(f, kDispatcher, A::dispatch);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->sets_unit && d->starts_clock);
  apply(f, *d, 10);
  d = decide(f, kHandler, A::handle);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->stops_clock);
  apply(f, *d);
  d = decide(f, kWorker, A::verify_pass);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->to, S::closed);
}

TEST(Lifecycle, ConflictBodyNamesStateActionAndAllowedActions) {
  auto r = decide(at_state(S::dispatched), kDispatcher, A::accept);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 409);
  EXPECT_EQ(r.error().type, "invalid-transition");
  EXPECT_EQ(r.error().title, "当前状态「处置中」不能执行「受理」");
  EXPECT_EQ(r.error().extra.at("allowed_actions"), boost::json::parse(R"(["dispatch", "suspend", "void"])"));
  EXPECT_EQ(r.error().extra.at("state"), "dispatched");
  // The API test's case: a dispatcher asking verify_pass on a reported problem.
  r = decide(at_state(S::reported), kDispatcher, A::verify_pass);
  EXPECT_EQ(r.error().status, 409);
  EXPECT_EQ(r.error().title, "当前状态「待受理」不能执行「核查通过」");
  // A leader is told nothing is possible rather than 403 when the state is wrong anyway.
  r = decide(at_state(S::closed), kLeader, A::void_);
  EXPECT_EQ(r.error().status, 409);
  EXPECT_TRUE(r.error().extra.at("allowed_actions").as_array().empty());
}

TEST(Lifecycle, ReturnGoesBackToTheDispatcherAndCounts) {
  auto d = decide(at_state(S::dispatched), kHandler, A::return_);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->to, S::registered);
  EXPECT_EQ(d->return_delta, 1);
  EXPECT_TRUE(d->clears_unit);
  EXPECT_EQ(d->rework_delta, 0);
}

TEST(Lifecycle, VerifyFailIsReworkWithARestartedClock) {
  auto d = decide(at_state(S::handled), kInspector, A::verify_fail);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->to, S::dispatched);
  EXPECT_EQ(d->rework_delta, 1);
  EXPECT_TRUE(d->starts_clock);
  EXPECT_FALSE(d->sets_unit);  // the same unit works again
}

TEST(Lifecycle, ExtensionRequestThenApproveOrDeny) {
  ProblemFacts f = at_state(S::dispatched);
  auto d = decide(f, kHandler, A::request_extension);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->pending_extension, true);
  apply(f, *d);
  auto again = decide(f, kHandler, A::request_extension);
  EXPECT_EQ(again.error().title, "当前状态「处置中（延期待审批）」不能执行「申请延期」");
  EXPECT_EQ(again.error().detail, "已有待审批的延期申请");
  auto ok = decide(f, kDispatcher, A::approve_extension);
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->adds_extension);
  EXPECT_EQ(ok->pending_extension, false);
  auto no = decide(f, kDispatcher, A::deny_extension);
  ASSERT_TRUE(no.ok());
  EXPECT_FALSE(no->adds_extension);
  EXPECT_EQ(decide(at_state(S::dispatched), kDispatcher, A::approve_extension).error().detail, "没有待审批的延期申请");
}

TEST(Lifecycle, SuspendAndResume) {
  ProblemFacts f = at_state(S::dispatched);
  auto d = decide(f, kDispatcher, A::suspend);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->opens_suspension);
  apply(f, *d);
  EXPECT_TRUE(f.suspended);
  auto twice = decide(f, kDispatcher, A::suspend);
  EXPECT_EQ(twice.error().status, 409);
  EXPECT_EQ(twice.error().title, "当前状态「处置中（挂账）」不能执行「挂账」");
  EXPECT_EQ(decide(f, kHandler, A::request_extension).error().detail, "挂账期间不能申请延期");
  // Handling a suspended problem ends the suspension.
  auto h = decide(f, kHandler, A::handle);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->suspended, false);
  EXPECT_TRUE(h->closes_suspension);
  d = decide(f, kDispatcher, A::resume);
  ASSERT_TRUE(d.ok());
  apply(f, *d);
  EXPECT_FALSE(f.suspended);
  EXPECT_EQ(decide(f, kDispatcher, A::resume).error().detail, "问题没有挂账");
}

TEST(Lifecycle, RedispatchStartsANewRoundForTheNewUnit) {
  ProblemFacts f = at_state(S::dispatched);
  f.suspended = f.pending_extension = true;
  auto d = decide(f, kDispatcher, A::dispatch);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->to, S::dispatched);
  EXPECT_TRUE(d->sets_unit && d->starts_clock && d->closes_suspension);
  EXPECT_EQ(d->suspended, false);
  EXPECT_EQ(d->pending_extension, false);
}

TEST(Lifecycle, VoidAndMerge) {
  auto v = decide(at_state(S::registered), kDispatcher, A::void_);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->to, S::voided);
  EXPECT_FALSE(v->sets_merged_into);
  auto m = decide(at_state(S::reported), kDispatcher, A::merge);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->to, S::voided);
  EXPECT_TRUE(m->sets_merged_into);
  EXPECT_EQ(decide(at_state(S::dispatched), kDispatcher, A::merge).error().status, 409);
  EXPECT_EQ(decide(at_state(S::handled), kDispatcher, A::void_).error().status, 409);
}

TEST(Lifecycle, DispatchedWithoutUnitCannotBeHandled) {
  ProblemFacts f = at_state(S::dispatched);
  f.unit_id.reset();
  auto r = decide(f, kHandler, A::handle);
  EXPECT_EQ(r.error().status, 409);
  EXPECT_EQ(r.error().detail, "尚未指定责任单位");
}

TEST(Lifecycle, ReportIsNotAnActionOnAnExistingProblem) {
  EXPECT_EQ(decide(at_state(S::reported), kDispatcher, A::report).error().status, 409);
}

TEST(Lifecycle, IntakeTrustedDispatchAndOnTheSpotFix) {
  EXPECT_EQ(*initial_state(kWorker, Intake::plain), S::reported);
  EXPECT_EQ(*initial_state(kLeader, Intake::plain), S::reported);  // 全员督查
  EXPECT_EQ(*initial_state(kInspector, Intake::dispatch), S::dispatched);
  EXPECT_EQ(*initial_state(kDispatcher, Intake::dispatch), S::dispatched);
  EXPECT_EQ(*initial_state(Actor{9, {Role::admin}, {}, {}}, Intake::dispatch), S::dispatched);
  auto no = initial_state(kWorker, Intake::dispatch);
  ASSERT_FALSE(no.ok());
  EXPECT_EQ(no.error().status, 403);
  EXPECT_EQ(*initial_state(kWorker, Intake::on_the_spot), S::handled);
  EXPECT_EQ(*initial_state(kHandler, Intake::on_the_spot), S::handled);
  EXPECT_EQ(initial_state(kViewer, Intake::plain).error().status, 403);
  EXPECT_TRUE(may_report(Actor{7, {Role::viewer, Role::grid_worker}, {}, {100}}));
  EXPECT_TRUE(is_trusted_reporter(kInspector));
  EXPECT_FALSE(is_trusted_reporter(kHandler));
}

TEST(Lifecycle, Visibility) {
  ProblemFacts f = at_state(S::dispatched);
  f.assisting_unit_ids = {12};
  EXPECT_TRUE(can_view(f, kViewer));
  EXPECT_TRUE(can_view(f, kLeader));
  EXPECT_TRUE(can_view(f, kHandler));
  EXPECT_TRUE(can_view(f, Actor{8, {Role::unit_handler}, 12, {}}));    // assisting unit
  EXPECT_FALSE(can_view(f, Actor{8, {Role::unit_handler}, 13, {}}));   // another unit
  EXPECT_TRUE(can_view(f, kWorker));                                   // own grid
  EXPECT_FALSE(can_view(f, Actor{9, {Role::grid_worker}, {}, {101}}));  // another grid
  EXPECT_TRUE(can_view(f, Actor{4, {Role::grid_worker}, {}, {}}));      // the reporter
}

TEST(Lifecycle, NamesAndLabels) {
  for (State s : all_states()) EXPECT_EQ(parse_state(state_name(s)), s);
  for (Action a : all_actions()) EXPECT_EQ(parse_action(action_name(a)), a);
  for (Role r : {Role::admin, Role::dispatcher, Role::inspector, Role::grid_worker, Role::unit_handler, Role::leader,
                 Role::viewer})
    EXPECT_EQ(parse_role(role_name(r)), r);
  EXPECT_EQ(parse_state("open"), std::nullopt);
  EXPECT_EQ(parse_action("return_"), std::nullopt);
  EXPECT_STREQ(action_name(A::return_), "return");
  EXPECT_STREQ(action_name(A::void_), "void");
  EXPECT_STREQ(state_label(S::reported), "待受理");
  EXPECT_STREQ(state_label(S::rejected), "不予受理");
  EXPECT_STREQ(state_label(S::registered), "已立案");
  EXPECT_STREQ(state_label(S::dispatched), "处置中");
  EXPECT_STREQ(state_label(S::handled), "待核查");
  EXPECT_STREQ(state_label(S::closed), "已结案");
  EXPECT_STREQ(state_label(S::voided), "已作废");
  EXPECT_STREQ(action_label(A::accept), "受理");
  EXPECT_STREQ(action_label(A::suspend), "挂账");
  EXPECT_STREQ(role_label(Role::grid_worker), "网格员");
  EXPECT_EQ(all_states().size(), 7u);
  EXPECT_EQ(all_actions().size(), 15u);
  EXPECT_EQ(all_actions().front(), A::report);
}

}  // namespace
}  // namespace envgrid::domain
