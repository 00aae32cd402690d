#include "domain/numbering.hpp"

#include <cstdio>

namespace envgrid::domain {

std::string number_day(core::Millis t) {
  const core::Date d = core::to_local(t).date;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year % 10000, d.month, d.day);
  return buf;
}

std::string problem_number(core::Millis t, int seq) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", seq);
  return number_day(t) + buf;
}

int next_sequence(std::optional<std::string_view> last, core::Millis t) {
  if (!last) return 1;
  const auto n = parse_problem_number(*last);
  if (!n || n->date != core::to_local(t).date) return 1;
  return n->sequence + 1;
}

std::optional<ProblemNumber> parse_problem_number(std::string_view s) {
  if (s.size() < 12 || s.size() > 17) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  const std::string iso = std::string(s.substr(0, 4)) + "-" + std::string(s.substr(4, 2)) + "-" +
                          std::string(s.substr(6, 2));
  const auto date = core::parse_date(iso);
  if (!date) return std::nullopt;
  long long seq = 0;
  for (char c : s.substr(8)) seq = seq * 10 + (c - '0');
  if (seq < 1 || seq > 999999999) return std::nullopt;
  return ProblemNumber{*date, static_cast<int>(seq)};
}

}  // namespace envgrid::domain
