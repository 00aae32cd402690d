#pragma once
// The working calendar (工作日历): which Shanghai days are workdays (Mon–Fri minus public
// holidays plus make-up workdays 调休上班) and which hours of a workday count (working
// periods, default 08:30–12:00 and 13:30–17:30). Built from data (data/holidays/<year>.json),
// pure: every instant comes in as a parameter.
//
// Every-day mode (ClockMode::every_day, for campaigns 专项行动 that work weekends): every
// calendar day counts as a workday, weekends and public holidays included, and the same
// working periods apply. Night and lunch time still do not count.
#include <boost/json.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"

namespace envgrid::domain {

enum class ClockMode { normal, every_day };

// "normal" | "every_day"; parse returns nullopt for anything else.
const char* clock_mode_name(ClockMode m);
std::optional<ClockMode> parse_clock_mode(std::string_view s);

// A working period of a day: [start, end) in minutes after local midnight.
struct WorkPeriod {
  int start = 0, end = 0;
  friend bool operator==(const WorkPeriod&, const WorkPeriod&) = default;
};

// One year's facts as published by the State Council (国务院办公厅关于部分节假日安排的通知).
struct HolidayYear {
  int year = 0;
  std::vector<core::Date> holidays;         // days off, weekends inside a holiday included
  std::vector<core::Date> makeup_workdays;  // 调休上班: weekend days that are workdays
  std::string source;                       // where the facts come from
  std::string note;                         // optional, e.g. "以正式通知为准"
};

class WorkCalendar {
 public:
  // No year data and the default periods: plain Mon–Fri, 08:30–12:00, 13:30–17:30.
  WorkCalendar();
  // REQUIRES: periods valid (see parse_periods): non-empty, sorted, disjoint.
  explicit WorkCalendar(std::vector<WorkPeriod> periods);

  static std::vector<WorkPeriod> default_periods();

  // Adds or replaces the facts of y.year.
  void set_year(const HolidayYear& y);
  // The facts of a year, or nullptr when the calendar has none.
  const HolidayYear* year(int y) const;
  std::vector<int> years() const;
  const std::vector<WorkPeriod>& periods() const { return periods_; }

  // Mon–Fri minus holidays plus make-up days; a year without data is plain Mon–Fri.
  // In every-day mode every day is a workday.
  bool is_workday(core::Date d, ClockMode mode = ClockMode::normal) const;

  // The instant at which `duration` of working time has elapsed after `start`. Time
  // outside the periods of workdays does not count; a start at night, at lunch or on a
  // day off begins at the next period start. An end exactly at a period's end stays
  // there (12:00, not 13:30). duration <= 0 returns start.
  core::Millis add_working(core::Millis start, core::Millis duration,
                           ClockMode mode = ClockMode::normal) const;
  // Working time inside [a, b); 0 when b <= a.
  core::Millis working_between(core::Millis a, core::Millis b,
                               ClockMode mode = ClockMode::normal) const;
  // Working time in one day (sum of the periods).
  core::Millis working_day_length() const;

 private:
  bool workday_number(std::int64_t day, ClockMode mode) const;  // day: days since epoch

  std::vector<WorkPeriod> periods_;
  std::map<int, HolidayYear> years_;
  std::set<std::int64_t> off_days_, makeup_days_;  // days since epoch
};

// Natural-time equivalents (wall-clock time counts).
inline core::Millis add_natural(core::Millis start, core::Millis duration) {
  return duration > 0 ? start + duration : start;
}
inline core::Millis natural_between(core::Millis a, core::Millis b) { return b > a ? b - a : 0; }

// --- JSON (data/holidays/<year>.json, GET/PUT of a year by an admin) ---
//
// {"year": 2024, "source": "…", "note": "…",
//  "holidays": ["2024-01-01", …], "makeup_workdays": ["2024-02-04", …]}
//
// Validates: year 2000–2100 (and equal to expected_year when given), every date ISO and
// inside that year, no duplicates, no day both a holiday and a make-up day, make-up days on
// a weekend, source present. Errors are 400 "validation" with one Chinese message per
// bad entry (field like "holidays[3]").
core::Result<HolidayYear> parse_holiday_year(const boost::json::value& v,
                                             std::optional<int> expected_year = std::nullopt);
boost::json::object holiday_year_to_json(const HolidayYear& y);

// [{"start": "08:30", "end": "12:00"}, …]: HH:MM, start < end, sorted and disjoint,
// 1–6 entries; "24:00" is allowed as an end.
core::Result<std::vector<WorkPeriod>> parse_periods(const boost::json::value& v);
boost::json::array periods_to_json(const std::vector<WorkPeriod>& p);
// "08:30" ↔ 510 minutes; nullopt on anything else.
std::optional<int> parse_hhmm(std::string_view s);
std::string format_hhmm(int minutes);

}  // namespace envgrid::domain
