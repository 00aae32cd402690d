#pragma once
// Problem numbers (问题编号): the Shanghai date of the report as YYYYMMDD followed by a
// daily sequence of at least 4 digits, e.g. "202409130001". The sequence starts at 1 each
// Shanghai day; a day past 9999 problems widens it ("2024091310000") rather than wrapping.
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace envgrid::domain {

struct ProblemNumber {
  core::Date date;
  int sequence = 0;
};

// "YYYYMMDD" of the Shanghai day that contains t.
std::string number_day(core::Millis t);
// The number for the seq-th problem of t's Shanghai day. REQUIRES: seq >= 1.
std::string problem_number(core::Millis t, int seq);
// The sequence that follows `last` (the latest number issued, any day) for a report at t:
// last + 1 on the same day, 1 on a new day or when there is no (valid) last number.
int next_sequence(std::optional<std::string_view> last, core::Millis t);
// Date and sequence of a number; nullopt unless 8 date digits (a real date) + ≥ 4 digits.
std::optional<ProblemNumber> parse_problem_number(std::string_view s);

}  // namespace envgrid::domain
