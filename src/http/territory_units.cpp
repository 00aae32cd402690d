// Units (责任单位): departments, communities, villages, enterprises … with a principal
// (主要负责人) and the kinds of work they handle (used for routing suggestions).
// Reads: any signed-in user of the tenant; writes: admin.
#include "http/territory_routes.hpp"
#include "http/territory_state.hpp"
#include "http/territory_util.hpp"

namespace envgrid::http {

namespace json = boost::json;
using namespace territory;

namespace {

json::object unit_json(const store::UnitRow& u) {
  json::array handles;
  for (const auto& h : split_list(u.handles)) handles.emplace_back(h);
  return {{"id", u.id},
          {"code", u.code},
          {"name", u.name},
          {"type", u.type},
          {"type_label", label_of(unit_types(), u.type)},
          {"parent_id", core::opt(u.parent_id)},
          {"region_id", core::opt(u.region_id)},
          {"principal", u.principal},
          {"phone", u.phone},
          {"handles", std::move(handles)},
          {"disabled", u.disabled},
          {"version", u.version}};
}

bool phone_ok(const std::string& s) { return s.find_first_not_of("0123456789-+ ()") == std::string::npos; }

void read_unit(core::JsonReader& r, const json::object& body, store::UnitRow& u, bool create) {
  if (auto v = r.str("code", create, 64, 1)) {
    if (!plain_code(*v)) r.fail("code", "单位编码只能包含字母、数字、-、_ 和 .");
    u.code = *v;
  }
  if (auto v = r.str("name", create, 64, 1)) u.name = *v;
  if (auto v = r.one_of("type", create, ids_of(unit_types()))) u.type = *v;
  read_ref(r, body, "parent_id", u.parent_id);
  read_ref(r, body, "region_id", u.region_id);
  if (auto v = r.str("principal", false, 32)) u.principal = *v;
  if (auto v = r.str("phone", false, 32)) {
    if (!phone_ok(*v)) r.fail("phone", "电话号码只能包含数字、空格和 -+()");
    u.phone = *v;
  }
  if (auto v = r.str_array("handles", false, 20, 16)) {
    for (size_t i = 0; i < v->size(); ++i)
      if ((*v)[i].empty() || split_list((*v)[i]).size() != 1)
        r.fail("handles[" + std::to_string(i) + "]", "每项应为一个非空的工作类别（不含逗号、顿号）");
    u.handles = join_list(*v);
  }
  if (auto v = r.boolean("disabled", false)) u.disabled = *v;
}

// References and the parent chain (no cycles); returns the id of another unit with the code.
std::optional<std::int64_t> check_unit(store::Conn& c, std::int64_t tenant, core::JsonReader& r,
                                       const store::UnitRow& u) {
  check_ref(c, tenant, r, "regions", u.region_id, "region_id", "所属区划");
  if (u.parent_id) {
    auto p = store::get_unit(c, tenant, *u.parent_id);
    if (!p) {
      r.fail("parent_id", "上级单位不存在");
    } else {
      // Walk up from the new parent: meeting the unit itself would close a loop.
      std::optional<std::int64_t> cur = p->id;
      for (int depth = 0; cur && depth < 64; ++depth) {
        if (u.id != 0 && *cur == u.id) {
          r.fail("parent_id", "不能把单位设为自己或自己下级的下级");
          break;
        }
        auto up = store::get_unit(c, tenant, *cur);
        cur = up ? up->parent_id : std::nullopt;
      }
    }
  }
  auto other = store::find_unit(c, tenant, u.code);
  if (other && other->id != u.id) return other->id;
  return std::nullopt;
}

}  // namespace

void register_unit_routes(App& app) {
  app.router.get("/api/v1/units", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto q = page_query(req);
    filter_text(req, q, "type", "type", ids_of(unit_types()));
    filter_id(req, q, "parent_id", "parent_id");
    filter_id(req, q, "region_id", "region_id");
    auto rows = app.db.read([&](store::Conn& c) { return store::list_units(c, a.tenant_id, q); });
    json::array items;
    for (const auto& u : rows) items.push_back(unit_json(u));
    return page_response(std::move(items), rows.empty() ? 0 : rows.back().id, q);
  });

  app.router.get("/api/v1/units/{id}", [&app](Request& req) {
    Actor a = app.authenticate(req);
    const auto id = path_id(req, "id", "单位");
    auto u = app.db.read([&](store::Conn& c) { return store::get_unit(c, a.tenant_id, id); });
    if (!u) throw core::not_found("单位");
    return Response::json(unit_json(*u));
  });

  app.router.post("/api/v1/units", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::UnitRow u;
    read_unit(r, body, u, true);
    auto dup = app.db.read([&](store::Conn& c) { return check_unit(c, a.tenant_id, r, u); });
    r.finish();
    if (dup) throw_duplicate("单位", "code", u.code);
    try {
      u.id = app.db.write([&](store::Conn& c) { return store::insert_unit(c, a.tenant_id, u); });
    } catch (...) {
      rethrow_db(std::current_exception(), "单位");
    }
    refresh_meta(app, a.tenant_id);
    return Response::json(unit_json(u), 201);
  });

  app.router.patch("/api/v1/units/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const auto id = path_id(req, "id", "单位");
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto u = app.db.read([&](store::Conn& c) { return store::get_unit(c, a.tenant_id, id); });
    if (!u) throw core::not_found("单位");
    const auto current = u->version;
    read_unit(r, body, *u, false);
    auto version = read_version(r);
    auto dup = app.db.read([&](store::Conn& c) { return check_unit(c, a.tenant_id, r, *u); });
    r.finish();
    if (*version != current) throw_stale("单位");
    if (dup) throw_duplicate("单位", "code", u->code);
    u->version = *version;
    bool ok = false;
    try {
      ok = app.db.write([&](store::Conn& c) { return store::update_unit(c, a.tenant_id, *u); });
    } catch (...) {
      rethrow_db(std::current_exception(), "单位");
    }
    if (!ok) throw_stale("单位");
    refresh_meta(app, a.tenant_id);
    ++u->version;
    return Response::json(unit_json(*u));
  });

  app.router.del("/api/v1/units/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const auto id = path_id(req, "id", "单位");
    try {
      app.db.write([&](store::Conn& c) {
        if (!store::get_unit(c, a.tenant_id, id)) throw core::not_found("单位");
        if (auto why = store::unit_in_use(c, a.tenant_id, id)) throw_in_use("单位", *why);
        store::delete_unit(c, a.tenant_id, id);
      });
    } catch (const core::ApiError&) {
      throw;
    } catch (...) {
      rethrow_db(std::current_exception(), "单位");
    }
    refresh_meta(app, a.tenant_id);
    return Response::no_content();
  });
}

}  // namespace envgrid::http
