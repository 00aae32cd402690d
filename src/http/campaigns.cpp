// Campaigns (专项行动): list, read, create, update (versioned), delete, from template.
#include "http/campaigns.hpp"

#include <algorithm>

#include "core/embedded.hpp"
#include "store/assessment.hpp"
#include "store/fieldwork.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {


json::object header_json(const store::CampaignRow& c) {
  return {{"id", c.id},
          {"doc_number", c.doc_number},
          {"title", c.title},
          {"issuer", c.issuer},
          {"start_date", c.start_date},
          {"end_date", core::opt(c.end_date)},
          {"clock_mode", c.clock_mode},
          {"weight", c.weight},
          {"version", c.version}};
}

std::int64_t store_new(App& app, store::CampaignRow& row) {
  try {
    return app.db.write([&](store::Conn& c) { return store::insert_campaign(c, row, app.clock.now()); });
  } catch (...) {
    rethrow_db(std::current_exception(), "专项行动");
  }
}

// A day offset field of a template ("start_offset": 6) as a date string.
std::optional<std::string> shifted(const json::object& o, std::string_view key, core::Date start) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  return core::format_date(core::add_days(start, static_cast<int>(it->value().to_number<std::int64_t>())));
}

std::string text(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

std::vector<std::string> texts(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (auto it = o.find(key); it != o.end() && it->value().is_array())
    for (const auto& v : it->value().as_array()) out.emplace_back(v.as_string());
  return out;
}

// The template as a campaign row starting on `start`. Templates are data shipped with
// the binary; a malformed one is a build defect, reported as 500 by the server.
store::CampaignRow from_template(const json::object& t, core::Date start) {
  store::CampaignRow row;
  row.doc_number = text(t, "doc_number");
  row.title = text(t, "title");
  row.issuer = text(t, "issuer");
  row.clock_mode = text(t, "clock_mode").empty() ? "normal" : text(t, "clock_mode");
  row.weight = t.contains("weight") ? t.at("weight").to_number<double>() : 0.0;
  row.award_tiers = t.contains("award_tiers") ? json::serialize(t.at("award_tiers")) : "[]";
  row.start_date = core::format_date(start);
  row.end_date = shifted(t, "end_offset", start);
  for (const auto& v : t.at("phases").as_array()) {
    const auto& p = v.as_object();
    row.phases.push_back({0, text(p, "name"), text(p, "kind"), *shifted(p, "start_offset", start),
                          shifted(p, "end_offset", start)});
  }
  for (const auto& v : t.at("task_areas").as_array()) {
    const auto& a = v.as_object();
    store::TaskAreaRow area;
    area.name = text(a, "name");
    area.category_codes = texts(a, "category_codes");
    area.zone_kinds = texts(a, "zone_kinds");
    area.lead_unit_name = text(a, "lead_unit_name");
    area.target = text(a, "target");
    row.task_areas.push_back(std::move(area));
  }
  if (t.contains("deliverables"))
    for (const auto& v : t.at("deliverables").as_array()) {
      const auto& d = v.as_object();
      row.deliverables.push_back(
          {0, text(d, "kind"), text(d, "title"), *shifted(d, "due_offset", start), !d.contains("per_unit") || d.at("per_unit").as_bool()});
    }
  row.deadline_cap = campaign::deadline_cap(row);
  return row;
}

std::optional<json::object> find_template(const std::string& id) {
  if (id.empty() || id.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
    return std::nullopt;
  auto text = embedded::find("data/campaigns/" + id + ".json");
  if (!text) return std::nullopt;
  return json::parse(*text).as_object();
}

// The notice's recurring duties (常态化: 包村干部 every Friday, the secretary's daily hour …)
// for the campaign's dates: a village-cadre rule once, a unit rule for every village and
// community (村居). A rule already set for the same people and work over overlapping dates is
// not repeated.
void add_template_duties(store::Conn& c, const json::object& t, const store::CampaignRow& row, core::Millis now) {
  if (!t.contains("duties")) return;
  const auto existing = store::list_duties(c, row.tenant_id);
  const auto villages = store::units_of_types(c, row.tenant_id, {"village", "community"});
  for (const auto& v : t.at("duties").as_array()) {
    const auto& x = v.as_object();
    store::DutyRow d;
    d.tenant_id = row.tenant_id;
    d.name = text(x, "note");
    d.who = text(x, "who");
    d.activity_kind = text(x, "activity_kind");
    d.frequency = text(x, "frequency");
    if (x.contains("weekday")) d.weekday = x.at("weekday").to_number<std::int64_t>();
    d.start_date = row.start_date;
    d.end_date = row.end_date;
    d.created_at = now;
    std::vector<std::optional<std::int64_t>> owners;
    if (d.who == "unit")
      for (const auto& u : villages) owners.emplace_back(u.id);
    else
      owners.emplace_back(std::nullopt);
    for (const auto& owner : owners) {
      const bool running = std::any_of(existing.begin(), existing.end(), [&](const store::DutyRow& e) {
        return e.who == d.who && e.unit_id == owner && e.activity_kind == d.activity_kind &&
               e.frequency == d.frequency && (!e.end_date || *e.end_date >= d.start_date) &&
               (!d.end_date || e.start_date <= *d.end_date);  // the date ranges overlap
      });
      if (running) continue;
      d.unit_id = owner;
      store::insert_duty(c, d);
    }
  }
}

}  // namespace

std::int64_t create_campaign_from_template(App& app, const Actor& a, const std::string& template_id, core::Date start) {
  if (!a.any({"admin", "dispatcher"})) throw core::forbidden("当前角色不能执行此操作");
  auto t = find_template(template_id);
  if (!t) throw core::not_found("专项行动模板");
  store::CampaignRow row = from_template(*t, start);
  row.tenant_id = a.tenant_id;
  row.template_id = template_id;
  const auto id = store_new(app, row);
  app.db.write([&](store::Conn& c) {
    add_template_duties(c, *t, row, app.clock.now());
    return 0;
  });
  return id;
}

void register_campaign_routes(App& app) {
  app.router.get("/api/v1/campaign-templates", [&app](Request& req) {
    app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"});
    json::array items;
    for (const auto& f : embedded::under("data/campaigns/")) {
      auto t = json::parse(f.content).as_object();
      items.push_back({{"id", t.at("id")}, {"doc_number", t.at("doc_number")}, {"title", t.at("title")},
                       {"issuer", t.at("issuer")}});
    }
    return Response::json(json::object{{"items", items}});
  });

  app.router.post("/api/v1/campaigns/from-template", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto id = r.str("template", true, 100, 1);
    auto start = campaign::date_field(r, "start_date", true);
    r.finish();
    const auto cid = create_campaign_from_template(app, a, *id, *start);
    return Response::json(campaign::to_json(campaign::load(app, a, cid)), 201);
  });

  app.router.get("/api/v1/campaigns", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"});
    auto rows = app.db.read([&](store::Conn& c) { return store::list_campaigns(c, a.tenant_id); });
    json::array items;
    for (const auto& c : rows) items.push_back(header_json(c));
    return Response::json(json::object{{"items", items}});
  });

  app.router.post("/api/v1/campaigns", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::CampaignRow row;
    row.tenant_id = a.tenant_id;
    campaign::read_body(r, row, false);
    app.db.read([&](store::Conn& c) { campaign::check_refs(c, a.tenant_id, r, row); });
    r.finish();
    const auto id = store_new(app, row);
    return Response::json(campaign::to_json(campaign::load(app, a, id)), 201);
  });

  app.router.get("/api/v1/campaigns/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"});
    return Response::json(campaign::to_json(campaign::load(app, a, path_id(req, "id", "专项行动"))));
  });

  app.router.patch("/api/v1/campaigns/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    store::CampaignRow row = campaign::load(app, a, path_id(req, "id", "专项行动"));
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto version = r.int64("version", true, 1);
    campaign::read_body(r, row, true);
    app.db.read([&](store::Conn& c) { campaign::check_refs(c, a.tenant_id, r, row); });
    r.finish();
    row.version = *version;
    bool ok = false;
    try {
      ok = app.db.write([&](store::Conn& c) { return store::update_campaign(c, row, app.clock.now()); });
    } catch (...) {
      rethrow_db(std::current_exception(), "专项行动的任务方向或材料要求");
    }
    if (!ok) throw core::conflict("stale-version", "专项行动已被他人修改，请刷新后重试");
    return Response::json(campaign::to_json(campaign::load(app, a, row.id)));
  });

  app.router.del("/api/v1/campaigns/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    const auto id = campaign::load(app, a, path_id(req, "id", "专项行动")).id;
    app.db.write([&](store::Conn& c) {
      if (store::tagged_problem_count(c, a.tenant_id, id) > 0)
        throw core::conflict("in-use", "专项行动已关联问题，不能删除");
      store::delete_campaign(c, a.tenant_id, id);
    });
    return Response::no_content();
  });
}

}  // namespace envgrid::http
