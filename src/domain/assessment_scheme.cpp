// Reading a scheme (考评办法) from JSON with every problem named, and writing it back.
#include <algorithm>
#include <set>

#include "core/json.hpp"
#include "domain/assessment.hpp"
#include "domain/json_util.hpp"

namespace envgrid::domain::assessment {

namespace json = boost::json;

namespace {

const std::vector<std::string> kMetrics = {"on_time_rate", "close_rate", "no_rework_rate", "no_overdue_rate"};
const std::vector<std::string> kFacts = {"src_higher_level", "src_media", "src_covert", "src_inspection",
                                         "src_citizen", "rebound", "returns", "criticisms", "interviews",
                                         "overdue", "problems"};

bool known_fact(const std::string& f) {
  return std::find(kFacts.begin(), kFacts.end(), f) != kFacts.end() || f.rfind("entry:", 0) == 0;
}

}  // namespace

core::Result<Scheme> parse_scheme(const json::value& v) {
  if (!v.is_object()) return core::validation_error({{"", "考评方案应为 JSON 对象"}}).error();
  core::JsonReader r(v.as_object());
  Scheme s;
  s.code = r.str("code", true, 32, 1).value_or("");
  s.name = r.str("name", true, 100, 1).value_or("");
  s.kind = r.one_of("kind", true, {"territorial", "handling"}).value_or("");
  s.period = r.one_of("period", false, {"month", "quarter", "year", "campaign"}).value_or("month");
  s.unit_types = r.str_array("unit_types", true, 8, 32).value_or(std::vector<std::string>{});
  s.max_score = r.num("max_score", false, 1, 1000).value_or(100);
  s.deduction_cap = r.num("deduction_cap", false, 0, 1000).value_or(0);
  s.bonus_cap = r.num("bonus_cap", false, 0, 1000).value_or(0);
  s.exposure_bottom = static_cast<int>(r.int64("exposure_bottom", false, 0, 100).value_or(3));
  s.campaign_weight = r.num("campaign_weight", false, 0, 1).value_or(0.5);
  s.unranked_when_empty = r.boolean("unranked_when_empty", false).value_or(false);
  for (const auto& t : s.unit_types)
    if (!std::set<std::string>{"department", "community", "village", "street", "enterprise", "agency", "team",
                               "command"}.count(t))
      r.fail("unit_types", "未知单位类型：" + t);
  std::set<std::string> keys;
  auto unique_key = [&](core::JsonReader& sub, const std::string& path, const std::string& key) {
    if (!key.empty() && !keys.insert(key).second) sub.fail(path + ".key", "编码重复：" + key);
  };
  detail::each_object(r, "items", true, 50, [&](core::JsonReader& sub, const std::string& path) {
    Item it;
    it.key = sub.str("key", true, 40, 1).value_or("");
    it.name = sub.str("name", true, 60, 1).value_or("");
    it.source = sub.one_of("source", true, {"metric", "entries", "inspection"}).value_or("");
    it.max = sub.num("max", true, 0, 1000).value_or(0);
    it.full_by_default = sub.boolean("full_by_default", false).value_or(true);
    auto metric = sub.one_of("metric", it.source == "metric", kMetrics);
    it.metric = metric.value_or("");
    unique_key(sub, path, it.key);
    s.items.push_back(it);
  });
  auto fact_of = [&](core::JsonReader& sub, const std::string& path) {
    auto f = sub.str("fact", true, 60, 1).value_or("");
    if (!f.empty() && !known_fact(f)) sub.fail(path + ".fact", "未知的统计项：" + f);
    return f;
  };
  detail::each_object(r, "deductions", false, 50, [&](core::JsonReader& sub, const std::string& path) {
    Deduction d;
    d.key = sub.str("key", true, 40, 1).value_or("");
    d.name = sub.str("name", true, 60, 1).value_or("");
    d.fact = fact_of(sub, path);
    d.points = sub.num("points", true, 0, 100).value_or(0);
    d.cap = sub.num("cap", false, 0, 1000).value_or(0);
    unique_key(sub, path, d.key);
    s.deductions.push_back(d);
  });
  detail::each_object(r, "vetoes", false, 20, [&](core::JsonReader& sub, const std::string& path) {
    Veto x;
    x.key = sub.str("key", true, 40, 1).value_or("");
    x.name = sub.str("name", true, 60, 1).value_or("");
    x.fact = fact_of(sub, path);
    unique_key(sub, path, x.key);
    s.vetoes.push_back(x);
  });
  detail::each_object(r, "bonuses", false, 20, [&](core::JsonReader& sub, const std::string& path) {
    Bonus b;
    b.key = sub.str("key", true, 40, 1).value_or("");
    b.name = sub.str("name", true, 60, 1).value_or("");
    b.fact = fact_of(sub, path);
    b.cap = sub.num("cap", false, 0, 1000).value_or(0);
    unique_key(sub, path, b.key);
    s.bonuses.push_back(b);
  });
  detail::each_object(r, "grades", true, 10, [&](core::JsonReader& sub, const std::string&) {
    Grade g;
    g.grade = sub.str("grade", true, 10, 1).value_or("");
    g.min = sub.num("min", true, 0, 1000).value_or(0);
    s.grades.push_back(g);
  });
  detail::each_object(r, "awards", false, 10, [&](core::JsonReader& sub, const std::string&) {
    AwardTier t;
    t.name = sub.str("name", true, 20, 1).value_or("");
    t.amount = sub.num("amount", true, 0, 1e7).value_or(0);
    t.winners = static_cast<int>(sub.int64("winners", true, 0, 1000).value_or(0));
    s.awards.push_back(t);
  });
  if (r.has("items") && s.items.empty() && r.errors().empty()) r.fail("items", "至少需要一个考评项目");
  if (r.has("grades") && s.grades.empty() && r.errors().empty()) r.fail("grades", "至少需要一个等次");
  double total = 0;
  for (const auto& it : s.items) total += it.max;
  if (r.errors().empty() && total > s.max_score + 1e-9)
    r.fail("items", "各项满分合计 " + std::to_string(static_cast<int>(total)) + " 分，超过总分上限");
  std::stable_sort(s.grades.begin(), s.grades.end(), [](const Grade& a, const Grade& b) { return a.min > b.min; });
  try {
    r.finish();
  } catch (const core::ApiError& e) {
    return e.error();
  }
  return s;
}

json::object scheme_json(const Scheme& s) {
  json::array items, deds, vetoes, bonuses, grades, awards, types;
  for (const auto& t : s.unit_types) types.emplace_back(t);
  for (const auto& it : s.items) {
    json::object o{{"key", it.key}, {"name", it.name}, {"source", it.source}, {"max", it.max},
                   {"full_by_default", it.full_by_default}};
    if (it.source == "metric") o["metric"] = it.metric;
    items.push_back(o);
  }
  for (const auto& d : s.deductions)
    deds.push_back(json::object{{"key", d.key}, {"name", d.name}, {"fact", d.fact}, {"points", d.points}, {"cap", d.cap}});
  for (const auto& v : s.vetoes) vetoes.push_back(json::object{{"key", v.key}, {"name", v.name}, {"fact", v.fact}});
  for (const auto& b : s.bonuses)
    bonuses.push_back(json::object{{"key", b.key}, {"name", b.name}, {"fact", b.fact}, {"cap", b.cap}});
  for (const auto& g : s.grades) grades.push_back(json::object{{"grade", g.grade}, {"min", g.min}});
  for (const auto& a : s.awards)
    awards.push_back(json::object{{"name", a.name}, {"amount", a.amount}, {"winners", a.winners}});
  return {{"code", s.code}, {"name", s.name}, {"kind", s.kind}, {"period", s.period}, {"unit_types", types},
          {"max_score", s.max_score}, {"deduction_cap", s.deduction_cap}, {"bonus_cap", s.bonus_cap},
          {"exposure_bottom", s.exposure_bottom}, {"campaign_weight", s.campaign_weight},
          {"unranked_when_empty", s.unranked_when_empty}, {"items", items}, {"deductions", deds},
          {"vetoes", vetoes}, {"bonuses", bonuses}, {"grades", grades}, {"awards", awards}};
}

}  // namespace envgrid::domain::assessment
