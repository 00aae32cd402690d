#include "export/chinese_date.hpp"

#include <array>
#include <string_view>

namespace envgrid::exporter {
namespace {

constexpr std::array<std::string_view, 10> kDigits = {"〇", "一", "二", "三", "四",
                                                       "五", "六", "七", "八", "九"};

}  // namespace

std::string chinese_number(int n) {
  if (n < 1 || n > 99) return std::to_string(n);
  std::string s;
  const int tens = n / 10, ones = n % 10;
  if (tens > 1) s += kDigits[static_cast<std::size_t>(tens)];
  if (tens > 0) s += "十";
  if (ones > 0 || tens == 0) s += kDigits[static_cast<std::size_t>(ones)];
  return s;
}

std::string chinese_date(core::Date d) {
  return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" +
         std::to_string(d.day) + "日";
}

std::string chinese_numeral_date(core::Date d) {
  std::string s;
  for (char c : std::to_string(d.year)) {
    if (c >= '0' && c <= '9') s += kDigits[static_cast<std::size_t>(c - '0')];
  }
  return s + "年" + chinese_number(d.month) + "月" + chinese_number(d.day) + "日";
}

}  // namespace envgrid::exporter
