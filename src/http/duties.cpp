// Recurring duties (常态化): rules such as 包村干部每周五清理 or 书记每日一小时整治, and
// compliance: who has no activity of the required kind on a required day.
#include <algorithm>
#include <map>
#include <set>

#include "core/json.hpp"
#include "http/app.hpp"
#include "http/campaigns.hpp"
#include "store/fieldwork.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

const std::vector<std::string> kActivityKinds = {"cleanup", "friday_village_cleanup", "secretary_daily_hour",
                                                 "publicity", "other"};

json::object duty_json(const store::DutyRow& d) {
  return {{"id", d.id},
          {"name", d.name},
          {"who", d.who},
          {"unit_id", core::opt(d.unit_id)},
          {"activity_kind", d.activity_kind},
          {"frequency", d.frequency},
          {"weekday", core::opt(d.weekday)},
          {"start_date", d.start_date},
          {"end_date", core::opt(d.end_date)}};
}

// One party a duty binds: a unit, or a cadre for a village (counted on either unit).
struct Party {
  json::object who;
  std::vector<std::int64_t> units;  // an activity logged by any of these counts
};

std::vector<Party> parties(store::Conn& c, std::int64_t tenant, const store::DutyRow& d) {
  std::vector<Party> out;
  if (d.who == "unit") {
    auto r = c.first("SELECT name FROM units WHERE tenant_id = ? AND id = ?", {tenant, *d.unit_id});
    out.push_back({{{"unit_id", *d.unit_id}, {"unit_name", r ? r->str(0) : ""}}, {*d.unit_id}});
    return out;
  }
  for (const auto& r : c.query("SELECT id, cadre_name, cadre_user_id, unit_id, target_unit_id, target_name "
                               "FROM assignments WHERE tenant_id = ? AND kind = 'village' ORDER BY id",
                               {tenant})
                           .rows) {
    Party p{{{"assignment_id", r.i64(0)}, {"cadre_name", r.str(1)}, {"cadre_user_id", core::opt(r.opt_i64(2))},
             {"unit_id", core::opt(r.opt_i64(3))}, {"target_unit_id", core::opt(r.opt_i64(4))},
             {"target_name", r.str(5)}},
            {}};
    if (auto u = r.opt_i64(4)) p.units.push_back(*u);
    if (auto u = r.opt_i64(3)) p.units.push_back(*u);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

void register_duty_routes(App& app) {
  app.router.get("/api/v1/duties/compliance", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "leader", "viewer"});
    std::vector<core::FieldError> errs;
    auto from = core::parse_date(req.q("from").value_or(""));
    auto to = core::parse_date(req.q("to").value_or(""));
    if (!from) errs.push_back({"from", "日期格式应为 YYYY-MM-DD"});
    if (!to) errs.push_back({"to", "日期格式应为 YYYY-MM-DD"});
    if (from && to && *to < *from) errs.push_back({"to", "结束日期不能早于开始日期"});
    if (from && to && core::days_from_civil(*to) - core::days_from_civil(*from) > 366)
      errs.push_back({"to", "查询范围最长一年"});
    if (!errs.empty()) throw core::validation_error(errs);
    const auto today = core::to_local(app.clock.now()).date;
    const auto last = std::min(*to, today);
    json::array items;
    app.db.read([&](store::Conn& c) {
      for (const auto& d : store::list_duties(c, a.tenant_id)) {
        auto done = store::activity_days(c, a.tenant_id, d.activity_kind, core::format_date(*from), core::format_date(last));
        std::set<std::pair<std::int64_t, std::string>> seen(done.begin(), done.end());
        for (const auto& p : parties(c, a.tenant_id, d)) {
          json::array missing;
          int required = 0;
          for (core::Date day = *from; day <= last; day = core::add_days(day, 1)) {
            const auto s = core::format_date(day);
            if (s < d.start_date || (d.end_date && s > *d.end_date)) continue;
            if (d.frequency == "weekly" && core::iso_weekday(day) != *d.weekday) continue;
            ++required;
            if (std::none_of(p.units.begin(), p.units.end(), [&](auto u) { return seen.count({u, s}) > 0; }))
              missing.push_back(json::value(s));
          }
          items.push_back({{"duty_id", d.id}, {"duty_name", d.name}, {"who", p.who}, {"required_days", required},
                           {"missing_days", missing}});
        }
      }
    });
    return Response::json(json::object{{"from", core::format_date(*from)}, {"to", core::format_date(*to)},
                                       {"items", items}});
  });

  app.router.get("/api/v1/duties", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"});
    auto rows = app.db.read([&](store::Conn& c) { return store::list_duties(c, a.tenant_id); });
    json::array items;
    for (const auto& d : rows) items.push_back(duty_json(d));
    return Response::json(json::object{{"items", items}});
  });

  app.router.post("/api/v1/duties", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::DutyRow d;
    d.tenant_id = a.tenant_id;
    d.name = r.str("name", true, 100, 1).value_or("");
    d.who = r.one_of("who", true, {"unit", "village_cadres"}).value_or("");
    d.unit_id = r.int64("unit_id", false, 1);
    d.activity_kind = r.one_of("activity_kind", true, kActivityKinds).value_or("");
    d.frequency = r.one_of("frequency", true, {"daily", "weekly"}).value_or("");
    d.weekday = r.int64("weekday", false, 1, 7);
    auto start = campaign::date_field(r, "start_date", true);
    auto end = campaign::date_field(r, "end_date", false);
    if (start) d.start_date = core::format_date(*start);
    if (end) d.end_date = core::format_date(*end);
    if (start && end && *end < *start) r.fail("end_date", "结束日期不能早于开始日期");
    if (d.frequency == "weekly" && !d.weekday && !r.has("weekday")) r.fail("weekday", "每周一次的要求需指定星期几（1–7）");
    if (d.frequency == "daily" && d.weekday) r.fail("weekday", "每日要求不指定星期几");
    if (d.who == "unit" && !d.unit_id && !r.has("unit_id")) r.fail("unit_id", "请指定责任单位");
    if (d.who == "village_cadres" && d.unit_id) r.fail("unit_id", "包村干部要求按包保关系确定，不指定单位");
    app.db.read([&](store::Conn& c) {
      if (d.unit_id && !c.first("SELECT 1 FROM units WHERE tenant_id = ? AND id = ?", {a.tenant_id, *d.unit_id}))
        r.fail("unit_id", "单位不存在");
    });
    r.finish();
    d.created_at = app.clock.now();
    d.id = app.db.write([&](store::Conn& c) { return store::insert_duty(c, d); });
    return Response::json(duty_json(d), 201);
  });
}

}  // namespace envgrid::http
