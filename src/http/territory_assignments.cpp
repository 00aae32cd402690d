// Assignments (包保): a cadre or unit answers for a village, community, street, compound
// or point (包村、包社区、包街巷、划点包保) over a period. Reads: signed-in users of the
// tenant; writes: admin and dispatcher.
#include <map>

#include "http/territory_routes.hpp"
#include "http/territory_util.hpp"

namespace envgrid::http {

namespace json = boost::json;
using namespace territory;

namespace {

json::object assignment_json(const store::AssignmentRow& x, const std::map<std::int64_t, std::string>& units) {
  auto unit_name = [&](const std::optional<std::int64_t>& id) -> json::value {
    if (!id) return nullptr;
    auto it = units.find(*id);
    return it == units.end() ? json::value(nullptr) : json::value(it->second);
  };
  return {{"id", x.id},
          {"kind", x.kind},
          {"kind_label", label_of(assignment_kinds(), x.kind)},
          {"cadre_name", x.cadre_name},
          {"cadre_user_id", core::opt(x.cadre_user_id)},
          {"unit_id", core::opt(x.unit_id)},
          {"unit_name", unit_name(x.unit_id)},
          {"target_unit_id", core::opt(x.target_unit_id)},
          {"target_unit_name", unit_name(x.target_unit_id)},
          {"target_zone_id", core::opt(x.target_zone_id)},
          {"target_name", x.target_name},
          {"duty", x.duty},
          {"start_date", x.start_date},
          {"end_date", core::opt(x.end_date)},
          {"version", x.version}};
}

std::map<std::int64_t, std::string> unit_names(store::Conn& c, std::int64_t tenant,
                                               const std::vector<store::AssignmentRow>& rows) {
  std::vector<std::int64_t> ids;
  for (const auto& x : rows) {
    if (x.unit_id) ids.push_back(*x.unit_id);
    if (x.target_unit_id) ids.push_back(*x.target_unit_id);
  }
  std::map<std::int64_t, std::string> out;
  for (auto& [id, name] : store::names_of(c, tenant, "units", ids)) out[id] = name;
  return out;
}

void read_assignment(core::JsonReader& r, const json::object& body, store::AssignmentRow& x, bool create) {
  if (auto v = r.one_of("kind", create, ids_of(assignment_kinds()))) x.kind = *v;
  if (auto v = r.str("cadre_name", false, 32)) x.cadre_name = *v;
  read_ref(r, body, "cadre_user_id", x.cadre_user_id);
  read_ref(r, body, "unit_id", x.unit_id);
  read_ref(r, body, "target_unit_id", x.target_unit_id);
  read_ref(r, body, "target_zone_id", x.target_zone_id);
  if (auto v = r.str("target_name", create, 64, 1)) x.target_name = *v;
  if (auto v = r.str("duty", false, 32)) x.duty = *v;
  if (auto v = r.str("start_date", create, 10)) {
    if (!core::parse_date(*v)) r.fail("start_date", "日期格式应为 YYYY-MM-DD");
    else x.start_date = *v;
  }
  std::optional<std::string> end = x.end_date;
  read_opt_str(r, body, "end_date", 10, end);
  if (end && !core::parse_date(*end)) r.fail("end_date", "日期格式应为 YYYY-MM-DD");
  else x.end_date = end;
}

void check_assignment(store::Conn& c, std::int64_t tenant, core::JsonReader& r, const store::AssignmentRow& x) {
  if (x.cadre_name.empty() && !x.cadre_user_id && !x.unit_id)
    r.fail("cadre_name", "请填写包保干部姓名、账号或包保单位中的至少一项");
  if (x.end_date && !x.start_date.empty() && *x.end_date < x.start_date) r.fail("end_date", "结束日期不能早于开始日期");
  check_ref(c, tenant, r, "users", x.cadre_user_id, "cadre_user_id", "包保干部账号");
  check_ref(c, tenant, r, "units", x.unit_id, "unit_id", "包保单位");
  check_ref(c, tenant, r, "zones", x.target_zone_id, "target_zone_id", "包保责任区");
  if (x.target_unit_id) {
    auto u = store::get_unit(c, tenant, *x.target_unit_id);
    if (!u) r.fail("target_unit_id", "包保对象单位不存在");
    else if ((x.kind == "village" && u->type != "village") || (x.kind == "community" && u->type != "community"))
      r.fail("target_unit_id", label_of(assignment_kinds(), x.kind) + "的对象应为" + label_of(unit_types(), x.kind) +
                                   "（当前为" + label_of(unit_types(), u->type) + "）");
  }
}

Response one(App& app, std::int64_t tenant, std::int64_t id, int status = 200) {
  auto [x, names] = app.db.read([&](store::Conn& c) {
    auto row = store::get_assignment(c, tenant, id);
    std::map<std::int64_t, std::string> n;
    if (row) n = unit_names(c, tenant, {*row});
    return std::make_pair(row, n);
  });
  if (!x) throw core::not_found("包保关系");
  return Response::json(assignment_json(*x, names), status);
}

}  // namespace

void register_assignment_routes(App& app) {
  app.router.get("/api/v1/assignments", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto q = page_query(req);
    filter_text(req, q, "kind", "kind", ids_of(assignment_kinds()));
    filter_id(req, q, "unit_id", "unit_id");
    filter_id(req, q, "target_unit_id", "target_unit_id");
    filter_id(req, q, "cadre_user_id", "cadre_user_id");
    auto [rows, names] = app.db.read([&](store::Conn& c) {
      auto rs = store::list_assignments(c, a.tenant_id, q);
      return std::make_pair(rs, unit_names(c, a.tenant_id, rs));
    });
    json::array items;
    for (const auto& x : rows) items.push_back(assignment_json(x, names));
    return page_response(std::move(items), rows.empty() ? 0 : rows.back().id, q);
  });

