// Loading schemes, counting facts and scoring for the assessment handlers.
#include "http/assessment_compute.hpp"

#include <map>

#include "core/embedded.hpp"
#include "core/json.hpp"
#include "store/assessment.hpp"

namespace envgrid::http::assess {

namespace json = boost::json;

const std::vector<std::string>& default_codes() {
  static const std::vector<std::string> codes = {"handling", "territorial"};
  return codes;
}

da::Scheme load_scheme(store::Conn& c, std::int64_t tenant, const std::string& code) {
  std::optional<std::string> text = store::get_setting(c, tenant, "assessment/" + code);
  if (!text) {
    auto builtin = embedded::find("data/assessment/" + code + ".json");
    if (!builtin || code.find('/') != std::string::npos) throw core::not_found("考评方案");
    text = std::string(*builtin);
  }
  boost::system::error_code ec;
  auto v = json::parse(*text, ec);
  if (ec) throw core::ApiError(500, "scheme-broken", "考评方案数据损坏", "方案 " + code + " 不是合法的 JSON");
  auto s = da::parse_scheme(v);
  if (!s.ok()) throw core::ApiError(500, "scheme-broken", "考评方案数据损坏", s.error().errors.empty() ? "" : s.error().errors[0].field + "：" + s.error().errors[0].message);
  return std::move(s.value());
}

std::string scheme_arg(const Request& req) {
  auto s = req.q("scheme");
  if (!s || s->empty()) throw core::validation_error({{"scheme", "请指定考评方案"}});
  if (s->size() > 32) throw core::validation_error({{"scheme", "方案编码过长"}});
  return *s;
}

da::Period period_arg(const Request& req, const char* name) {
  auto s = req.q(name);
  if (!s || s->empty()) throw core::validation_error({{name, "请指定考评周期，如 2024-09、2024-Q3 或 2024"}});
  auto p = da::parse_period(*s);
  if (!p) throw core::validation_error({{name, "考评周期格式应为 YYYY-MM、YYYY-Qn 或 YYYY"}});
  return *p;
}

da::Period campaign_period(store::Conn& c, std::int64_t tenant, std::int64_t campaign_id, const char* field) {
  auto r = c.first("SELECT title, start_date, end_date FROM campaigns WHERE tenant_id = ? AND id = ?",
                   {tenant, campaign_id});
  if (!r) throw core::validation_error({{field, "专项行动不存在"}});
  auto first = core::parse_date(r->str(1));
  auto last = r->null(2) ? first : core::parse_date(r->str(2));
  if (!first || !last) throw core::validation_error({{field, "专项行动日期不完整"}});
  da::Period p;
  p.code = "campaign:" + std::to_string(campaign_id);
  p.kind = "campaign";
  p.label = r->str(0);
  p.first = *first;
  p.last = r->null(2) ? core::Date{first->year, 12, 31} : *last;
  p.from = core::local_midnight(p.first);
  p.to = core::local_midnight(core::add_days(p.last, 1));
  return p;
}

Computed compute(App& app, std::int64_t tenant, const std::string& code, const da::Period& period) {
  Computed r;
  r.period = period;
  r.at = app.clock.now();
  std::vector<store::UnitRef> units;
  store::FactMap facts;
  app.db.read([&](store::Conn& c) {
    r.scheme = load_scheme(c, tenant, code);
    units = store::units_of_types(c, tenant, r.scheme.unit_types);
    if (r.scheme.kind == "handling") store::add_handling_facts(c, tenant, period.from, period.to, r.at, facts);
    else store::add_territorial_facts(c, tenant, period.from, period.to, r.at, facts);
    store::add_entry_facts(c, tenant, r.scheme.code, period.code, facts);
    store::add_accountability_facts(c, tenant, period.from, period.to, facts);
    store::add_inspection_facts(c, tenant, core::format_date(period.first), core::format_date(period.last), facts);
  });
  std::vector<da::UnitFacts> in;
  in.reserve(units.size());
  for (const auto& u : units) {
    da::UnitFacts f{u.id, u.name, {}};
    if (auto it = facts.find(u.id); it != facts.end()) f.facts = std::move(it->second);
    in.push_back(std::move(f));
  }
  r.scores = da::score_all(r.scheme, in);
  return r;
}

json::object result_json(const Computed& r) {
  json::array items, exposure, awards;
  for (const auto& u : r.scores) items.push_back(da::score_json(u));
  for (const auto& u : da::exposure(r.scheme, r.scores))
    exposure.push_back(json::object{{"unit_id", u.unit_id}, {"unit_name", u.unit_name}, {"score", u.score},
                                    {"rank", u.rank ? json::value(*u.rank) : json::value(nullptr)}});
  for (const auto& a : da::awards(r.scheme, r.scores))
    awards.push_back(json::object{{"tier", a.tier}, {"amount", a.amount}, {"unit_id", a.unit_id},
                                  {"unit_name", a.unit_name}, {"score", a.score}});
  return {{"scheme", r.scheme.code}, {"scheme_name", r.scheme.name}, {"period", r.period.code},
          {"period_label", r.period.label}, {"evaluated_at", core::format_iso(r.at)}, {"items", items},
          {"exposure", exposure}, {"awards", awards}};
}

void weigh_campaign(json::object& annual, const Computed& campaign) {
  std::map<std::int64_t, const da::UnitScore*> by;
  for (const auto& u : campaign.scores) by[u.unit_id] = &u;
  const double w = campaign.scheme.campaign_weight;
  for (auto& v : annual.at("items").as_array()) {
    auto& o = v.as_object();
    auto it = by.find(o.at("unit_id").as_int64());
    if (it == by.end() || !it->second->ranked || o.at("score").is_null()) continue;
    o["campaign_score"] = it->second->score;
    o["annual_score"] = da::weighted_score(o.at("score").to_number<double>(), it->second->score, w);
  }
  annual["campaign"] = json::object{{"period", campaign.period.code}, {"title", campaign.period.label},
                                    {"weight", w}};
}

json::array diff(const json::object& frozen, const json::object& fresh) {
  std::map<std::int64_t, const json::object*> now;
  for (const auto& v : fresh.at("items").as_array()) now[v.at("unit_id").as_int64()] = &v.as_object();
  json::array out;
  auto field = [](const json::object* o, const char* k) { return o ? o->at(k) : json::value(nullptr); };
  std::map<std::int64_t, const json::object*> then;
  for (const auto& v : frozen.at("items").as_array()) then[v.at("unit_id").as_int64()] = &v.as_object();
  for (const auto& [id, o] : now) then.emplace(id, nullptr);
  for (const auto& [id, old] : then) {
    auto it = now.find(id);
    const json::object* cur = it == now.end() ? nullptr : it->second;
    if (old && cur && old->at("score") == cur->at("score") && old->at("rank") == cur->at("rank") &&
        old->at("grade") == cur->at("grade"))
      continue;
    const json::object* any = old ? old : cur;
    out.push_back(json::object{{"unit_id", id}, {"unit_name", any->at("unit_name")},
                               {"frozen_score", field(old, "score")}, {"current_score", field(cur, "score")},
                               {"frozen_rank", field(old, "rank")}, {"current_rank", field(cur, "rank")},
                               {"frozen_grade", field(old, "grade")}, {"current_grade", field(cur, "grade")}});
  }
  return out;
}

}  // namespace envgrid::http::assess
