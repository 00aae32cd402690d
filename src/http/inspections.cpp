// Inspection rounds (督查检查): create, list, read; checklists per site type; per-unit
// scores from checklist items (measured items such as 以克论净 g/㎡ against a maximum).
#include "http/inspections.hpp"

#include <algorithm>
#include <cmath>

#include "core/embedded.hpp"
#include "http/campaigns.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

const std::vector<std::string> kKinds = {"weekly", "monthly",    "covert",      "higher_level",
                                         "spot",   "acceptance", "observation", "recheck"};

const json::object& checklists() {
  static const json::object doc = json::parse(*embedded::find("data/checklists.json")).as_object();
  return doc;
}

const json::object* site_type(const std::string& id) {
  for (const auto& t : checklists().at("site_types").as_array())
    if (t.at("id").as_string() == id) return &t.as_object();
  return nullptr;
}

json::object score_json(const store::ScoreRow& s) {
  json::value items;
  try {
    items = json::parse(s.items);
  } catch (const std::exception&) {
    items = json::array{};
  }
  return {{"id", s.id},       {"unit_id", s.unit_id}, {"site_type", core::opt(s.site_type)}, {"site_name", s.site_name},
          {"score", s.score}, {"items", items},       {"note", s.note},
          {"created_at", core::format_iso(s.created_at)}};
}

// Checklist answers → item JSON and the 百分制 score; errors go to r.
std::optional<double> read_items(core::JsonReader& r, const json::object& type, json::array& out) {
  const json::value* v = r.raw("items", false);
  if (!v) return std::nullopt;
  if (!v->is_array() || v->as_array().empty()) {
    r.fail("items", "应为非空数组");
    return std::nullopt;
  }
  int passed = 0, total = 0;
  for (size_t i = 0; i < v->as_array().size(); ++i) {
    const std::string at = "items[" + std::to_string(i) + "]";
    const auto& x = v->as_array()[i];
    if (!x.is_object()) {
      r.fail(at, "应为对象");
      continue;
    }
    core::JsonReader s(x.as_object(), at);
    auto id = s.str("id", true, 50, 1);
    auto ok = s.boolean("passed", false);
    auto value = s.num("value", false, 0, 1e9);
    const json::object* def = nullptr;
    if (id)
      for (const auto& d : type.at("items").as_array())
        if (d.at("id").as_string() == *id) def = &d.as_object();
    if (id && !def) s.fail(at + ".id", "检查项不属于该场所类型");
    bool pass = false;
    if (def && def->at("kind").as_string() == "measure") {
      if (!value) s.fail(at + ".value", "实测项需填写实测值（" + std::string(def->at("unit").as_string()) + "）");
      else pass = *value <= def->at("max").to_number<double>();
    } else if (def) {
      if (!ok) s.fail(at + ".passed", "请填写是否合格");
      else pass = *ok;
    }
    try {
      s.finish();
    } catch (const core::ApiError& e) {
      for (const auto& fe : e.error().errors) r.fail(fe.field, fe.message);
    }
    if (!def) continue;
    ++total;
    passed += pass ? 1 : 0;
    json::object o{{"id", *id}, {"name", def->at("name")}, {"passed", pass}};
    if (value) o["value"] = *value;
    out.push_back(std::move(o));
  }
  return total ? std::optional(100.0 * passed / total) : std::nullopt;
}

}  // namespace

namespace inspection {

json::object to_json(App& app, const Actor& a, const store::InspectionRow& i, bool detail) {
  json::object o{{"id", i.id},
                 {"kind", i.kind},
                 {"level", core::opt(i.level)},
                 {"date", i.day},
                 {"title", i.title},
                 {"campaign_id", core::opt(i.campaign_id)},
                 {"note", i.note},
                 {"inspector_ids", json::array(i.inspector_ids.begin(), i.inspector_ids.end())},
                 {"created_by", i.created_by},
                 {"created_at", core::format_iso(i.created_at)}};
  if (!detail) return o;
  app.db.read([&](store::Conn& c) {
    json::array scores, rechecks;
    for (const auto& s : store::list_scores(c, a.tenant_id, i.id)) scores.push_back(score_json(s));
    auto findings = store::list_findings(c, a.tenant_id, i.id);
    for (const auto& r : store::list_rechecks(c, a.tenant_id, i.id))
      rechecks.push_back({{"problem_id", r.problem_id}, {"result", core::opt(r.result)},
                          {"new_problem_id", core::opt(r.new_problem_id)}, {"note", r.note}});
    o["scores"] = scores;
    o["finding_problem_ids"] = json::array(findings.begin(), findings.end());
    o["rechecks"] = rechecks;
  });
  return o;
}

store::InspectionRow load(App& app, const Actor& a, std::int64_t id) {
  auto row = app.db.read([&](store::Conn& c) { return store::get_inspection(c, a.tenant_id, id); });
  if (!row) throw core::not_found("督查检查");
  return *row;
}

}  // namespace inspection

