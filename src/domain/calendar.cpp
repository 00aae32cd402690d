// Working-time arithmetic over Shanghai days. Shanghai has no daylight saving, so a day is
// always 24 h and day numbers (days since 1970-01-01) index it directly.
#include "domain/calendar.hpp"

#include <algorithm>
#include <cassert>

namespace envgrid::domain {

using core::kDay;
using core::kMinute;
using core::kShanghaiOffset;
using core::Millis;

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::int64_t day_of(Millis t) { return floor_div(t + kShanghaiOffset, kDay); }
Millis midnight_of(std::int64_t day) { return day * kDay - kShanghaiOffset; }

// ISO weekday of a day number: 1970-01-01 was a Thursday (4).
int weekday_of(std::int64_t day) { return static_cast<int>(((day + 3) % 7 + 7) % 7) + 1; }

// Far enough for any real limit; stops a calendar without workdays from looping forever.
constexpr std::int64_t kMaxDays = 366 * 50;

}  // namespace

const char* clock_mode_name(ClockMode m) { return m == ClockMode::every_day ? "every_day" : "normal"; }

std::optional<ClockMode> parse_clock_mode(std::string_view s) {
  if (s == "normal") return ClockMode::normal;
  if (s == "every_day") return ClockMode::every_day;
  return std::nullopt;
}

WorkCalendar::WorkCalendar() : periods_(default_periods()) {}

WorkCalendar::WorkCalendar(std::vector<WorkPeriod> periods) : periods_(std::move(periods)) {
  assert(!periods_.empty());
  for (size_t i = 0; i < periods_.size(); ++i) {
    assert(periods_[i].start < periods_[i].end);
    assert(i == 0 || periods_[i - 1].end <= periods_[i].start);
  }
}

std::vector<WorkPeriod> WorkCalendar::default_periods() {
  return {{8 * 60 + 30, 12 * 60}, {13 * 60 + 30, 17 * 60 + 30}};
}

void WorkCalendar::set_year(const HolidayYear& y) {
  if (auto old = years_.find(y.year); old != years_.end()) {
    for (const auto& d : old->second.holidays) off_days_.erase(core::days_from_civil(d));
    for (const auto& d : old->second.makeup_workdays) makeup_days_.erase(core::days_from_civil(d));
  }
  years_[y.year] = y;
  for (const auto& d : y.holidays) off_days_.insert(core::days_from_civil(d));
  for (const auto& d : y.makeup_workdays) makeup_days_.insert(core::days_from_civil(d));
}

const HolidayYear* WorkCalendar::year(int y) const {
  auto it = years_.find(y);
  return it == years_.end() ? nullptr : &it->second;
}

std::vector<int> WorkCalendar::years() const {
  std::vector<int> out;
  for (const auto& kv : years_) out.push_back(kv.first);
  return out;
}

bool WorkCalendar::is_workday(core::Date d, ClockMode mode) const {
  return workday_number(core::days_from_civil(d), mode);
}

bool WorkCalendar::workday_number(std::int64_t day, ClockMode mode) const {
  if (mode == ClockMode::every_day) return true;
  if (off_days_.count(day)) return false;
  if (makeup_days_.count(day)) return true;
  return weekday_of(day) <= 5;
}

Millis WorkCalendar::working_day_length() const {
  Millis sum = 0;
  for (const auto& p : periods_) sum += (p.end - p.start) * kMinute;
  return sum;
}

Millis WorkCalendar::add_working(Millis start, Millis duration, ClockMode mode) const {
  if (duration <= 0) return start;
  Millis left = duration;
  const std::int64_t first = day_of(start);
  for (std::int64_t day = first; day < first + kMaxDays; ++day) {
    if (!workday_number(day, mode)) continue;
    const Millis base = midnight_of(day);
    for (const auto& p : periods_) {
      const Millis ps = base + p.start * kMinute, pe = base + p.end * kMinute;
      if (start >= pe) continue;
      const Millis from = std::max(start, ps);
      if (left <= pe - from) return from + left;
      left -= pe - from;
    }
  }
  return start + duration;  // unreachable with any real calendar
}

Millis WorkCalendar::working_between(Millis a, Millis b, ClockMode mode) const {
  if (b <= a) return 0;
  Millis sum = 0;
  const std::int64_t last = day_of(b - 1);
  for (std::int64_t day = day_of(a); day <= last; ++day) {
    if (!workday_number(day, mode)) continue;
    const Millis base = midnight_of(day);
    for (const auto& p : periods_) {
      const Millis from = std::max(a, base + p.start * kMinute);
      const Millis to = std::min(b, base + p.end * kMinute);
      if (to > from) sum += to - from;
    }
  }
  return sum;
}

}  // namespace envgrid::domain
