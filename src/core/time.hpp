#pragma once
// Time as envgrid stores it: UTC epoch milliseconds. Shown and reasoned about in
// Asia/Shanghai, which has been a fixed UTC+8 without daylight saving since 1991.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace envgrid::core {

using Millis = std::int64_t;  // UTC epoch milliseconds

inline constexpr Millis kSecond = 1000;
inline constexpr Millis kMinute = 60 * kSecond;
inline constexpr Millis kHour = 60 * kMinute;
inline constexpr Millis kDay = 24 * kHour;
inline constexpr Millis kShanghaiOffset = 8 * kHour;

// A civil date (proleptic Gregorian).
struct Date {
  int year = 1970, month = 1, day = 1;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// A civil date and time of day in Asia/Shanghai.
struct LocalDateTime {
  Date date;
  int hour = 0, minute = 0, second = 0, millis = 0;
};

// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(Date d);
// Inverse of days_from_civil.
Date civil_from_days(std::int64_t days);
// ISO weekday: 1 = Monday … 7 = Sunday.
int iso_weekday(Date d);
Date add_days(Date d, int n);

// Shanghai civil time of an instant, and back.
LocalDateTime to_local(Millis t);
Millis from_local(const LocalDateTime& l);
// The instant at which a Shanghai calendar day starts.
Millis local_midnight(Date d);

// "2024-09-13"; parse returns nullopt on anything else, including 2024-02-30.
std::string format_date(Date d);
std::optional<Date> parse_date(std::string_view s);
// "YYYY-MM" → first day of that month.
std::optional<Date> parse_month(std::string_view s);

// ISO 8601 with offset, e.g. "2024-09-13T16:00:00+08:00" (millis dropped when zero).
std::string format_iso(Millis t);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.mmm]]" (Shanghai time), with an optional
// "Z" or "±HH:MM" offset. Returns nullopt on malformed input.
std::optional<Millis> parse_iso(std::string_view s);

// A clock seam: production uses the system clock, tests pass a fixed one.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis now() const = 0;
};
class SystemClock final : public Clock {
 public:
  Millis now() const override;
};
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Millis t) : t_(t) {}
  Millis now() const override { return t_; }
  void set(Millis t) { t_ = t; }
  void advance(Millis d) { t_ += d; }
 private:
  Millis t_;
};

}  // namespace envgrid::core
