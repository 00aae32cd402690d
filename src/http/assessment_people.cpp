// The accountability log (通报批评/约谈) and the assessment of people (网格员, 督查员).
#include "core/json.hpp"
#include "http/assessment_compute.hpp"
#include "store/assessment.hpp"

namespace envgrid::http {

namespace json = boost::json;
using namespace assess;

static json::object accountability_json(const store::Accountability& x) {
  static const std::map<std::string, std::string> kinds = {{"criticism", "通报批评"}, {"interview", "约谈"}};
  static const std::map<std::string, std::string> targets = {
      {"unit", "单位"}, {"principal", "主要负责人"}, {"cadre", "包保干部"}};
  return {{"id", x.id}, {"unit_id", x.unit_id}, {"unit_name", x.unit_name}, {"kind", x.kind},
          {"kind_label", kinds.at(x.kind)}, {"target", x.target}, {"target_label", targets.at(x.target)},
          {"person", x.person}, {"reason", x.reason}, {"day", x.day}, {"problem_id", core::opt(x.problem_id)},
          {"created_by", x.created_by}, {"created_at", core::format_iso(x.created_at)}};
}

void register_accountability_routes(App& app) {
  app.router.get("/api/v1/accountability", [&app](Request& req) {
    Actor a = app.require(req, kReaders);
    const auto period = period_arg(req);
    auto unit = query_int(req, "unit_id", 1, INT64_MAX);
    auto rows = app.db.read([&](store::Conn& c) {
      return store::list_accountability(c, a.tenant_id, core::format_date(period.first), core::format_date(period.last),
                                        unit);
    });
    json::array items;
    for (const auto& x : rows) items.push_back(accountability_json(x));
    return Response::json(json::object{{"items", items}});
  });

  app.router.post("/api/v1/accountability", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "leader"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::Accountability x;
    auto unit = r.int64("unit_id", true, 1);
    auto kind = r.one_of("kind", true, {"criticism", "interview"});
    auto target = r.one_of("target", false, {"unit", "principal", "cadre"});
    auto person = r.str("person", false, 64);
    auto reason = r.str("reason", true, 500, 1);
    auto day = r.str("day", true, 10, 10);
    auto problem = r.int64("problem_id", false, 1);
    std::optional<core::Date> d;
    if (day && !(d = core::parse_date(*day))) r.fail("day", "日期格式应为 YYYY-MM-DD");
    std::string principal;
    app.db.read([&](store::Conn& c) {
      auto u = unit ? c.first("SELECT principal FROM units WHERE tenant_id = ? AND id = ?", {a.tenant_id, *unit})
                    : std::nullopt;
      if (unit && !u) r.fail("unit_id", "单位不存在");
      if (u) principal = u->str(0);
      if (problem && !c.first("SELECT 1 FROM problems WHERE tenant_id = ? AND id = ?", {a.tenant_id, *problem}))
        r.fail("problem_id", "问题不存在");
    });
    x.target = target.value_or("principal");
    x.person = person.value_or(x.target == "principal" ? principal : "");
    if (x.target == "cadre" && x.person.empty()) r.fail("person", "约谈包保干部时请填写姓名");
    r.finish();
    x.unit_id = *unit;
    x.kind = *kind;
    x.reason = *reason;
    x.day = core::format_date(*d);
    x.problem_id = problem;
    x.created_by = a.user_id;
    x.at = core::local_midnight(*d);  // counted in the period of its day
    x.created_at = app.clock.now();
    x.id = app.db.write([&](store::Conn& c) { return store::insert_accountability(c, a.tenant_id, x); });
    auto rows = app.db.read([&](store::Conn& c) {
      return store::list_accountability(c, a.tenant_id, x.day, x.day, x.unit_id);
    });
    for (const auto& y : rows)
      if (y.id == x.id) return Response::json(accountability_json(y), 201);
    return Response::json(accountability_json(x), 201);
  });

  // People: reports (valid = accepted and not a duplicate), verifications on time (within
  // 24 h of the handling) and patrol days. Score = 60·valid share + 40·on-time share over
  // the parts that apply; patrol coverage is shown beside it.
  app.router.get("/api/v1/assessment/people", [&app](Request& req) {
    Actor a = app.require(req, kReaders);
    const auto period = period_arg(req);
    auto rows = app.db.read([&](store::Conn& c) {
      return store::people_facts(c, a.tenant_id, period.from, period.to, 24 * core::kHour);
    });
    json::array items;
    for (const auto& p : rows) {
      json::array roles;
      for (const auto& r : p.roles) roles.emplace_back(r);
      const double valid = p.reports ? static_cast<double>(p.valid_reports) / p.reports : 0;
      const double timely = p.verifications ? static_cast<double>(p.on_time_verifications) / p.verifications : 0;
      json::value score = nullptr;
      if (p.reports || p.verifications) {
        double w = (p.reports ? 60.0 : 0.0) + (p.verifications ? 40.0 : 0.0);
        score = std::round((60.0 * valid + 40.0 * timely) * 100.0 / w * 100.0) / 100.0;
      }
      items.push_back(json::object{{"user_id", p.user_id}, {"display_name", p.display_name}, {"roles", roles},
                                   {"reports", p.reports}, {"valid_reports", p.valid_reports},
                                   {"verifications", p.verifications},
                                   {"on_time_verifications", p.on_time_verifications}, {"patrols", p.patrols},
                                   {"patrol_days", p.patrol_days}, {"score", score}});
    }
    return Response::json(json::object{{"period", period.code}, {"period_label", period.label}, {"items", items}});
  });
}

}  // namespace envgrid::http
