#include "http/problems_query.hpp"

#include <cmath>
#include <sstream>

#include "core/error.hpp"
#include "http/ledger_domain.hpp"
#include "http/ledger_rules.hpp"

namespace envgrid::http {
namespace {


std::vector<std::string> csv(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string x;
  while (std::getline(ss, x, ','))
    if (!x.empty()) out.push_back(x);
  return out;
}

bool is_in(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

store::ProblemFilter parse_problem_filter(const Request& req, core::Millis now, const std::set<std::string>& extra) {
  static const std::set<std::string> known = {"state", "category", "source", "unit_id", "grid_id", "campaign_id",
                                              "light", "overdue", "from", "to", "q", "near"};
  std::vector<core::FieldError> errs;
  for (const auto& [k, v] : req.query)
    if (!known.count(k) && !extra.count(k)) errs.push_back({k, "未知的查询参数"});
  store::ProblemFilter f;
  f.now = now;
  if (auto s = req.q("state")) {
    for (const auto& x : csv(*s)) {
      if (!domain::parse_state(x)) errs.push_back({"state", "未知状态: " + x});
      else if (!is_in(f.states, x)) f.states.push_back(x);
    }
  }
  if (auto s = req.q("source"))
    for (const auto& x : csv(*s)) {
      if (!is_in(kSources, x)) errs.push_back({"source", "未知来源: " + x});
      else f.sources.push_back(x);
    }
  if (auto s = req.q("category"); s && !s->empty()) {
    if (s->size() > 32) errs.push_back({"category", "类别编码过长"});
    else f.category = *s;
  }
  auto id_param = [&](const char* name, std::optional<std::int64_t>& out) {
    try {
      out = query_int(req, name, 1, INT64_MAX);
    } catch (const core::ApiError&) {
      errs.push_back({name, "应为正整数"});
    }
  };
  id_param("unit_id", f.unit_id);
  id_param("grid_id", f.grid_id);
  id_param("campaign_id", f.campaign_id);
  if (auto s = req.q("light"); s && !s->empty()) {
    if (*s != "green" && *s != "yellow" && *s != "red") errs.push_back({"light", "取值应为 green、yellow 或 red"});
    else f.light = *s;
  }
  if (auto s = req.q("overdue"); s && !s->empty()) {
    if (*s == "true" || *s == "1") f.overdue = true;
    else if (*s != "false" && *s != "0") errs.push_back({"overdue", "取值应为 true 或 false"});
  }
  for (const char* name : {"from", "to"}) {
    auto s = req.q(name);
    if (!s || s->empty()) continue;
    auto d = core::parse_date(*s);
    if (!d) {
      errs.push_back({name, "日期格式应为 YYYY-MM-DD"});
      continue;
    }
    if (std::string(name) == "from") f.from = core::local_midnight(*d);
    else f.to = core::local_midnight(core::add_days(*d, 1));  // inclusive end date
  }
  if (auto s = req.q("q"); s && !s->empty()) {
    if (s->size() > 300) errs.push_back({"q", "搜索词过长"});
    else f.q = *s;
  }
  if (auto s = req.q("near"); s && !s->empty()) {
    auto parts = csv(*s);
    bool ok = parts.size() == 3;
    double v[3] = {0, 0, 0};
    for (size_t i = 0; ok && i < 3; ++i) {
      char* end = nullptr;
      v[i] = std::strtod(parts[i].c_str(), &end);
      ok = end && *end == '\0' && std::isfinite(v[i]);
    }
    if (!ok || v[0] < -180 || v[0] > 180 || v[1] < -90 || v[1] > 90 || v[2] <= 0 || v[2] > 50000)
      errs.push_back({"near", "格式应为 经度,纬度,半径米（半径 1–50000）"});
    else {
      f.near_lng = v[0];
      f.near_lat = v[1];
      f.near_radius_m = v[2];
    }
  }
  if (!errs.empty()) throw core::validation_error(errs);
  return f;
}

// The SQL twin of domain::can_view.
void apply_scope(const Actor& a, store::ProblemFilter& f) {
  if (a.sees_all()) return;
  if (a.has("unit_handler") && a.unit_id) f.scope_units = {*a.unit_id};
  if (a.has("grid_worker")) f.scope_grids = a.grid_ids;
  f.scope_reporter = a.user_id;
}

bool can_see(const Actor& a, const store::ProblemRow& p, const std::vector<std::int64_t>& assist) {
  return a.tenant_id == p.tenant_id && domain::can_view(facts_of(p, assist), domain_actor(a));
}

store::ProblemRow load_visible_problem(App& app, const Actor& a, std::int64_t id) {
  auto [p, assist] = app.db.read([&](store::Conn& c) {
    auto row = store::get_problem(c, a.tenant_id, id);
    std::vector<std::int64_t> as;
    if (row) as = store::assist_units(c, id);
    return std::make_pair(row, as);
  });
  if (!p || !can_see(a, *p, assist)) throw core::not_found("问题");
  return *p;
}

}  // namespace envgrid::http
