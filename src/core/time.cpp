#include "core/time.hpp"

#include <chrono>
#include <cstdio>

namespace envgrid::core {

std::int64_t days_from_civil(Date d) {
  const int y = d.year - (d.month <= 2);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int iso_weekday(Date d) {
  const std::int64_t z = days_from_civil(d);  // 1970-01-01 was a Thursday (4)
  return static_cast<int>(((z % 7) + 7 + 3) % 7) + 1;
}

Date add_days(Date d, int n) { return civil_from_days(days_from_civil(d) + n); }

static std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

LocalDateTime to_local(Millis t) {
  const Millis local = t + kShanghaiOffset;
  const std::int64_t days = floor_div(local, kDay);
  Millis rem = local - days * kDay;
  LocalDateTime l;
  l.date = civil_from_days(days);
  l.hour = static_cast<int>(rem / kHour);
  rem %= kHour;
  l.minute = static_cast<int>(rem / kMinute);
  rem %= kMinute;
  l.second = static_cast<int>(rem / kSecond);
  l.millis = static_cast<int>(rem % kSecond);
  return l;
}

Millis from_local(const LocalDateTime& l) {
  return days_from_civil(l.date) * kDay + l.hour * kHour + l.minute * kMinute +
         l.second * kSecond + l.millis - kShanghaiOffset;
}

Millis local_midnight(Date d) { return days_from_civil(d) * kDay - kShanghaiOffset; }

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

static bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

static bool valid_date(Date d) {
  if (d.year < 1900 || d.year > 2200 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  return civil_from_days(days_from_civil(d)) == d;
}

std::optional<Date> parse_date(std::string_view s) {
  Date d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, d.year) || !digits(s, 5, 2, d.month) || !digits(s, 8, 2, d.day))
    return std::nullopt;
  if (!valid_date(d)) return std::nullopt;
  return d;
}

std::optional<Date> parse_month(std::string_view s) {
  Date d;
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  if (!digits(s, 0, 4, d.year) || !digits(s, 5, 2, d.month)) return std::nullopt;
  d.day = 1;
  if (!valid_date(d)) return std::nullopt;
  return d;
}

std::string format_iso(Millis t) {
  const LocalDateTime l = to_local(t);
  char buf[40];
  if (l.millis)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+08:00", l.date.year,
                  l.date.month, l.date.day, l.hour, l.minute, l.second, l.millis);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", l.date.year,
                  l.date.month, l.date.day, l.hour, l.minute, l.second);
  return buf;
}

std::optional<Millis> parse_iso(std::string_view s) {
  auto date = parse_date(s.substr(0, 10));
  if (!date) return std::nullopt;
  LocalDateTime l;
  l.date = *date;
  size_t p = 10;
  Millis offset = kShanghaiOffset;
  if (p < s.size()) {
    if (s[p] != 'T' && s[p] != ' ') return std::nullopt;
    ++p;
    if (!digits(s, p, 2, l.hour) || p + 2 >= s.size() || s[p + 2] != ':' ||
        !digits(s, p + 3, 2, l.minute))
      return std::nullopt;
    p += 5;
    if (p < s.size() && s[p] == ':') {
      if (!digits(s, p + 1, 2, l.second)) return std::nullopt;
      p += 3;
      if (p < s.size() && s[p] == '.') {
        ++p;
        size_t n = 0;
        int ms = 0;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
          if (n < 3) ms = ms * 10 + (s[p] - '0');
          ++n;
          ++p;
        }
        if (n == 0) return std::nullopt;
        for (size_t k = n; k < 3; ++k) ms *= 10;
        l.millis = ms;
      }
    }
    if (l.hour > 23 || l.minute > 59 || l.second > 60) return std::nullopt;
    if (p < s.size()) {
      if (s[p] == 'Z' && p + 1 == s.size()) {
        offset = 0;
      } else if ((s[p] == '+' || s[p] == '-') && s.size() == p + 6 && s[p + 3] == ':') {
        int oh = 0, om = 0;
        if (!digits(s, p + 1, 2, oh) || !digits(s, p + 4, 2, om)) return std::nullopt;
        offset = (oh * kHour + om * kMinute) * (s[p] == '-' ? -1 : 1);
      } else {
        return std::nullopt;
      }
    }
  }
  return days_from_civil(l.date) * kDay + l.hour * kHour + l.minute * kMinute +
         l.second * kSecond + l.millis - offset;
}

Millis SystemClock::now() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace envgrid::core
