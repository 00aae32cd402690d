// Assessment (考评): schemes, manual entries, scores with breakdown, explain, freeze (定榜).
#include <set>

#include "core/json.hpp"
#include "http/assessment_compute.hpp"
#include "http/notify.hpp"
#include "store/assessment.hpp"

namespace envgrid::http {

namespace json = boost::json;
using namespace assess;

// Item keys a manual entry may target: entry items, and entry facts of deductions,
// vetoes and bonuses (e.g. "veto", "bonus").
static std::set<std::string> entry_keys(const da::Scheme& s) {
  std::set<std::string> k;
  for (const auto& it : s.items)
    if (it.source == "entries") k.insert(it.key);
  auto fact = [&](const std::string& f) {
    if (f.rfind("entry:", 0) == 0) k.insert(f.substr(6));
  };
  for (const auto& d : s.deductions) fact(d.fact);
  for (const auto& v : s.vetoes) fact(v.fact);
  for (const auto& b : s.bonuses) fact(b.fact);
  return k;
}

static json::object entry_json(const store::Entry& e) {
  return {{"id", e.id}, {"scheme", e.scheme}, {"period", e.period}, {"unit_id", e.unit_id}, {"item", e.item},
          {"points", e.points}, {"note", e.note}, {"created_by", e.created_by},
          {"created_at", core::format_iso(e.created_at)}};
}

// The explain view of one problem: which items it moved and why.
static json::object problem_fact_json(const da::Scheme& s, const store::ProblemFact& p, core::Millis at) {
  json::array reasons;
  if (s.kind == "handling") {
    const bool handled = p.handled_at.has_value() || p.rework_count > 0;
    if (p.state == "closed") reasons.emplace_back("结案");
    if (p.handled_at && (!p.deadline || *p.handled_at <= *p.deadline)) reasons.emplace_back("按期处置");
    else if (p.handled_at) reasons.emplace_back("逾期处置");
    if (handled && p.rework_count > 0) reasons.emplace_back("返工 " + std::to_string(p.rework_count) + " 次");
    if (p.state == "dispatched" && p.deadline && *p.deadline < at) reasons.emplace_back("超期未处置");
  } else {
    static const std::map<std::string, std::string> src = {
        {"higher_level", "上级督查发现"}, {"media", "媒体曝光"}, {"covert", "暗访发现"}};
    if (auto it = src.find(p.source); it != src.end()) reasons.emplace_back(it->second);
    if (p.rebound_of) reasons.emplace_back("问题反弹");
    if (p.state == "dispatched" && p.deadline && *p.deadline < at) reasons.emplace_back("超期未改");
  }
  auto iso = [](const std::optional<core::Millis>& t) { return t ? json::value(core::format_iso(*t)) : json::value(nullptr); };
  return {{"id", p.id}, {"number", p.number}, {"state", p.state}, {"source", p.source},
          {"category_code", p.category_code}, {"reported_at", core::format_iso(p.reported_at)},
          {"dispatched_at", iso(p.dispatched_at)}, {"handled_at", iso(p.handled_at)}, {"deadline", iso(p.deadline)},
          {"rework_count", p.rework_count}, {"reasons", reasons}};
}

void register_assessment_routes(App& app) {
  app.router.get("/api/v1/assessment/schemes", [&app](Request& req) {
    Actor a = app.require(req, kReaders);
    json::array items;
    app.db.read([&](store::Conn& c) {
      for (const auto& code : default_codes()) items.push_back(da::scheme_json(load_scheme(c, a.tenant_id, code)));
    });
    return Response::json(json::object{{"items", items}});
  });

  app.router.get("/api/v1/assessment/schemes/{code}", [&app](Request& req) {
    Actor a = app.require(req, kReaders);
    const auto code = req.path_params.at("code");
    auto s = app.db.read([&](store::Conn& c) { return load_scheme(c, a.tenant_id, code); });
    return Response::json(da::scheme_json(s));
  });

  app.router.put("/api/v1/assessment/schemes/{code}", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const auto code = req.path_params.at("code");
    app.db.read([&](store::Conn& c) { load_scheme(c, a.tenant_id, code); });  // 404 for unknown codes
    auto body = core::parse_object(req.body);
    auto s = da::parse_scheme(body);
    if (!s.ok()) throw core::ApiError(s.error());
    if (s->code != code) throw core::validation_error({{"code", "方案编码应为 " + code}});
    const auto text = json::serialize(da::scheme_json(*s));
    app.db.write([&](store::Conn& c) { store::put_setting(c, a.tenant_id, "assessment/" + code, text, app.clock.now()); });
    return Response::json(da::scheme_json(*s));
  });

