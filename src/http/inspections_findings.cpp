// What an inspection round finds goes to the ledger: findings are reported through
// http::intake with the round's source; 回头看 samples closed problems and confirms them
// or reopens them as a new problem pointing back at the closed one.
#include <algorithm>

#include "core/json.hpp"
#include "http/inspections.hpp"
#include "http/ledger_service.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

// The ledger source of a problem found by a round of this kind.
std::string source_of(const std::string& kind) {
  if (kind == "covert") return "covert";
  if (kind == "higher_level") return "higher_level";
  return "inspection";
}

json::object problem_brief(const store::ProblemRow& p) {
  return {{"id", p.id},
          {"number", p.number},
          {"state", p.state},
          {"source", p.source},
          {"campaign_id", core::opt(p.campaign_id)},
          {"duplicate_of", core::opt(p.duplicate_of)},
          {"rebound_of", core::opt(p.rebound_of)}};
}

}  // namespace

void register_inspection_finding_routes(App& app) {
  app.router.post("/api/v1/inspections/{id}/findings", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector"});
    auto round = inspection::load(app, a, path_id(req, "id", "督查检查"));
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    IntakeInput in;
    in.category_code = r.str("category_code", true, 20, 1).value_or("");
    in.lng = r.num("lng", true, -180, 180).value_or(0);
    in.lat = r.num("lat", true, -90, 90).value_or(0);
    in.address = r.str("address", true, 200, 1).value_or("");
    in.description = r.str("description", true, 2000, 1).value_or("");
    in.before_ids = r.int_array("attachment_ids", true, 20).value_or(std::vector<std::int64_t>{});
    in.severity = r.one_of("severity", false, {"一般", "较重", "严重"});
    r.finish();
    in.source = source_of(round.kind);
    in.source_level = round.level;
    in.campaign_id = round.campaign_id;
    auto p = intake(app, a, in);
    app.db.write([&](store::Conn& c) { store::add_finding(c, a.tenant_id, round.id, p.id); });
    return Response::json(json::object{{"inspection_id", round.id}, {"problem", problem_brief(p)}}, 201);
  });

  app.router.post("/api/v1/inspections/{id}/recheck-sample", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector"});
    auto round = inspection::load(app, a, path_id(req, "id", "督查检查"));
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto count = r.int64("count", true, 1, 200);
    auto days = r.int64("days", true, 1, 366);
    auto category = r.str("category_code", false, 20, 1);
    if (round.kind != "recheck") r.fail("kind", "只有“回头看”督查可以抽取已结案问题");
    r.finish();
    const auto since = app.clock.now() - *days * core::kDay;
    auto picked = app.db.write([&](store::Conn& c) {
      auto ids = store::recheck_candidates(c, a.tenant_id, round.id, since, category, static_cast<int>(*count));
      for (auto id : ids) store::add_recheck(c, a.tenant_id, round.id, id);
      return ids;
    });
    return Response::json(json::object{{"inspection_id", round.id},
                                       {"sampled_problem_ids", json::array(picked.begin(), picked.end())}},
                          201);
  });

  app.router.post("/api/v1/inspections/{id}/recheck/{problem_id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector"});
    auto round = inspection::load(app, a, path_id(req, "id", "督查检查"));
    const auto pid = path_id(req, "problem_id", "复查问题");
    auto items = app.db.read([&](store::Conn& c) { return store::list_rechecks(c, a.tenant_id, round.id); });
    auto it = std::find_if(items.begin(), items.end(), [&](const auto& x) { return x.problem_id == pid; });
    if (it == items.end()) throw core::not_found("复查问题");
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::RecheckRow d;
    d.problem_id = pid;
    d.result = r.one_of("result", true, {"confirmed", "reopened"});
    d.note = r.str("note", false, 2000).value_or("");
    auto photos = r.int_array("attachment_ids", false, 20).value_or(std::vector<std::int64_t>{});
    if (d.result == "reopened" && photos.empty()) r.fail("attachment_ids", "问题反弹需附现场照片");
    r.finish();
    if (it->result) throw core::conflict("already-checked", "该问题已复查过");
    std::optional<store::ProblemRow> reopened;
    if (*d.result == "reopened") {
      auto old = app.db.read([&](store::Conn& c) { return store::get_problem(c, a.tenant_id, pid); });
      if (!old) throw core::not_found("复查问题");
      IntakeInput in;
      in.category_code = old->category_code;
      in.source = source_of(round.kind);
      in.source_level = round.level;
      in.lng = old->lng;
      in.lat = old->lat;
      in.address = old->address;
      in.description = "回头看发现问题反弹（原问题 " + old->number + "）" + (d.note.empty() ? "" : "：" + d.note);
      in.before_ids = photos;
      in.campaign_id = round.campaign_id ? round.campaign_id : old->campaign_id;
      reopened = intake(app, a, in);
      d.new_problem_id = reopened->id;
    }
    d.checked_by = a.user_id;
    d.checked_at = app.clock.now();
    if (!app.db.write([&](store::Conn& c) { return store::decide_recheck(c, a.tenant_id, round.id, d); }))
      throw core::conflict("already-checked", "该问题已复查过");
    json::object out{{"inspection_id", round.id}, {"problem_id", pid}, {"result", *d.result}, {"note", d.note}};
    out["new_problem"] = reopened ? json::value(problem_brief(*reopened)) : json::value(nullptr);
    // The lead's ledger flags rebound_of on the new problem; we pass the closed one here.
    out["rebound_of"] = reopened ? json::value(pid) : json::value(nullptr);
    return Response::json(out, 201);
  });
}

}  // namespace envgrid::http
