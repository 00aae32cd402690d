// Zones (责任区): roads (路长), rivers (河长), frontage (门前三包/五包), sites, stations and
// the place types campaigns target; a polygon, or a line/point with buffer_m; attrs by
// kind; responsible units with person and duty. Reads: signed-in users; writes: admin.
#include "geo/geojson.hpp"
#include "http/territory_routes.hpp"
#include "http/territory_state.hpp"
#include "http/territory_util.hpp"
#include "http/zone_input.hpp"

namespace envgrid::http {

namespace json = boost::json;
using namespace territory;

namespace {

json::object zone_json(const store::ZoneRow& z) {
  json::array units;
  for (const auto& u : z.units)
    units.push_back(json::object{{"unit_id", u.unit_id}, {"unit_name", u.unit_name}, {"person", u.person}, {"duty", u.duty}});
  return {{"id", z.id},
          {"code", z.code},
          {"name", z.name},
          {"kind", z.kind},
          {"kind_label", label_of(zone_kinds(), z.kind)},
          {"geometry", parse_stored(z.geometry)},
          {"buffer_m", z.buffer_m},
          {"attrs", parse_stored(z.attrs)},
          {"units", std::move(units)},
          {"version", z.version}};
}

Response one_zone(App& app, std::int64_t tenant, std::int64_t id, int status = 200) {
  auto z = app.db.read([&](store::Conn& c) { return store::get_zone(c, tenant, id); });
  if (!z) throw core::not_found("责任区");
  return Response::json(zone_json(*z), status);
}

std::optional<std::int64_t> check_zone(store::Conn& c, std::int64_t tenant, core::JsonReader& r,
                                       const store::ZoneRow& z) {
  for (size_t i = 0; i < z.units.size(); ++i)
    check_ref(c, tenant, r, "units", z.units[i].unit_id, "units[" + std::to_string(i) + "].unit_id", "责任单位");
  auto other = store::find_zone(c, tenant, z.code);
  if (other && other->id != z.id) return other->id;
  return std::nullopt;
}

}  // namespace

void register_zone_routes(App& app) {
  app.router.get("/api/v1/zones", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto q = page_query(req);
    filter_text(req, q, "kind", "kind", ids_of(zone_kinds()));
    auto rows = app.db.read([&](store::Conn& c) { return store::list_zones(c, a.tenant_id, q); });
    json::array items;
    for (const auto& z : rows) {
      auto o = zone_json(z);
      if (req.q("geometry").value_or("") != "true") o.erase("geometry");
      items.push_back(std::move(o));
    }
    return page_response(std::move(items), rows.empty() ? 0 : rows.back().id, q);
  });

  // The zone layer. Lines are returned as drawn, with buffer_m; ?buffered=true returns the
  // areas the router actually uses.
  app.router.get("/api/v1/zones.geojson", [&app](Request& req) {
    Actor a = app.authenticate(req);
    store::ListQuery q;
    q.limit = 1'000'000;
    filter_text(req, q, "kind", "kind", ids_of(zone_kinds()));
    const bool buffered = req.q("buffered").value_or("") == "true";
    auto rows = app.db.read([&](store::Conn& c) { return store::list_zones(c, a.tenant_id, q); });
    std::shared_ptr<const geo::IndexSnapshot> snap;
    if (buffered) snap = territory_state(app, a.tenant_id).index.snapshot();
    json::array features;
    for (const auto& z : rows) {
      json::value geometry = parse_stored(z.geometry);
      if (snap) {
        auto it = snap->zones().find(z.id);
        if (it != snap->zones().end() && it->second) geometry = geo::to_geojson(*it->second);
      }
      features.push_back(json::object{
          {"type", "Feature"},
          {"id", z.id},
          {"geometry", std::move(geometry)},
          {"properties", json::object{{"id", z.id}, {"code", z.code}, {"name", z.name}, {"kind", z.kind},
                                      {"kind_label", label_of(zone_kinds(), z.kind)}, {"buffer_m", z.buffer_m}}}});
    }
    Response res = Response::json(json::object{{"type", "FeatureCollection"}, {"features", std::move(features)}});
    res.content_type = "application/geo+json";
    return res;
  });

  app.router.get("/api/v1/zones/{id}", [&app](Request& req) {
    Actor a = app.authenticate(req);
    return one_zone(app, a.tenant_id, path_id(req, "id", "责任区"));
  });

  app.router.post("/api/v1/zones", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::ZoneRow z;
    read_zone(r, z, true);
    auto dup = app.db.read([&](store::Conn& c) { return check_zone(c, a.tenant_id, r, z); });
    r.finish();
    if (dup) throw_duplicate("责任区", "code", z.code);
    std::int64_t id = 0;
    try {
      id = app.db.write([&](store::Conn& c) { return store::insert_zone(c, a.tenant_id, z); });
    } catch (...) {
      rethrow_db(std::current_exception(), "责任区");
    }
    refresh_zone(app, a.tenant_id, id);
    return one_zone(app, a.tenant_id, id, 201);
  });

  app.router.patch("/api/v1/zones/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const auto id = path_id(req, "id", "责任区");
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto z = app.db.read([&](store::Conn& c) { return store::get_zone(c, a.tenant_id, id); });
    if (!z) throw core::not_found("责任区");
    const auto current = z->version;
    read_zone(r, *z, false);
    auto version = read_version(r);
    auto dup = app.db.read([&](store::Conn& c) { return check_zone(c, a.tenant_id, r, *z); });
    r.finish();
    if (*version != current) throw_stale("责任区");
    if (dup) throw_duplicate("责任区", "code", z->code);
    z->version = *version;
    bool ok = false;
    try {
      ok = app.db.write([&](store::Conn& c) { return store::update_zone(c, a.tenant_id, *z); });
    } catch (...) {
      rethrow_db(std::current_exception(), "责任区");
    }
    if (!ok) throw_stale("责任区");
    refresh_zone(app, a.tenant_id, id);
    return one_zone(app, a.tenant_id, id);
  });

  app.router.del("/api/v1/zones/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const auto id = path_id(req, "id", "责任区");
    try {
      app.db.write([&](store::Conn& c) {
        if (!store::get_zone(c, a.tenant_id, id)) throw core::not_found("责任区");
        if (auto why = store::zone_in_use(c, a.tenant_id, id)) throw_in_use("责任区", *why);
        store::delete_zone(c, a.tenant_id, id);
      });
    } catch (const core::ApiError&) {
      throw;
    } catch (...) {
      rethrow_db(std::current_exception(), "责任区");
    }
    refresh_zone(app, a.tenant_id, id);
    return Response::no_content();
  });
}

}  // namespace envgrid::http
