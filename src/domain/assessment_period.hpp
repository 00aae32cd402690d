#pragma once
// Assessment periods: "2024-09" (month), "2024-Q3" (quarter), "2024" (year), as a
// half-open interval of UTC epoch ms over Shanghai calendar days, with a Chinese label.
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace envgrid::domain::assessment {

struct Period {
  std::string code;   // as given, e.g. "2024-09"
  std::string kind;   // month | quarter | year
  std::string label;  // "2024年9月", "2024年第三季度", "2024年度"
  core::Date first, last;  // civil dates, inclusive
  core::Millis from = 0, to = 0;  // [from, to)
};

// nullopt for anything else (2024-13, 2024-Q5, 24-01 …).
std::optional<Period> parse_period(std::string_view s);

}  // namespace envgrid::domain::assessment
