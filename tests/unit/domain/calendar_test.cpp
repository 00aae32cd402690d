// The working calendar: holidays, make-up days, periods, every-day mode, and its JSON.
#include <filesystem>
#include <map>
#include <random>

#include "domain/calendar.hpp"
#include "test_util.hpp"

namespace envgrid::domain {
namespace {

using core::kHour;
using core::kMinute;
using test::at;
using test::iso;
using test::repo_calendar;

TEST(Calendar, WorkdaysFollowHolidaysAndMakeupDays) {
  const WorkCalendar cal = repo_calendar();
  auto d = [](const char* s) { return *core::parse_date(s); };
  EXPECT_TRUE(cal.is_workday(d("2024-09-13")));   // Friday
  EXPECT_TRUE(cal.is_workday(d("2024-09-14")));   // Saturday, make-up day for 中秋
  EXPECT_FALSE(cal.is_workday(d("2024-09-15")));  // Sunday, holiday
  EXPECT_FALSE(cal.is_workday(d("2024-09-16")));  // Monday, holiday
  EXPECT_FALSE(cal.is_workday(d("2024-09-21")));  // ordinary Saturday
  EXPECT_TRUE(cal.is_workday(d("2024-09-29")));   // Sunday, make-up day for 国庆
  for (int day = 1; day <= 7; ++day) EXPECT_FALSE(cal.is_workday({2024, 10, day})) << day;
  EXPECT_TRUE(cal.is_workday(d("2024-10-08")));
  EXPECT_TRUE(cal.is_workday(d("2024-10-12")));   // Saturday, make-up day
  EXPECT_FALSE(cal.is_workday(d("2025-01-28")));  // 春节 2025
  EXPECT_TRUE(cal.is_workday(d("2025-01-26")));   // Sunday, make-up day
}

TEST(Calendar, YearWithoutDataIsPlainMondayToFriday) {
  const WorkCalendar cal = repo_calendar();
  EXPECT_EQ(cal.year(2030), nullptr);
  EXPECT_TRUE(cal.is_workday({2030, 1, 1}));   // a Tuesday: no holiday facts for 2030
  EXPECT_FALSE(cal.is_workday({2030, 1, 5}));  // Saturday
  EXPECT_FALSE(cal.is_workday({2030, 1, 6}));  // Sunday
}

TEST(Calendar, FourWorkingHoursFromFridayAfternoonEndOnMakeupSaturday) {
  const WorkCalendar cal = repo_calendar();
  EXPECT_EQ(iso(cal.add_working(at("2024-09-13T16:00"), 4 * kHour)), "2024-09-14T11:00:00+08:00");
  EXPECT_EQ(cal.working_between(at("2024-09-13T16:00"), at("2024-09-14T11:00")), 4 * kHour);
}

TEST(Calendar, ReportAtNightStartsAtNextPeriod) {
  const WorkCalendar cal = repo_calendar();
  EXPECT_EQ(iso(cal.add_working(at("2024-09-12T22:00"), kHour)), "2024-09-13T09:30:00+08:00");
  EXPECT_EQ(iso(cal.add_working(at("2024-09-13T06:00"), kHour)), "2024-09-13T09:30:00+08:00");
  // Friday night before an ordinary weekend → Monday morning.
  EXPECT_EQ(iso(cal.add_working(at("2024-09-20T21:00"), kHour)), "2024-09-23T09:30:00+08:00");
  EXPECT_EQ(cal.working_between(at("2024-09-12T18:00"), at("2024-09-13T08:30")), 0);
}

TEST(Calendar, ReportAtLunchStartsAtAfternoonPeriod) {
  const WorkCalendar cal = repo_calendar();
  EXPECT_EQ(iso(cal.add_working(at("2024-09-12T12:30"), kHour)), "2024-09-12T14:30:00+08:00");
  EXPECT_EQ(cal.working_between(at("2024-09-12T12:00"), at("2024-09-12T13:30")), 0);
}

TEST(Calendar, PeriodsSplitOverLunch) {
  const WorkCalendar cal = repo_calendar();
  EXPECT_EQ(iso(cal.add_working(at("2024-09-12T11:00"), 2 * kHour)), "2024-09-12T14:30:00+08:00");
  EXPECT_EQ(cal.working_between(at("2024-09-12T11:00"), at("2024-09-12T14:30")), 2 * kHour);
  // Ending exactly at the end of the morning stays at 12:00.
  EXPECT_EQ(iso(cal.add_working(at("2024-09-12T08:30"), 3 * kHour + 30 * kMinute)), "2024-09-12T12:00:00+08:00");
  // A whole day is 7.5 hours: 08:30 + 7.5 h ends at 17:30 the same day.
  EXPECT_EQ(cal.working_day_length(), 7 * kHour + 30 * kMinute);
  EXPECT_EQ(iso(cal.add_working(at("2024-09-12T08:30"), cal.working_day_length())), "2024-09-12T17:30:00+08:00");
}

TEST(Calendar, SpanningNationalDay2024) {
  const WorkCalendar cal = repo_calendar();
  // Monday 09-30 16:00: 1.5 h that day, 10-01…10-07 off, 2.5 h on Tuesday 10-08.
  EXPECT_EQ(iso(cal.add_working(at("2024-09-30T16:00"), 4 * kHour)), "2024-10-08T11:00:00+08:00");
  EXPECT_EQ(cal.working_between(at("2024-09-30T16:00"), at("2024-10-08T11:00")), 4 * kHour);
  // Sunday 09-29 is a make-up workday.
  EXPECT_EQ(iso(cal.add_working(at("2024-09-28T10:00"), kHour)), "2024-09-29T09:30:00+08:00");
}

TEST(Calendar, EveryDayModeCountsWeekendsAndHolidaysWithTheSamePeriods) {
  const WorkCalendar cal = repo_calendar();
  const auto e = ClockMode::every_day;
  EXPECT_TRUE(cal.is_workday({2024, 9, 21}, e));
  EXPECT_TRUE(cal.is_workday({2024, 10, 1}, e));
  EXPECT_EQ(iso(cal.add_working(at("2024-09-20T16:00"), 4 * kHour)), "2024-09-23T11:00:00+08:00");
  EXPECT_EQ(iso(cal.add_working(at("2024-09-20T16:00"), 4 * kHour, e)), "2024-09-21T11:00:00+08:00");
  EXPECT_EQ(iso(cal.add_working(at("2024-09-30T16:00"), 4 * kHour, e)), "2024-10-01T11:00:00+08:00");
  // Night still does not count.
  EXPECT_EQ(iso(cal.add_working(at("2024-09-21T20:00"), kHour, e)), "2024-09-22T09:30:00+08:00");
  EXPECT_EQ(cal.working_between(at("2024-09-21T00:00"), at("2024-09-22T00:00"), e), cal.working_day_length());
}

TEST(Calendar, NaturalTimeIsWallClock) {
  EXPECT_EQ(iso(add_natural(at("2024-09-21T22:00"), 4 * kHour)), "2024-09-22T02:00:00+08:00");
  EXPECT_EQ(natural_between(at("2024-09-21T22:00"), at("2024-09-22T02:00")), 4 * kHour);
  EXPECT_EQ(natural_between(at("2024-09-22T02:00"), at("2024-09-21T22:00")), 0);
}

TEST(Calendar, ZeroDurationAndEmptyRanges) {
  const WorkCalendar cal;
  const auto t = at("2024-09-21T22:00");
  EXPECT_EQ(cal.add_working(t, 0), t);
  EXPECT_EQ(cal.add_working(t, -kHour), t);
  EXPECT_EQ(cal.working_between(t, t), 0);
}

TEST(Calendar, ConfiguredPeriods) {
  auto p = parse_periods(boost::json::parse(R"([{"start": "09:00", "end": "17:00"}])"));
  ASSERT_TRUE(p.ok());
  const WorkCalendar cal(*p);
  EXPECT_EQ(cal.working_day_length(), 8 * kHour);
  EXPECT_EQ(iso(cal.add_working(at("2024-09-12T16:00"), 2 * kHour)), "2024-09-13T10:00:00+08:00");
  EXPECT_EQ(cal.working_between(at("2024-09-12T12:00"), at("2024-09-12T13:00")), kHour);
}

TEST(Calendar, AddAndBetweenAgreeOnRandomInputs) {
  const WorkCalendar cal = repo_calendar();
  std::mt19937_64 rng(20240913);
  const auto from = at("2023-12-01T00:00"), span = 400 * core::kDay;
  for (int i = 0; i < 2000; ++i) {
    const auto start = from + static_cast<core::Millis>(rng() % span) / kMinute * kMinute;
    const auto dur = static_cast<core::Millis>(rng() % (60 * 60)) * kMinute;
    const auto mode = i % 3 == 0 ? ClockMode::every_day : ClockMode::normal;
    const auto end = cal.add_working(start, dur, mode);
    ASSERT_EQ(cal.working_between(start, end, mode), dur) << iso(start) << " + " << dur;
    ASSERT_GE(end, start);
  }
}

TEST(Calendar, SetYearReplacesTheOldFacts) {
  WorkCalendar cal;
  HolidayYear y{2024, {{2024, 9, 16}}, {{2024, 9, 14}}, "test", ""};
  cal.set_year(y);
  EXPECT_FALSE(cal.is_workday({2024, 9, 16}));
  EXPECT_TRUE(cal.is_workday({2024, 9, 14}));
  cal.set_year(HolidayYear{2024, {}, {}, "test", ""});
  EXPECT_TRUE(cal.is_workday({2024, 9, 16}));
  EXPECT_FALSE(cal.is_workday({2024, 9, 14}));
  EXPECT_EQ(cal.years(), std::vector<int>{2024});
}

// --- JSON ---

TEST(CalendarJson, EveryDataFileLoadsWithItsSource) {
  for (const auto& f : std::filesystem::directory_iterator(std::string(ENVGRID_SOURCE_DIR) + "/data/holidays")) {
    const std::string name = f.path().filename().string();
    const int year = std::stoi(name.substr(0, 4));
    auto r = parse_holiday_year(test::data_json("holidays/" + name), year);
    ASSERT_TRUE(r.ok()) << name;
    EXPECT_FALSE(r->source.empty());
    EXPECT_GE(r->holidays.size(), 20u) << name;
  }
}

TEST(CalendarJson, RoundTrip) {
  auto v = test::data_json("holidays/2024.json");
  auto y = parse_holiday_year(v, 2024);
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(y->holidays.size(), 28u);
  EXPECT_EQ(y->makeup_workdays.size(), 8u);
  auto again = parse_holiday_year(holiday_year_to_json(*y), 2024);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(holiday_year_to_json(*again), holiday_year_to_json(*y));
  EXPECT_EQ(holiday_year_to_json(*y).at("holidays").as_array().front(), "2024-01-01");
}

// The field → message map of a failed parse.
std::map<std::string, std::string> errors_of(const core::Error& e) {
  std::map<std::string, std::string> m;
  for (const auto& fe : e.errors) m[fe.field] += fe.message + ";";
  return m;
}

TEST(CalendarJson, NamesEveryBadEntryInChinese) {
  auto v = boost::json::parse(R"({
    "year": 2024, "extra": 1,
    "holidays": ["2024-10-01", "2024-02-30", "2023-12-31", "2024-10-01", 5, "2024-09-14"],
    "makeup_workdays": ["2024-09-14", "2024-09-13"]
  })");
  auto r = parse_holiday_year(v, 2024);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 400);
  EXPECT_EQ(r.error().type, "validation");
  EXPECT_EQ(r.error().title, "节假日数据有误");
  auto m = errors_of(r.error());
  EXPECT_NE(m["holidays[1]"].find("2024-02-30"), std::string::npos);
  EXPECT_NE(m["holidays[2]"].find("不在 2024 年内"), std::string::npos);
  EXPECT_NE(m["holidays[3]"].find("重复"), std::string::npos);
  EXPECT_NE(m["holidays[4]"].find("YYYY-MM-DD"), std::string::npos);
  EXPECT_NE(m["makeup_workdays"].find("2024-09-14 同时是节假日和调休上班日"), std::string::npos);
  EXPECT_NE(m["makeup_workdays"].find("2024-09-13 是周五"), std::string::npos);
  EXPECT_EQ(m["source"], "必填;");
  EXPECT_EQ(m["extra"], "未知字段;");
}

