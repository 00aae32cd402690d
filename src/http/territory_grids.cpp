// Grids (网格): a validated polygon, a 15-digit code (6 county + 3 street + 3 community +
// 3 sequence), the community unit, grid workers and the 包保 leader; and the grid layer as
// GeoJSON. Reads: any signed-in user of the tenant; writes: admin. Every write refreshes
// the spatial index after it commits.
#include <algorithm>
#include <map>

#include "geo/geojson.hpp"
#include "http/territory_routes.hpp"
#include "http/territory_state.hpp"
#include "http/territory_util.hpp"

namespace envgrid::http {

namespace json = boost::json;
using namespace territory;

namespace {

using NameMap = std::map<std::int64_t, std::string>;

struct Names {
  NameMap units, users;
};

Names names_for(store::Conn& c, std::int64_t tenant, const std::vector<store::GridRow>& grids) {
  std::vector<std::int64_t> units, users;
  for (const auto& g : grids) {
    if (g.community_unit_id) units.push_back(*g.community_unit_id);
    if (g.leader_user_id) users.push_back(*g.leader_user_id);
    users.insert(users.end(), g.worker_ids.begin(), g.worker_ids.end());
  }
  Names n;
  for (auto& [id, name] : store::names_of(c, tenant, "units", units)) n.units[id] = name;
  for (auto& [id, name] : store::names_of(c, tenant, "users", users)) n.users[id] = name;
  return n;
}

std::optional<std::string> name_in(const NameMap& m, const std::optional<std::int64_t>& id) {
  if (!id) return std::nullopt;
  auto it = m.find(*id);
  return it == m.end() ? std::nullopt : std::optional(it->second);
}

json::object grid_json(const store::GridRow& g, const Names& n, bool with_geometry) {
  json::array worker_ids, workers;
  for (auto w : g.worker_ids) {
    worker_ids.emplace_back(w);
    workers.push_back(json::object{{"id", w}, {"display_name", core::opt(name_in(n.users, w))}});
  }
  json::value leader = nullptr;
  if (g.leader_user_id)
    leader = json::object{{"id", *g.leader_user_id}, {"display_name", core::opt(name_in(n.users, g.leader_user_id))}};
  json::object o{{"id", g.id},
                 {"code", g.code},
                 {"name", g.name},
                 {"community_unit_id", core::opt(g.community_unit_id)},
                 {"community", ref_json(g.community_unit_id, name_in(n.units, g.community_unit_id))},
                 {"region_id", core::opt(g.region_id)},
                 {"leader_user_id", core::opt(g.leader_user_id)},
                 {"leader", std::move(leader)},
                 {"worker_user_ids", std::move(worker_ids)},
                 {"workers", std::move(workers)},
                 {"version", g.version}};
  if (with_geometry) o["geometry"] = parse_stored(g.geometry);
  return o;
}

void read_grid(core::JsonReader& r, const json::object& body, store::GridRow& g, bool create) {
  if (auto v = r.str("code", create, 15)) {
    if (!digits(*v, 15)) r.fail("code", "网格编码应为 15 位数字（6 位区县 + 3 位街道 + 3 位社区 + 3 位序号）");
    g.code = *v;
  }
  if (auto v = r.str("name", create, 64, 1)) g.name = *v;
  read_ref(r, body, "community_unit_id", g.community_unit_id);
  read_ref(r, body, "region_id", g.region_id);
  read_ref(r, body, "leader_user_id", g.leader_user_id);
  if (auto v = r.int_array("worker_user_ids", false, 50)) {
    std::sort(v->begin(), v->end());
    if (std::adjacent_find(v->begin(), v->end()) != v->end()) r.fail("worker_user_ids", "网格员重复");
    g.worker_ids = *v;
  }
  if (auto geom = r.raw("geometry", create)) {
    const json::object* o = geom->if_object();
    if (o && o->if_contains("type") && o->at("type") == "Feature" && o->if_contains("geometry"))
      o = o->at("geometry").if_object();  // a Feature wrapping the shape is accepted too
    const json::value* t = o ? o->if_contains("type") : nullptr;
    const bool areal = t && t->is_string() && (t->get_string() == "Polygon" || t->get_string() == "MultiPolygon");
    auto area = areal ? geo::parse_area(*geom, 0) : core::Result<geo::MultiPolygon>(core::Error{});
    if (!areal) {
      r.fail("geometry", "网格图形应为 GeoJSON Polygon 或 MultiPolygon");
    } else if (!area) {
      for (const auto& e : area.error().errors)
        r.fail(e.field.empty() ? "geometry" : "geometry." + e.field, e.message);
    } else {
      g.geometry = json::serialize(geo::to_geojson(*area));
    }
  }
}

// References (community unit must be a community or village), the code against the
// region; returns the id of another grid with the same code.
std::optional<std::int64_t> check_grid(store::Conn& c, std::int64_t tenant, core::JsonReader& r,
                                       const store::GridRow& g) {
  if (g.community_unit_id) {
    auto u = store::get_unit(c, tenant, *g.community_unit_id);
    if (!u) r.fail("community_unit_id", "所属社区/村不存在");
    else if (u->type != "community" && u->type != "village")
      r.fail("community_unit_id", "所属单位应为社区或村（当前为" + label_of(unit_types(), u->type) + "）");
  }
  if (g.region_id) {
    auto reg = store::get_region(c, tenant, *g.region_id);
    if (!reg) r.fail("region_id", "所属区划不存在");
    else if (digits(g.code, 15) && (reg->level == "community" || reg->level == "village") &&
             g.code.compare(0, 12, reg->code) != 0)
      r.fail("code", "网格编码前 12 位应与所属区划编码 " + reg->code + " 一致");
  }
  check_ref(c, tenant, r, "users", g.leader_user_id, "leader_user_id", "包保领导账号");
  for (size_t i = 0; i < g.worker_ids.size(); ++i)
    check_ref(c, tenant, r, "users", g.worker_ids[i], "worker_user_ids[" + std::to_string(i) + "]", "网格员账号");
  auto other = store::find_grid(c, tenant, g.code);
  if (other && other->id != g.id) return other->id;
  return std::nullopt;
}

Response one_grid(App& app, std::int64_t tenant, std::int64_t id, int status = 200) {
  auto [g, n] = app.db.read([&](store::Conn& c) {
    auto row = store::get_grid(c, tenant, id);
    Names names;
    if (row) names = names_for(c, tenant, {*row});
    return std::make_pair(row, names);
  });
  if (!g) throw core::not_found("网格");
  return Response::json(grid_json(*g, n, true), status);
}

}  // namespace

void register_grid_routes(App& app) {
  app.router.get("/api/v1/grids", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto q = page_query(req);
    filter_id(req, q, "community_unit_id", "community_unit_id");
    filter_id(req, q, "region_id", "region_id");
    const bool geometry = req.q("geometry").value_or("") == "true";
    auto [rows, n] = app.db.read([&](store::Conn& c) {
      auto rs = store::list_grids(c, a.tenant_id, q);
      return std::make_pair(rs, names_for(c, a.tenant_id, rs));
    });
    json::array items;
    for (const auto& g : rows) items.push_back(grid_json(g, n, geometry));
    return page_response(std::move(items), rows.empty() ? 0 : rows.back().id, q);
  });

