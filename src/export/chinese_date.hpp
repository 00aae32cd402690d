#pragma once
// Dates as Chinese official documents write them.
#include <string>

#include "core/time.hpp"

namespace envgrid::exporter {

// "2024年9月13日": Arabic numerals, no leading zeros (GB/T 9704-2012 成文日期).
std::string chinese_date(core::Date d);

// 1..99 as 一, 十, 十三, 二十, 九十九 (heading numbers 一、 and （十二）); other n as digits.
std::string chinese_number(int n);

// "二〇二四年九月十三日": the older all-Chinese form, still usual in headers and seals.
std::string chinese_numeral_date(core::Date d);

}  // namespace envgrid::exporter