  app.router.get("/api/v1/assignments/{id}", [&app](Request& req) {
    Actor a = app.authenticate(req);
    return one(app, a.tenant_id, path_id(req, "id", "包保关系"));
  });

  app.router.post("/api/v1/assignments", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::AssignmentRow x;
    read_assignment(r, body, x, true);
    app.db.read([&](store::Conn& c) { check_assignment(c, a.tenant_id, r, x); });
    r.finish();
    std::int64_t id = 0;
    try {
      id = app.db.write([&](store::Conn& c) { return store::insert_assignment(c, a.tenant_id, x); });
    } catch (...) {
      rethrow_db(std::current_exception(), "包保关系");
    }
    return one(app, a.tenant_id, id, 201);
  });

  app.router.patch("/api/v1/assignments/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    const auto id = path_id(req, "id", "包保关系");
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto x = app.db.read([&](store::Conn& c) { return store::get_assignment(c, a.tenant_id, id); });
    if (!x) throw core::not_found("包保关系");
    const auto current = x->version;
    read_assignment(r, body, *x, false);
    auto version = read_version(r);
    app.db.read([&](store::Conn& c) { check_assignment(c, a.tenant_id, r, *x); });
    r.finish();
    if (*version != current) throw_stale("包保关系");
    x->version = *version;
    bool ok = false;
    try {
      ok = app.db.write([&](store::Conn& c) { return store::update_assignment(c, a.tenant_id, *x); });
    } catch (...) {
      rethrow_db(std::current_exception(), "包保关系");
    }
    if (!ok) throw_stale("包保关系");
    return one(app, a.tenant_id, id);
  });

  app.router.del("/api/v1/assignments/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    const auto id = path_id(req, "id", "包保关系");
    bool found = app.db.write([&](store::Conn& c) { return store::delete_assignment(c, a.tenant_id, id); });
    if (!found) throw core::not_found("包保关系");
    return Response::no_content();
  });
}

}  // namespace envgrid::http
