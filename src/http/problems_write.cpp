// POST /problems and POST /problems/{id}/actions: parse, then the ledger service.
#include "core/json.hpp"
#include "domain/lifecycle.hpp"
#include "http/ledger_domain.hpp"
#include "http/ledger_rules.hpp"
#include "http/ledger_service.hpp"
#include "http/problems_render.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

std::optional<Outcome> read_outcome(core::JsonReader& r) {
  auto v = r.raw("outcome", false);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    r.fail("outcome", "应为对象 {kind, quantity}");
    return std::nullopt;
  }
  core::JsonReader o(v->as_object(), "outcome");
  Outcome out;
  auto kind = o.str("kind", true, 32, 1);
  auto qty = o.num("quantity", false, 0, 1e7);
  auto amount = o.num("amount", false, 0, 1e8);
  auto unit = o.str("unit", false, 8);
  for (const auto& e : o.errors()) r.fail(e.field, e.message);
  for (const auto& kv : v->as_object())
    if (kv.key() != "kind" && kv.key() != "quantity" && kv.key() != "amount" && kv.key() != "unit")
      r.fail("outcome." + std::string(kv.key()), "未知字段");
  if (!kind) return std::nullopt;
  out.kind = *kind;
  out.quantity = qty.value_or(1);
  out.amount = amount;
  out.unit = unit.value_or("");
  return out;
}

std::optional<core::Millis> read_time(core::JsonReader& r, const char* key) {
  auto s = r.str(key, false, 40);
  if (!s) return std::nullopt;
  auto t = core::parse_iso(*s);
  if (!t) r.fail(key, "时间格式应为 ISO 8601，如 2024-09-13T16:00:00+08:00");
  return t;
}

}  // namespace

void register_problem_write_routes(App& app) {
  app.router.post("/api/v1/problems", [&app](Request& req) {
    Actor a = app.authenticate(req);
    if (!domain::may_report(domain_actor(a))) throw core::forbidden("只读账号不能上报问题");
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    IntakeInput in;
    auto cat = r.str("category_code", true, 32, 1);
    auto source = r.one_of("source", false, kSources);
    auto level = r.one_of("source_level", false, {"区", "市", "省", "国家"});
    auto severity = r.one_of("severity", false, {"一般", "较重", "严重"});
    auto lng = r.num("lng", true, -180, 180);
    auto lat = r.num("lat", true, -90, 90);
    auto address = r.str("address", true, 200, 1);
    auto desc = r.str("description", true, 2000, 1);
    auto before = r.int_array("attachment_ids", false, 9);
    auto campaign = r.int64("campaign_id", false, 1);
    auto fixed = r.boolean("fixed_on_spot", false);
    auto after = r.int_array("after_attachment_ids", false, 9);
    in.outcome = read_outcome(r);
    std::optional<DispatchInput> dispatch;
    if (auto d = r.raw("dispatch", false)) {
      if (!d->is_object()) r.fail("dispatch", "应为对象 {unit_id, assist_unit_ids, deadline}");
      else {
        core::JsonReader dr(d->as_object(), "dispatch");
        auto unit = dr.int64("unit_id", true, 1);
        auto assist = dr.int_array("assist_unit_ids", false, 10);
        auto deadline = read_time(dr, "deadline");
        for (const auto& e : dr.errors()) r.fail(e.field, e.message);
        if (unit) dispatch = DispatchInput{*unit, assist.value_or(std::vector<std::int64_t>{}), deadline};
      }
    }
    r.finish();
    in.category_code = *cat;
    // Default source by what the reporter does: patrols, inspections, else self-check/citizen.
    in.source = source ? *source
                       : a.has("grid_worker")                                  ? "patrol"
                         : a.has("inspector")                                  ? "inspection"
                         : (a.has("unit_handler") && !a.sees_all()) ? "self_check"
                                                                                : "citizen";
    in.source_level = level;
    in.severity = severity;
    in.lng = *lng;
    in.lat = *lat;
    in.address = *address;
    in.description = *desc;
    in.before_ids = before.value_or(std::vector<std::int64_t>{});
    in.campaign_id = campaign;
    in.fixed_on_spot = fixed.value_or(false);
    in.after_ids = after.value_or(std::vector<std::int64_t>{});
    in.dispatch = dispatch;
    auto row = intake(app, a, in);
    return Response::json(render_problem(app, a, row), 201);
  });

  app.router.post("/api/v1/problems/{id}/actions", [&app](Request& req) {
    Actor a = app.authenticate(req);
    const auto id = path_id(req, "id", "问题");
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    static const std::vector<std::string> actions = {
        "accept", "reject", "dispatch", "return", "handle", "verify_pass", "verify_fail", "request_extension",
        "approve_extension", "deny_extension", "suspend", "resume", "void", "merge"};
    ActionInput in;
    auto action = r.one_of("action", true, actions);
    auto version = r.int64("version", true, 1);
    auto comment = r.str("comment", false, 1000);
    auto unit = r.int64("unit_id", false, 1);
    auto assist = r.int_array("assist_unit_ids", false, 10);
    auto deadline = read_time(r, "deadline");
    auto atts = r.int_array("attachment_ids", false, 9);
    auto hours = r.num("hours", false, 0, 720);
    auto merge = r.int64("merge_into", false, 1);
    in.outcome = read_outcome(r);
    r.finish();
    in.action = *action;
    in.version = *version;
    in.comment = comment.value_or("");
    if (unit) in.dispatch = DispatchInput{*unit, assist.value_or(std::vector<std::int64_t>{}), deadline};
    in.attachment_ids = atts.value_or(std::vector<std::int64_t>{});
    in.hours = hours;
    in.merge_into = merge;
    auto row = act(app, a, id, in);
    return Response::json(render_problem(app, a, row));
  });
}

}  // namespace envgrid::http
