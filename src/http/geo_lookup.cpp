// Point → grid, zones and suggested units: the router's C++ entry (locate) and
// GET /api/v1/geo/lookup?lng=&lat=[&unit_type=] for any signed-in user.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "http/locate.hpp"
#include "http/territory_routes.hpp"
#include "http/territory_state.hpp"
#include "http/territory_util.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

bool unit_matches(const MetaUnit& u, const std::string& type) {
  return u.type == type || std::find(u.handles.begin(), u.handles.end(), type) != u.handles.end();
}

std::string zone_reason(const MetaZone& z, const MetaZoneUnit& zu) {
  std::string who = zu.duty;
  if (!zu.person.empty()) who += (who.empty() ? "" : " ") + zu.person;
  return "责任区: " + z.name + (who.empty() ? "" : "（" + who + "）");
}

// A strict decimal number from the query string: 400 naming the parameter otherwise.
double query_coord(const Request& req, const char* name, double lo, double hi) {
  auto v = req.q(name);
  if (!v || v->empty()) throw core::validation_error({{name, "必填"}});
  double x = 0;
  const char* b = v->data();
  const char* e = b + v->size();
  auto [p, ec] = std::from_chars(b, e, x);
  if (ec != std::errc() || p != e) throw core::validation_error({{name, "应为数字"}});
  if (!std::isfinite(x)) throw core::validation_error({{name, "应为有限的数字"}});
  if (x < lo || x > hi) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "应在 %g 到 %g 之间", lo, hi);
    throw core::validation_error({{name, buf}});
  }
  return x;
}

}  // namespace

Location locate_in(const geo::IndexSnapshot& index, const TerritoryMeta& meta, geo::Point p,
                   const std::string& unit_type) {
  Location out;
  auto hit = index.lookup(p);
  out.grid_id = hit.grid_id;
  out.zone_ids = hit.zone_ids;

  // Zones most specific (smallest) first; equal areas by id.
  std::vector<std::pair<std::int64_t, const MetaZone*>> zones;
  for (auto id : hit.zone_ids)
    if (auto it = meta.zones.find(id); it != meta.zones.end()) zones.emplace_back(id, &it->second);
  std::stable_sort(zones.begin(), zones.end(),
                   [](const auto& a, const auto& b) { return a.second->area_m2 < b.second->area_m2; });

  auto add = [&](std::int64_t unit_id, const std::string& reason) {
    auto u = meta.units.find(unit_id);
    if (u == meta.units.end() || u->second.disabled) return;
    for (const auto& s : out.suggested_units)
      if (s.id == unit_id) return;
    out.suggested_units.push_back({unit_id, u->second.name, reason});
  };
  auto matches = [&](std::int64_t unit_id) {
    auto u = meta.units.find(unit_id);
    return u != meta.units.end() && unit_matches(u->second, unit_type);
  };
  std::optional<std::int64_t> community;
  std::string community_reason = "网格所属社区";
  if (hit.grid_id)
    if (auto g = meta.grids.find(*hit.grid_id); g != meta.grids.end() && g->second.community_unit_id) {
      community = g->second.community_unit_id;
      if (auto u = meta.units.find(*community); u != meta.units.end() && u->second.type == "village")
        community_reason = "网格所属村";
    }

  if (!unit_type.empty()) {
    for (const auto& [id, z] : zones)
      for (const auto& zu : z->units)
        if (matches(zu.unit_id)) add(zu.unit_id, zone_reason(*z, zu));
    if (community && matches(*community)) add(*community, community_reason);
    if (auto h = meta.handlers.find(unit_type); h != meta.handlers.end())
      for (auto id : h->second) add(id, "职责单位: 负责" + unit_type);
  }
  for (const auto& [id, z] : zones)
    for (const auto& zu : z->units) add(zu.unit_id, zone_reason(*z, zu));
  if (community) add(*community, community_reason);
  if (!out.suggested_units.empty()) out.suggested_unit_id = out.suggested_units.front().id;
  return out;
}

Location locate(App& app, std::int64_t tenant, geo::Point p, const std::string& unit_type) {
  auto& st = territory_state(app, tenant);
  auto snap = st.index.snapshot();
  auto meta = st.meta.load();
  return locate_in(*snap, *meta, p, unit_type);
}

void register_geo_routes(App& app) {
  app.router.get("/api/v1/geo/lookup", [&app](Request& req) {
    Actor a = app.authenticate(req);
    const double lng = query_coord(req, "lng", -180, 180);
    const double lat = query_coord(req, "lat", -90, 90);
    const std::string unit_type = req.q("unit_type").value_or("");
    auto& st = territory_state(app, a.tenant_id);
    auto snap = st.index.snapshot();
    auto meta = st.meta.load();
    Location loc = locate_in(*snap, *meta, {lng, lat}, unit_type);

    json::value grid = nullptr;
    if (loc.grid_id)
      if (auto g = meta->grids.find(*loc.grid_id); g != meta->grids.end()) {
        json::value community = nullptr;
        if (g->second.community_unit_id)
          if (auto u = meta->units.find(*g->second.community_unit_id); u != meta->units.end())
            community = json::object{{"id", u->first}, {"name", u->second.name}};
        grid = json::object{{"id", *loc.grid_id}, {"code", g->second.code}, {"name", g->second.name},
                            {"community", std::move(community)}};
      }
    json::array zones;
    for (auto id : loc.zone_ids)
      if (auto z = meta->zones.find(id); z != meta->zones.end())
        zones.push_back(json::object{{"id", id}, {"code", z->second.code}, {"name", z->second.name},
                                     {"kind", z->second.kind},
                                     {"kind_label", territory::label_of(territory::zone_kinds(), z->second.kind)}});
    json::array units;
    for (const auto& s : loc.suggested_units)
      units.push_back(json::object{{"id", s.id}, {"name", s.name}, {"reason", s.reason}});
    return Response::json(json::object{{"lng", lng}, {"lat", lat}, {"grid", std::move(grid)},
                                       {"zones", std::move(zones)}, {"suggested_units", std::move(units)}});
  });
}

}  // namespace envgrid::http