void register_inspection_routes(App& app) {
  app.router.get("/api/v1/checklists", [&app](Request& req) {
    app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"});
    return Response::json(checklists());
  });

  app.router.get("/api/v1/inspections", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"});
    auto kind = req.q("kind");
    if (kind && std::find(kKinds.begin(), kKinds.end(), *kind) == kKinds.end())
      throw core::validation_error({{"kind", "未知的督查类型"}});
    auto campaign = query_int(req, "campaign_id", 1, INT64_MAX);
    auto rows = app.db.read([&](store::Conn& c) { return store::list_inspections(c, a.tenant_id, campaign, kind, 500); });
    json::array items;
    for (const auto& i : rows) items.push_back(inspection::to_json(app, a, i, false));
    return Response::json(json::object{{"items", items}});
  });

  app.router.post("/api/v1/inspections", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::InspectionRow i;
    i.tenant_id = a.tenant_id;
    i.kind = r.one_of("kind", true, kKinds).value_or("");
    i.level = r.one_of("level", false, {"区", "市", "省"});
    if (auto d = campaign::date_field(r, "date", true)) i.day = core::format_date(*d);
    i.title = r.str("title", false, 200).value_or("");
    i.campaign_id = r.int64("campaign_id", false, 1);
    i.note = r.str("note", false, 2000).value_or("");
    i.inspector_ids = r.int_array("inspector_ids", false, 50).value_or(std::vector<std::int64_t>{a.user_id});
    if (i.kind == "higher_level" && !i.level) r.fail("level", "上级督查需注明层级（区/市/省）");
    if (i.kind != "higher_level" && i.level) r.fail("level", "只有上级督查填写层级");
    if (r.has("inspector_ids") && i.inspector_ids.empty()) r.fail("inspector_ids", "至少一名督查人员");
    app.db.read([&](store::Conn& c) {
      for (size_t k = 0; k < i.inspector_ids.size(); ++k)
        if (!c.first("SELECT 1 FROM users WHERE tenant_id = ? AND id = ?", {a.tenant_id, i.inspector_ids[k]}))
          r.fail("inspector_ids[" + std::to_string(k) + "]", "用户不存在");
      if (i.campaign_id && !c.first("SELECT 1 FROM campaigns WHERE tenant_id = ? AND id = ?", {a.tenant_id, *i.campaign_id}))
        r.fail("campaign_id", "专项行动不存在");
    });
    r.finish();
    std::sort(i.inspector_ids.begin(), i.inspector_ids.end());
    i.inspector_ids.erase(std::unique(i.inspector_ids.begin(), i.inspector_ids.end()), i.inspector_ids.end());
    if (i.title.empty()) i.title = i.day + " 督查检查";
    i.created_by = a.user_id;
    i.created_at = app.clock.now();
    i.id = app.db.write([&](store::Conn& c) { return store::insert_inspection(c, i); });
    return Response::json(inspection::to_json(app, a, i, true), 201);
  });

  app.router.get("/api/v1/inspections/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"});
    auto i = inspection::load(app, a, path_id(req, "id", "督查检查"));
    return Response::json(inspection::to_json(app, a, i, true));
  });

  app.router.post("/api/v1/inspections/{id}/scores", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector"});
    auto i = inspection::load(app, a, path_id(req, "id", "督查检查"));
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::ScoreRow s;
    s.unit_id = r.int64("unit_id", true, 1).value_or(0);
    s.site_type = r.str("site_type", false, 50);
    s.site_name = r.str("site_name", false, 200).value_or("");
    s.note = r.str("note", false, 2000).value_or("");
    auto explicit_score = r.num("score", false, 0, 100);
    json::array items;
    std::optional<double> computed;
    const json::object* type = s.site_type ? site_type(*s.site_type) : nullptr;
    if (s.site_type && !type) r.fail("site_type", "未知的场所类型（见 /api/v1/checklists）");
    if (type) computed = read_items(r, *type, items);
    else if (r.has("items")) r.fail("items", "填写检查项需先指定场所类型");
    if (!explicit_score && !computed) r.fail("score", "请填写得分或逐项检查结果");
    app.db.read([&](store::Conn& c) {
      if (s.unit_id && !c.first("SELECT 1 FROM units WHERE tenant_id = ? AND id = ?", {a.tenant_id, s.unit_id}))
        r.fail("unit_id", "单位不存在");
    });
    r.finish();
    // Two decimals: what the 百分制 sheets show, and exact through both databases' text.
    s.score = std::round((explicit_score ? *explicit_score : *computed) * 100.0) / 100.0;
    s.items = json::serialize(items);
    s.created_by = a.user_id;
    s.created_at = app.clock.now();
    s.id = app.db.write([&](store::Conn& c) { return store::insert_score(c, a.tenant_id, i.id, s); });
    return Response::json(score_json(s), 201);
  });
}

}  // namespace envgrid::http
