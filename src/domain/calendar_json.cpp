// Holiday years and working periods as JSON, validated with every bad entry named.
#include <algorithm>
#include <set>

#include "domain/calendar.hpp"
#include "domain/json_util.hpp"

namespace envgrid::domain {

namespace json = boost::json;

namespace {

const char* const kWeekdays[] = {"", "周一", "周二", "周三", "周四", "周五", "周六", "周日"};

// Reads r[key] as an array of dates inside `year`, sorted; names each bad entry.
std::vector<core::Date> read_dates(core::JsonReader& r, const char* key, std::optional<std::int64_t> year) {
  std::vector<core::Date> out;
  const json::value* v = r.raw(key, true);
  if (!v) return out;
  if (!v->is_array()) {
    r.fail(key, "应为日期数组，如 [\"2024-10-01\"]");
    return out;
  }
  const auto& a = v->as_array();
  if (a.size() > 366) r.fail(key, "最多 366 个日期");
  std::set<core::Date> seen;
  for (size_t i = 0; i < a.size() && i < 366; ++i) {
    const std::string field = std::string(key) + "[" + std::to_string(i) + "]";
    std::optional<core::Date> d;
    if (a[i].is_string()) d = core::parse_date(a[i].as_string());
    if (!d) {
      r.fail(field, a[i].is_string() ? "日期无效：" + std::string(a[i].as_string()) + "（应为 YYYY-MM-DD）"
                                     : std::string("应为 YYYY-MM-DD 格式的日期"));
      continue;
    }
    if (year && d->year != *year) {
      r.fail(field, "日期 " + core::format_date(*d) + " 不在 " + std::to_string(*year) + " 年内");
      continue;
    }
    if (!seen.insert(*d).second) {
      r.fail(field, "日期 " + core::format_date(*d) + " 重复");
      continue;
    }
    out.push_back(*d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

json::array dates_json(const std::vector<core::Date>& ds) {
  json::array a;
  for (const auto& d : ds) a.emplace_back(core::format_date(d));
  return a;
}

}  // namespace

core::Result<HolidayYear> parse_holiday_year(const json::value& v, std::optional<int> expected_year) {
  const char* title = "节假日数据有误";
  if (!v.is_object()) return detail::validation(title, {{"", "应为 JSON 对象"}});
  core::JsonReader r(v.as_object());
  HolidayYear y;
  const auto year = r.int64("year", true, 2000, 2100);
  if (year && expected_year && *year != *expected_year)
    r.fail("year", "年份应为 " + std::to_string(*expected_year) + "，实际为 " + std::to_string(*year));
  y.year = static_cast<int>(year.value_or(0));
  y.source = r.str("source", true, 500, 1).value_or("");
  y.note = r.str("note", false, 500).value_or("");
  y.holidays = read_dates(r, "holidays", year);
  y.makeup_workdays = read_dates(r, "makeup_workdays", year);
  for (size_t i = 0; i < y.makeup_workdays.size(); ++i) {
    const core::Date d = y.makeup_workdays[i];
    const std::string name = core::format_date(d);
    if (std::binary_search(y.holidays.begin(), y.holidays.end(), d))
      r.fail("makeup_workdays", "日期 " + name + " 同时是节假日和调休上班日");
    const int wd = core::iso_weekday(d);
    if (wd <= 5)
      r.fail("makeup_workdays", "调休上班日 " + name + " 是" + kWeekdays[wd] + "，应为周六或周日");
  }
  auto errors = detail::collect(r);
  if (!errors.empty()) return detail::validation(title, std::move(errors));
  return y;
}

json::object holiday_year_to_json(const HolidayYear& y) {
  json::object o;
  o["year"] = y.year;
  o["source"] = y.source;
  if (!y.note.empty()) o["note"] = y.note;
  o["holidays"] = dates_json(y.holidays);
  o["makeup_workdays"] = dates_json(y.makeup_workdays);
  return o;
}

std::optional<int> parse_hhmm(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string format_hhmm(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60 % 100, minutes % 60);
  return buf;
}

core::Result<std::vector<WorkPeriod>> parse_periods(const json::value& v) {
  const char* title = "工作时段设置有误";
  if (!v.is_array()) return detail::validation(title, {{"periods", "应为数组，如 [{\"start\": \"08:30\", \"end\": \"12:00\"}]"}});
  const auto& a = v.as_array();
  if (a.empty() || a.size() > 6) return detail::validation(title, {{"periods", "应有 1 到 6 个时段"}});
  std::vector<core::FieldError> errors;
  std::vector<WorkPeriod> out;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string path = "periods[" + std::to_string(i) + "]";
    if (!a[i].is_object()) {
      errors.push_back({path, "应为对象 {\"start\": \"HH:MM\", \"end\": \"HH:MM\"}"});
      continue;
    }
    core::JsonReader r(a[i].as_object(), path);
    const auto s = r.str("start", true, 5, 1), e = r.str("end", true, 5, 1);
    const auto sm = s ? parse_hhmm(*s) : std::nullopt, em = e ? parse_hhmm(*e) : std::nullopt;
    if (s && !sm) r.fail(path + ".start", "时间无效：" + *s + "（应为 HH:MM）");
    if (e && !em) r.fail(path + ".end", "时间无效：" + *e + "（应为 HH:MM）");
    if (sm && em) {
      if (*sm >= *em) r.fail(path, "时段 " + *s + "–" + *e + " 的开始时间应早于结束时间");
      else if (!out.empty() && out.back().end > *sm)
        r.fail(path, "时段 " + *s + "–" + *e + " 与前一时段重叠或顺序颠倒");
      else out.push_back({*sm, *em});
    }
    for (auto& fe : detail::collect(r)) errors.push_back(std::move(fe));
  }
  if (!errors.empty()) return detail::validation(title, std::move(errors));
  return out;
}

json::array periods_to_json(const std::vector<WorkPeriod>& p) {
  json::array a;
  for (const auto& x : p) a.push_back(json::object{{"start", format_hhmm(x.start)}, {"end", format_hhmm(x.end)}});
  return a;
}

}  // namespace envgrid::domain
