// Editable ledger configuration: the category list and the working calendar per year.
#include "core/json.hpp"
#include "domain/calendar.hpp"
#include "domain/category.hpp"
#include "http/ledger_cache.hpp"
#include "store/settings.hpp"

namespace envgrid::http {

namespace json = boost::json;

static std::optional<std::string> setting(App& app, std::int64_t tenant, const std::string& key) {
  return app.db.read([&](store::Conn& c) { return store::get_setting(c, tenant, key); });
}

static void put_setting(App& app, std::int64_t tenant, const std::string& key, const std::string& value) {
  app.db.write([&](store::Conn& c) { store::put_setting(c, tenant, key, value, app.clock.now()); });
  invalidate_ledger(app, tenant);
}

static json::value parse_any(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) throw core::bad_request("请求体不是合法的 JSON", ec.message());
  return v;
}

void register_settings_routes(App& app) {
  app.router.get("/api/v1/categories", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto text = setting(app, a.tenant_id, "categories").value_or("{}");
    auto list = domain::parse_categories(json::parse(text)).take();
    // Flat items for pickers, plus the whole document for the editor.
    json::array items;
    for (const auto& c : list.categories)
      items.push_back(json::object{{"code", c.code}, {"name", c.name}, {"parent_code", c.parent},
                                   {"limit", json::object{{"hours", c.limit_hours}, {"kind", domain::limit_kind_name(c.limit_kind)}}},
                                   {"unit_type", c.unit_type}, {"after_photo_required", c.after_photo_required},
                                   {"deduction", c.deduction}, {"filing_standard", c.filing_standard},
                                   {"closing_standard", c.closing_standard}});
    json::array classes;
    for (const auto& c : list.classes) classes.push_back(json::object{{"code", c.code}, {"name", c.name}});
    return Response::json(json::object{{"items", items}, {"classes", classes}, {"document", domain::categories_to_json(list)}});
  });

  app.router.put("/api/v1/categories", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    auto v = parse_any(req.body);
    auto list = domain::parse_categories(v).take();
    // A category still used by problems may not disappear from the list.
    auto used = app.db.read([&](store::Conn& c) {
      return c.query("SELECT DISTINCT category_code FROM problems WHERE tenant_id = ?", {a.tenant_id}).rows;
    });
    std::vector<core::FieldError> errs;
    for (const auto& r : used)
      if (!list.find(r.str(0))) errs.push_back({"categories", "类别 " + r.str(0) + " 已有问题使用，不能删除"});
    if (!errs.empty()) throw core::validation_error(errs);
    put_setting(app, a.tenant_id, "categories", json::serialize(domain::categories_to_json(list)));
    return Response::json(domain::categories_to_json(list));
  });

  app.router.get("/api/v1/calendar/{year}", [&app](Request& req) {
    Actor a = app.authenticate(req);
    const auto year = path_id(req, "year", "年度日历");
    auto t = tenant_ledger(app, a.tenant_id);
    json::object out;
    if (const auto* y = t->calendar.year(static_cast<int>(year))) out = domain::holiday_year_to_json(*y);
    else out = {{"year", year}, {"holidays", json::array{}}, {"makeup_workdays", json::array{}}, {"source", ""},
                {"note", "本年度尚无节假日数据，按周一至周五计算工作日"}};
    out["periods"] = domain::periods_to_json(t->calendar.periods());
    return Response::json(out);
  });

  app.router.put("/api/v1/calendar/{year}", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const auto year = path_id(req, "year", "年度日历");
    auto v = parse_any(req.body);
    if (!v.is_object()) throw core::bad_request("请求体必须是 JSON 对象");
    std::optional<std::vector<domain::WorkPeriod>> periods;
    if (auto it = v.as_object().find("periods"); it != v.as_object().end()) {
      periods = domain::parse_periods(it->value()).take();
      v.as_object().erase("periods");
    }
    auto y = domain::parse_holiday_year(v, static_cast<int>(year)).take();
    put_setting(app, a.tenant_id, "calendar/" + std::to_string(year), json::serialize(domain::holiday_year_to_json(y)));
    if (periods) put_setting(app, a.tenant_id, "working_periods", json::serialize(domain::periods_to_json(*periods)));
    auto out = domain::holiday_year_to_json(y);
    out["periods"] = domain::periods_to_json(tenant_ledger(app, a.tenant_id)->calendar.periods());
    return Response::json(out);
  });
}

}  // namespace envgrid::http
