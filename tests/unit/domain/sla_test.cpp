// Time limits: deadline, lights, extensions, suspensions, rework, explicit deadline, cap.
#include <set>

#include "domain/sla.hpp"
#include "test_util.hpp"

namespace envgrid::domain {
namespace {

using core::kHour;
using core::kMinute;
using test::at;
using test::iso;

class Sla : public ::testing::Test {
 protected:
  WorkCalendar cal = test::repo_calendar();

  // A working-hours limit dispatched at `when`.
  static SlaInputs working(std::int64_t minutes, const char* when) {
    SlaInputs in;
    in.limit = {minutes, LimitKind::working};
    in.dispatched_at = at(when);
    return in;
  }
  SlaStatus eval(const SlaInputs& in, const char* now) const { return evaluate_sla(cal, in, at(now)); }
};

TEST_F(Sla, DeadlineOnTheWorkingCalendar) {
  const auto s = eval(working(240, "2024-09-13T16:00"), "2024-09-13T17:00");
  EXPECT_EQ(iso(s.deadline), "2024-09-14T11:00:00+08:00");  // Saturday make-up day
  EXPECT_EQ(s.total, 4 * kHour);
  EXPECT_EQ(s.used, kHour);
  EXPECT_EQ(s.remaining, 3 * kHour);
  EXPECT_DOUBLE_EQ(s.used_ratio, 0.25);
  EXPECT_EQ(s.light, Light::green);
  EXPECT_FALSE(s.overdue);
  // Overnight nothing is used.
  EXPECT_EQ(eval(working(240, "2024-09-13T16:00"), "2024-09-14T08:00").used, 90 * kMinute);
}

TEST_F(Sla, LightsAt79_80_100_101Percent) {
  const auto in = working(100, "2024-09-09T08:30");  // Monday
  auto s79 = eval(in, "2024-09-09T09:49"), s80 = eval(in, "2024-09-09T09:50");
  auto s100 = eval(in, "2024-09-09T10:10"), s101 = eval(in, "2024-09-09T10:11");
  EXPECT_DOUBLE_EQ(s79.used_ratio, 0.79);
  EXPECT_EQ(s79.light, Light::green);
  EXPECT_EQ(s80.light, Light::yellow);
  EXPECT_EQ(s100.light, Light::yellow);
  EXPECT_FALSE(s100.overdue);
  EXPECT_EQ(s101.light, Light::red);
  EXPECT_TRUE(s101.overdue);
  EXPECT_EQ(s101.remaining, -kMinute);
  EXPECT_EQ(iso(s80.warn_at), "2024-09-09T09:50:00+08:00");
  EXPECT_EQ(light_for(0.7999), Light::green);
  EXPECT_EQ(light_for(0.8), Light::yellow);
  EXPECT_EQ(light_for(1.0), Light::yellow);
  EXPECT_EQ(light_for(1.0001), Light::red);
  EXPECT_STREQ(light_name(Light::yellow), "yellow");
  EXPECT_STREQ(light_label(Light::red), "超期");
}

TEST_F(Sla, PastTheDeadlineAtLunchIsOverdue) {
  // Due 12:00; at 13:00 no more working time was used, but the deadline has passed.
  const auto s = eval(working(210, "2024-09-09T08:30"), "2024-09-09T13:00");
  EXPECT_EQ(iso(s.deadline), "2024-09-09T12:00:00+08:00");
  EXPECT_DOUBLE_EQ(s.used_ratio, 1.0);
  EXPECT_TRUE(s.overdue);
  EXPECT_EQ(s.light, Light::red);
}

TEST_F(Sla, NaturalHoursCountNightsAndWeekends) {
  SlaInputs in;
  in.limit = {120, LimitKind::natural};
  in.dispatched_at = at("2024-09-21T22:00");  // Saturday night
  const auto s = eval(in, "2024-09-21T23:00");
  EXPECT_EQ(iso(s.deadline), "2024-09-22T00:00:00+08:00");
  EXPECT_DOUBLE_EQ(s.used_ratio, 0.5);
}

TEST_F(Sla, EveryDayModeWorksTheWeekend) {
  auto in = working(240, "2024-09-20T16:00");
  EXPECT_EQ(iso(eval(in, "2024-09-20T16:00").deadline), "2024-09-23T11:00:00+08:00");
  in.mode = ClockMode::every_day;
  EXPECT_EQ(iso(eval(in, "2024-09-20T16:00").deadline), "2024-09-21T11:00:00+08:00");
}

TEST_F(Sla, ApprovedExtensionAddsWorkingTime) {
  auto in = working(240, "2024-09-09T08:30");
  EXPECT_EQ(iso(eval(in, "2024-09-09T09:00").deadline), "2024-09-09T14:00:00+08:00");
  in.extensions.push_back({480, at("2024-09-09T11:00")});
  const auto s = eval(in, "2024-09-09T14:30");
  EXPECT_EQ(iso(s.deadline), "2024-09-10T14:30:00+08:00");
  EXPECT_EQ(s.total, 12 * kHour);
  EXPECT_EQ(s.light, Light::green);
  EXPECT_FALSE(s.overdue);
}

TEST_F(Sla, ClosedSuspensionPushesTheDeadline) {
  auto in = working(240, "2024-09-09T08:30");
  in.suspensions.push_back({at("2024-09-09T09:30"), at("2024-09-10T09:30")});
  const auto s = eval(in, "2024-09-10T10:30");
  // 1 h before, 7.5 working hours suspended, 3 h after.
  EXPECT_EQ(iso(s.deadline), "2024-09-10T14:00:00+08:00");
  EXPECT_EQ(s.used, 2 * kHour);
  EXPECT_EQ(s.total, 4 * kHour);
}

TEST_F(Sla, OpenSuspensionStopsTheClockUntilNow) {
  auto in = working(240, "2024-09-09T08:30");
  in.suspensions.push_back({at("2024-09-09T09:30"), std::nullopt});
  const auto s = eval(in, "2024-09-09T15:00");
  EXPECT_EQ(s.used, kHour);
  EXPECT_EQ(iso(s.deadline), "2024-09-10T09:00:00+08:00");  // 3 h left from now
  EXPECT_EQ(s.light, Light::green);
  // Days later, still suspended: still one hour used.
  const auto later = eval(in, "2024-09-20T15:00");
  EXPECT_EQ(later.used, kHour);
  EXPECT_FALSE(later.overdue);
}

TEST_F(Sla, SuspendingAfterTheDeadlineDoesNotHideOverdue) {
  auto in = working(60, "2024-09-09T08:30");
  in.suspensions.push_back({at("2024-09-09T11:00"), std::nullopt});
  const auto s = eval(in, "2024-09-09T16:00");
  EXPECT_EQ(iso(s.deadline), "2024-09-09T09:30:00+08:00");
  EXPECT_TRUE(s.overdue);
  EXPECT_EQ(s.light, Light::red);
}

TEST_F(Sla, OverlappingSuspensionsCountOnce) {
  auto in = working(240, "2024-09-09T08:30");
  in.suspensions.push_back({at("2024-09-09T09:30"), at("2024-09-09T10:30")});
  in.suspensions.push_back({at("2024-09-09T10:00"), at("2024-09-09T11:00")});
  in.suspensions.push_back({at("2024-09-09T08:00"), at("2024-09-09T08:30")});  // before dispatch
  EXPECT_EQ(iso(eval(in, "2024-09-09T09:00").deadline), "2024-09-09T15:30:00+08:00");
}

TEST_F(Sla, ReworkRestartsTheFullLimitAndDropsOldExtensions) {
  auto in = working(240, "2024-09-09T08:30");
  in.extensions.push_back({480, at("2024-09-09T11:00")});
  in.rework_at = at("2024-09-11T10:00");
  const auto s = eval(in, "2024-09-11T10:30");
  EXPECT_EQ(iso(s.start), "2024-09-11T10:00:00+08:00");
  EXPECT_EQ(iso(s.deadline), "2024-09-11T15:30:00+08:00");
  EXPECT_EQ(s.used, 30 * kMinute);
  in.extensions.push_back({60, at("2024-09-11T11:00")});  // approved in the new round
  EXPECT_EQ(iso(eval(in, "2024-09-11T10:30").deadline), "2024-09-11T16:30:00+08:00");
}

TEST_F(Sla, ExplicitDeadlineOverridesTheComputedOne) {
  auto in = working(240, "2024-09-09T08:30");
  in.explicit_deadline = at("2024-09-10T17:30");
  auto s = eval(in, "2024-09-09T16:45");
  EXPECT_EQ(iso(s.deadline), "2024-09-10T17:30:00+08:00");
  EXPECT_EQ(s.total, 15 * kHour);
  EXPECT_DOUBLE_EQ(s.used_ratio, 0.45);
  // Outside working time the explicit instant is kept as set.
  in.explicit_deadline = at("2024-09-21T18:00");
  EXPECT_EQ(iso(eval(in, "2024-09-09T09:00").deadline), "2024-09-21T18:00:00+08:00");
  // A suspension moves it like any deadline.
  in.explicit_deadline = at("2024-09-10T17:30");
  in.suspensions.push_back({at("2024-09-10T08:30"), at("2024-09-10T09:30")});
  EXPECT_EQ(iso(eval(in, "2024-09-10T10:00").deadline), "2024-09-11T09:30:00+08:00");
}

TEST_F(Sla, ExplicitDeadlineFromBeforeAReworkIsIgnored) {
  auto in = working(240, "2024-09-09T08:30");
  in.explicit_deadline = at("2024-09-10T17:30");
  in.rework_at = at("2024-09-11T10:00");
  EXPECT_EQ(iso(eval(in, "2024-09-11T10:30").deadline), "2024-09-11T15:30:00+08:00");
}

TEST_F(Sla, CampaignCapBoundsTheDeadline) {
  auto in = working(480, "2024-09-09T08:30");
  in.cap = at("2024-09-09T12:00");
  auto s = eval(in, "2024-09-09T11:30");
  EXPECT_EQ(iso(s.deadline), "2024-09-09T12:00:00+08:00");
  EXPECT_EQ(s.total, 3 * kHour + 30 * kMinute);
  EXPECT_EQ(s.light, Light::yellow);  // 3 of the 3.5 hours left before the cap
  in.cap = at("2024-09-30T12:00");
  EXPECT_EQ(iso(eval(in, "2024-09-09T11:30").deadline), "2024-09-10T09:00:00+08:00");
  in.cap = at("2024-09-01T12:00");  // before the dispatch: ignored
  EXPECT_EQ(iso(eval(in, "2024-09-09T11:30").deadline), "2024-09-10T09:00:00+08:00");
}

TEST_F(Sla, HandlingStopsTheClock) {
  auto in = working(240, "2024-09-09T08:30");
  in.handled_at = at("2024-09-09T13:40");
  auto s = eval(in, "2024-09-20T10:00");
  EXPECT_TRUE(s.stopped);
  EXPECT_FALSE(s.overdue);
  EXPECT_EQ(s.used, 3 * kHour + 40 * kMinute);
  EXPECT_EQ(s.light, Light::yellow);
  in.handled_at = at("2024-09-09T15:00");
  s = eval(in, "2024-09-20T10:00");
  EXPECT_TRUE(s.overdue);
  EXPECT_EQ(s.light, Light::red);
  // Evaluated before the handling instant, the clock still runs.
  EXPECT_FALSE(eval(in, "2024-09-09T09:30").stopped);
}

TEST_F(Sla, StepLimits) {
  const StepLimits limits;
  EXPECT_EQ(limits.of(Step::accept), 60);
  EXPECT_STREQ(step_label(Step::verify), "核查");
  // Reported Friday 17:00 → accept due Saturday 09:00 (make-up day).
  auto s = evaluate_step(cal, 60, ClockMode::normal, at("2024-09-13T17:00"), std::nullopt, at("2024-09-14T08:50"));
  EXPECT_EQ(iso(s.deadline), "2024-09-14T09:00:00+08:00");
  EXPECT_EQ(s.light, Light::yellow);
  s = evaluate_step(cal, 60, ClockMode::normal, at("2024-09-13T17:00"), at("2024-09-13T17:10"), at("2024-09-20T00:00"));
  EXPECT_EQ(s.light, Light::green);
  EXPECT_TRUE(s.stopped);
  s = evaluate_step(cal, 60, ClockMode::normal, at("2024-09-13T17:00"), std::nullopt, at("2024-09-14T09:01"));
  EXPECT_TRUE(s.overdue);
}

TEST_F(Sla, InputsJsonRoundTrip) {
  auto in = working(240, "2024-09-09T08:30");
  in.mode = ClockMode::every_day;
  in.extensions.push_back({480, at("2024-09-09T11:00")});
  in.suspensions.push_back({at("2024-09-09T12:00"), std::nullopt});
  in.rework_at = at("2024-09-11T10:00");
  in.cap = at("2024-10-20T17:30");
  const auto j = sla_inputs_to_json(in);
  auto back = parse_sla_inputs(j);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(sla_inputs_to_json(*back), j);
  EXPECT_EQ(back->suspensions.at(0).to, std::nullopt);
  EXPECT_EQ(j.at("kind"), "working");
  EXPECT_EQ(j.at("mode"), "every_day");

  auto bad = parse_sla_inputs(boost::json::parse(
      R"({"kind": "weekly", "dispatched_at": 1, "suspensions": [{"from": 10, "to": 5}], "extensions": [{"minutes": 0, "approved_at": 1}]})"));
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& e : bad.error().errors) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"limit_minutes", "kind", "suspensions[0].to", "extensions[0].minutes"}));
}

TEST_F(Sla, StatusJson) {
  const auto s = eval(working(240, "2024-09-13T16:00"), "2024-09-13T17:00");
  const auto j = sla_status_to_json(s);
  EXPECT_EQ(j.at("deadline").as_int64(), at("2024-09-14T11:00"));
  EXPECT_EQ(j.at("light"), "green");
  EXPECT_EQ(j.at("overdue"), false);
}

}  // namespace
}  // namespace envgrid::domain
