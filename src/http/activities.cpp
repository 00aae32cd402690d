// Activities (工作日志/集中行动): what a unit did on a day, with people, vehicles, funds
// and quantities; listed with filters and summed for the work report.
#include <algorithm>

#include "core/json.hpp"
#include "http/app.hpp"
#include "http/campaigns.hpp"
#include "store/fieldwork.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

const std::vector<std::string> kKinds = {"cleanup", "friday_village_cleanup", "secretary_daily_hour", "publicity", "other"};
const std::vector<std::string> kUoms = {"吨", "条", "处", "㎡", "个", "辆", "万元"};

json::object activity_json(const store::ActivityRow& x) {
  json::array qs, photos(x.attachment_ids.begin(), x.attachment_ids.end());
  for (const auto& q : x.quantities) qs.push_back({{"kind", q.kind}, {"amount", q.amount}, {"unit", q.uom}});
  return {{"id", x.id},           {"kind", x.kind},
          {"date", x.day},        {"unit_id", x.unit_id},
          {"campaign_id", core::opt(x.campaign_id)},
          {"participants", x.participants},
          {"vehicles", x.vehicles},
          {"funds", x.funds},     {"quantities", qs},
          {"attachment_ids", photos},
          {"note", x.note},       {"created_by", x.created_by},
          {"created_at", core::format_iso(x.created_at)}};
}

// from/to query dates (inclusive); 400 when malformed or reversed.
std::pair<std::optional<std::string>, std::optional<std::string>> date_range(const Request& req) {
  std::vector<core::FieldError> errs;
  std::optional<std::string> from, to;
  for (const char* k : {"from", "to"}) {
    auto v = req.q(k);
    if (!v || v->empty()) continue;
    auto d = core::parse_date(*v);
    if (!d) errs.push_back({k, "日期格式应为 YYYY-MM-DD"});
    else (std::string(k) == "from" ? from : to) = core::format_date(*d);
  }
  if (from && to && *to < *from) errs.push_back({"to", "结束日期不能早于开始日期"});
  if (!errs.empty()) throw core::validation_error(errs);
  return {from, to};
}

}  // namespace

void register_activity_routes(App& app) {
  app.router.get("/api/v1/activities/totals", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"});
    auto [from, to] = date_range(req);
    auto kind = req.q("kind");
    if (kind && std::find(kKinds.begin(), kKinds.end(), *kind) == kKinds.end())
      throw core::validation_error({{"kind", "未知的工作类型"}});
    store::ActivityFilter f{from, to, query_int(req, "unit_id", 1, INT64_MAX), kind};
    if (!a.sees_all()) f.unit_id = a.unit_id.value_or(-1);
    auto t = app.db.read([&](store::Conn& c) { return store::activity_totals(c, a.tenant_id, f); });
    json::array qs;
    for (const auto& q : t.quantities) qs.push_back({{"kind", q.kind}, {"unit", q.uom}, {"amount", q.amount}});
    return Response::json(json::object{{"from", core::opt(from)},
                                       {"to", core::opt(to)},
                                       {"activities", t.count},
                                       {"participants", t.participants},
                                       {"vehicles", t.vehicles},
                                       {"funds", t.funds},
                                       {"quantities", qs}});
  });

  app.router.get("/api/v1/activities", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"});
    auto [from, to] = date_range(req);
    auto kind = req.q("kind");
    if (kind && std::find(kKinds.begin(), kKinds.end(), *kind) == kKinds.end())
      throw core::validation_error({{"kind", "未知的工作类型"}});
    store::ActivityFilter f{from, to, query_int(req, "unit_id", 1, INT64_MAX), kind};
    if (!a.sees_all()) f.unit_id = a.unit_id.value_or(-1);  // own unit only
    auto rows = app.db.read([&](store::Conn& c) { return store::list_activities(c, a.tenant_id, f, 500); });
    json::array items;
    for (const auto& x : rows) items.push_back(activity_json(x));
    return Response::json(json::object{{"items", items}});
  });

  app.router.post("/api/v1/activities", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::ActivityRow x;
    x.tenant_id = a.tenant_id;
    x.kind = r.one_of("kind", true, kKinds).value_or("");
    if (auto d = campaign::date_field(r, "date", true)) x.day = core::format_date(*d);
    auto unit = r.int64("unit_id", false, 1);
    x.campaign_id = r.int64("campaign_id", false, 1);
    x.participants = r.int64("participants", false, 0, 100000).value_or(0);
    x.vehicles = r.int64("vehicles", false, 0, 10000).value_or(0);
    x.funds = r.num("funds", false, 0, 1e6).value_or(0);
    x.attachment_ids = r.int_array("attachment_ids", false, 50).value_or(std::vector<std::int64_t>{});
    x.note = r.str("note", false, 2000).value_or("");
    if (const auto* v = r.raw("quantities", false)) {
      if (!v->is_array() || v->as_array().size() > 30) r.fail("quantities", "应为数组（最多 30 项）");
      else
        for (size_t i = 0; i < v->as_array().size(); ++i) {
          const std::string at = "quantities[" + std::to_string(i) + "]";
          const auto& item = v->as_array()[i];
          if (!item.is_object()) {
            r.fail(at, "应为对象");
            continue;
          }
          core::JsonReader s(item.as_object(), at);
          store::Quantity q;
          q.kind = s.str("kind", true, 50, 1).value_or("");
          q.amount = s.num("amount", true, 0, 1e9).value_or(0);
          q.uom = s.one_of("unit", true, kUoms).value_or("");
          x.quantities.push_back(q);
          try {
            s.finish();
          } catch (const core::ApiError& e) {
            for (const auto& fe : e.error().errors) r.fail(fe.field, fe.message);
          }
        }
    }
    x.unit_id = unit.value_or(a.unit_id.value_or(0));
    if (!x.unit_id) r.fail("unit_id", "请指定单位");
    if (x.unit_id && !a.sees_all() && a.unit_id != x.unit_id) throw core::forbidden("只能记录本单位的工作");
    app.db.read([&](store::Conn& c) {
      if (x.unit_id && !c.first("SELECT 1 FROM units WHERE tenant_id = ? AND id = ?", {a.tenant_id, x.unit_id}))
        r.fail("unit_id", "单位不存在");
      if (x.campaign_id && !c.first("SELECT 1 FROM campaigns WHERE tenant_id = ? AND id = ?", {a.tenant_id, *x.campaign_id}))
        r.fail("campaign_id", "专项行动不存在");
      for (size_t i = 0; i < x.attachment_ids.size(); ++i)
        if (!c.first("SELECT 1 FROM attachments WHERE tenant_id = ? AND id = ?", {a.tenant_id, x.attachment_ids[i]}))
          r.fail("attachment_ids[" + std::to_string(i) + "]", "附件不存在");
    });
    r.finish();
    x.created_by = a.user_id;
    x.created_at = app.clock.now();
    x.id = app.db.write([&](store::Conn& c) { return store::insert_activity(c, x); });
    return Response::json(activity_json(x), 201);
  });
}

}  // namespace envgrid::http