  app.router.post("/api/v1/assessment/entries", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto scheme = r.str("scheme", false, 32, 1).value_or("territorial");
    auto unit = r.int64("unit_id", true, 1);
    auto period = r.str("period", true, 10, 4);
    auto item = r.str("item", true, 40, 1);
    auto points = r.num("points", true, -1000, 1000);
    auto note = r.str("note", false, 500);
    if (period && !da::parse_period(*period)) r.fail("period", "考评周期格式应为 YYYY-MM、YYYY-Qn 或 YYYY");
    app.db.read([&](store::Conn& c) {
      if (unit && !c.first("SELECT 1 FROM units WHERE tenant_id = ? AND id = ?", {a.tenant_id, *unit}))
        r.fail("unit_id", "单位不存在");
      std::optional<da::Scheme> s;
      try {
        s = load_scheme(c, a.tenant_id, scheme);
      } catch (const core::ApiError&) {
        r.fail("scheme", "考评方案不存在");
      }
      if (s && item && !entry_keys(*s).count(*item)) r.fail("item", "该方案没有可录入的项目：" + *item);
    });
    r.finish();
    store::Entry e{0, *unit, a.user_id, app.clock.now(), scheme, *period, *item, note.value_or(""), *points};
    e.id = app.db.write([&](store::Conn& c) { return store::insert_entry(c, a.tenant_id, e); });
    return Response::json(entry_json(e), 201);
  });

  app.router.get("/api/v1/assessment/entries", [&app](Request& req) {
    Actor a = app.require(req, kReaders);
    const auto scheme = scheme_arg(req);
    const auto period = period_arg(req);
    auto unit = query_int(req, "unit_id", 1, INT64_MAX);
    auto rows = app.db.read([&](store::Conn& c) { return store::list_entries(c, a.tenant_id, scheme, period.code, unit); });
    json::array items;
    for (const auto& e : rows) items.push_back(entry_json(e));
    return Response::json(json::object{{"items", items}});
  });

  app.router.get("/api/v1/assessment/scores", [&app](Request& req) {
    Actor a = app.require(req, kReaders);
    const auto scheme = scheme_arg(req);
    const auto period = period_arg(req);
    auto fresh = result_json(compute(app, a.tenant_id, scheme, period));
    if (auto cid = query_int(req, "campaign_id", 1, INT64_MAX)) {
      if (period.kind != "year") throw core::validation_error({{"campaign_id", "专项行动折算仅用于年度考评"}});
      auto cp = app.db.read([&](store::Conn& c) { return campaign_period(c, a.tenant_id, *cid, "campaign_id"); });
      weigh_campaign(fresh, compute(app, a.tenant_id, scheme, cp));
    }
    auto frozen = app.db.read([&](store::Conn& c) { return store::get_frozen(c, a.tenant_id, scheme, period.code); });
    if (!frozen) {
      fresh["frozen"] = false;
      return Response::json(fresh);
    }
    auto out = json::parse(frozen->result).as_object();
    out["frozen"] = true;
    out["frozen_at"] = core::format_iso(frozen->frozen_at);
    out["frozen_by"] = frozen->frozen_by;
    out["diff"] = diff(out, fresh);
    return Response::json(out);
  });

  app.router.post("/api/v1/assessment/freeze", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto scheme = r.str("scheme", true, 32, 1);
    auto period = r.str("period", true, 10, 4);
    std::optional<da::Period> p;
    if (period && !(p = da::parse_period(*period))) r.fail("period", "考评周期格式应为 YYYY-MM、YYYY-Qn 或 YYYY");
    r.finish();
    auto result = result_json(compute(app, a.tenant_id, *scheme, *p));
    store::Frozen f{json::serialize(result), a.user_id, app.clock.now()};
    bool ok = app.db.write([&](store::Conn& c) {
      if (!store::insert_frozen(c, a.tenant_id, *scheme, p->code, f)) return false;
      notify::ranking_published(c, a, *scheme, std::string(result["scheme_name"].as_string()), p->code, p->label,
                                f.frozen_at);
      return true;
    });
    if (!ok) throw core::conflict("already-frozen", "该周期的考评结果已定榜，不能重复定榜");
    result["frozen"] = true;
    result["frozen_at"] = core::format_iso(f.frozen_at);
    result["frozen_by"] = a.user_id;
    return Response::json(result, 201);
  });

  app.router.get("/api/v1/assessment/scores/{unit_id}/explain", [&app](Request& req) {
    Actor a = app.require(req, kReaders);
    const auto unit = path_id(req, "unit_id", "单位");
    const auto scheme = scheme_arg(req);
    const auto period = period_arg(req);
    auto r = compute(app, a.tenant_id, scheme, period);
    const da::UnitScore* score = nullptr;
    for (const auto& u : r.scores)
      if (u.unit_id == unit) score = &u;
    if (!score) throw core::not_found("单位");
    json::array problems, entries, acc;
    app.db.read([&](store::Conn& c) {
      auto ps = r.scheme.kind == "handling" ? store::handling_problems(c, a.tenant_id, unit, period.from, period.to)
                                            : store::territorial_problems(c, a.tenant_id, unit, period.from, period.to);
      for (const auto& p : ps) problems.push_back(problem_fact_json(r.scheme, p, r.at));
      for (const auto& e : store::list_entries(c, a.tenant_id, scheme, period.code, unit)) entries.push_back(entry_json(e));
      for (const auto& x : store::list_accountability(c, a.tenant_id, core::format_date(period.first),
                                                       core::format_date(period.last), unit))
        acc.push_back(json::object{{"id", x.id}, {"kind", x.kind}, {"day", x.day}, {"reason", x.reason}});
    });
    auto out = da::score_json(*score);
    out["scheme"] = r.scheme.code;
    out["period"] = period.code;
    out["problems"] = problems;
    out["entries"] = entries;
    out["accountability"] = acc;
    return Response::json(out);
  });
}

}  // namespace envgrid::http