  app.router.get("/api/v1/grids.geojson", [&app](Request& req) {
    Actor a = app.authenticate(req);
    store::ListQuery q;
    q.limit = 1'000'000;
    auto [rows, n] = app.db.read([&](store::Conn& c) {
      auto rs = store::list_grids(c, a.tenant_id, q);
      return std::make_pair(rs, names_for(c, a.tenant_id, rs));
    });
    json::array features;
    for (const auto& g : rows)
      features.push_back(json::object{
          {"type", "Feature"},
          {"id", g.id},
          {"geometry", parse_stored(g.geometry)},
          {"properties", json::object{{"id", g.id}, {"code", g.code}, {"name", g.name}, {"kind", "grid"},
                                      {"community_unit_id", core::opt(g.community_unit_id)},
                                      {"community_name", core::opt(name_in(n.units, g.community_unit_id))}}}});
    Response res = Response::json(json::object{{"type", "FeatureCollection"}, {"features", std::move(features)}});
    res.content_type = "application/geo+json";
    return res;
  });

  app.router.get("/api/v1/grids/{id}", [&app](Request& req) {
    Actor a = app.authenticate(req);
    return one_grid(app, a.tenant_id, path_id(req, "id", "网格"));
  });

  app.router.post("/api/v1/grids", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::GridRow g;
    read_grid(r, body, g, true);
    auto dup = app.db.read([&](store::Conn& c) { return check_grid(c, a.tenant_id, r, g); });
    r.finish();
    if (dup) throw_duplicate("网格", "code", g.code);
    std::int64_t id = 0;
    try {
      id = app.db.write([&](store::Conn& c) { return store::insert_grid(c, a.tenant_id, g); });
    } catch (...) {
      rethrow_db(std::current_exception(), "网格");
    }
    refresh_grid(app, a.tenant_id, id);
    return one_grid(app, a.tenant_id, id, 201);
  });

  app.router.patch("/api/v1/grids/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const auto id = path_id(req, "id", "网格");
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto g = app.db.read([&](store::Conn& c) { return store::get_grid(c, a.tenant_id, id); });
    if (!g) throw core::not_found("网格");
    const auto current = g->version;
    read_grid(r, body, *g, false);
    auto version = read_version(r);
    auto dup = app.db.read([&](store::Conn& c) { return check_grid(c, a.tenant_id, r, *g); });
    r.finish();
    if (*version != current) throw_stale("网格");
    if (dup) throw_duplicate("网格", "code", g->code);
    g->version = *version;
    bool ok = false;
    try {
      ok = app.db.write([&](store::Conn& c) { return store::update_grid(c, a.tenant_id, *g); });
    } catch (...) {
      rethrow_db(std::current_exception(), "网格");
    }
    if (!ok) throw_stale("网格");
    refresh_grid(app, a.tenant_id, id);
    return one_grid(app, a.tenant_id, id);
  });

  app.router.del("/api/v1/grids/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const auto id = path_id(req, "id", "网格");
    try {
      app.db.write([&](store::Conn& c) {
        if (!store::get_grid(c, a.tenant_id, id)) throw core::not_found("网格");
        if (auto why = store::grid_in_use(c, a.tenant_id, id)) throw_in_use("网格", *why);
        store::delete_grid(c, a.tenant_id, id);
      });
    } catch (const core::ApiError&) {
      throw;
    } catch (...) {
      rethrow_db(std::current_exception(), "网格");
    }
    refresh_grid(app, a.tenant_id, id);
    return Response::no_content();
  });
}

}  // namespace envgrid::http
