// Parsing assessment periods into Shanghai-day intervals.
#include "domain/assessment_period.hpp"

#include <charconv>

namespace envgrid::domain::assessment {

static std::optional<int> digits(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

static Period make(std::string_view code, std::string kind, std::string label, core::Date first, core::Date next) {
  Period p;
  p.code = std::string(code);
  p.kind = std::move(kind);
  p.label = std::move(label);
  p.first = first;
  p.last = core::add_days(next, -1);
  p.from = core::local_midnight(first);
  p.to = core::local_midnight(next);
  return p;
}

std::optional<Period> parse_period(std::string_view s) {
  if (s.size() < 4) return std::nullopt;
  auto year = digits(s.substr(0, 4));
  if (!year || *year < 2000 || *year > 2100) return std::nullopt;
  const std::string y = std::to_string(*year);
  if (s.size() == 4) return make(s, "year", y + "年度", {*year, 1, 1}, {*year + 1, 1, 1});
  if (s.size() == 7 && s[4] == '-' && s[5] == 'Q') {
    auto q = digits(s.substr(6, 1));
    if (!q || *q < 1 || *q > 4) return std::nullopt;
    static const char* names[] = {"一", "二", "三", "四"};
    core::Date first{*year, (*q - 1) * 3 + 1, 1};
    core::Date next = *q == 4 ? core::Date{*year + 1, 1, 1} : core::Date{*year, *q * 3 + 1, 1};
    return make(s, "quarter", y + "年第" + names[*q - 1] + "季度", first, next);
  }
  if (s.size() == 7 && s[4] == '-') {
    auto m = digits(s.substr(5, 2));
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    core::Date next = *m == 12 ? core::Date{*year + 1, 1, 1} : core::Date{*year, *m + 1, 1};
    return make(s, "month", y + "年" + std::to_string(*m) + "月", {*year, *m, 1}, next);
  }
  return std::nullopt;
}

}  // namespace envgrid::domain::assessment