TEST(CalendarJson, YearMustMatchTheOneAsked) {
  auto v = test::data_json("holidays/2024.json");
  auto r = parse_holiday_year(v, 2025);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(errors_of(r.error())["year"], "年份应为 2025，实际为 2024;");
  EXPECT_FALSE(parse_holiday_year(boost::json::parse("[]")).ok());
}

TEST(CalendarJson, Periods) {
  auto ok = parse_periods(boost::json::parse(R"([{"start":"08:30","end":"12:00"},{"start":"13:30","end":"17:30"}])"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, WorkCalendar::default_periods());
  EXPECT_EQ(periods_to_json(*ok), boost::json::parse(R"([{"start":"08:30","end":"12:00"},{"start":"13:30","end":"17:30"}])"));

  auto bad = parse_periods(boost::json::parse(
      R"([{"start":"08:30","end":"12:00"},{"start":"11:00","end":"13:00"},{"start":"18:00","end":"17:00"},{"start":"25:00","end":"26:00"}])"));
  ASSERT_FALSE(bad.ok());
  auto m = errors_of(bad.error());
  EXPECT_NE(m["periods[1]"].find("重叠"), std::string::npos);
  EXPECT_NE(m["periods[2]"].find("开始时间应早于结束时间"), std::string::npos);
  EXPECT_NE(m["periods[3].start"].find("25:00"), std::string::npos);
  EXPECT_FALSE(parse_periods(boost::json::parse("[]")).ok());
  EXPECT_FALSE(parse_periods(boost::json::parse(R"({"start":"08:30"})")).ok());
  EXPECT_EQ(parse_hhmm("24:00"), 24 * 60);
  EXPECT_EQ(parse_hhmm("24:01"), std::nullopt);
  EXPECT_EQ(format_hhmm(510), "08:30");
}

}  // namespace
}  // namespace envgrid::domain
