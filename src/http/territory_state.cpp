#include "http/territory_state.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "geo/geojson.hpp"
#include "store/db.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

std::vector<std::string> split_handles(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    std::string item = s.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

// A stored area, or nullopt (logged) when the text no longer parses: one bad row must
// not take routing down for the whole tenant.
std::optional<geo::MultiPolygon> stored_area(const char* kind, std::int64_t id, const std::string& text,
                                             double buffer_m) {
  try {
    return zone_area(text, buffer_m);
  } catch (const std::exception&) {
    spdlog::warn(R"({{"event":"territory_bad_geometry","kind":"{}","id":{}}})", kind, id);
    return std::nullopt;
  }
}

std::shared_ptr<const TerritoryMeta> build_meta(store::Conn& c, std::int64_t tenant, const geo::IndexSnapshot& snap) {
  auto m = std::make_shared<TerritoryMeta>();
  for (const auto& r : c.query("SELECT id, name, type, handles, disabled FROM units WHERE tenant_id = ?", {tenant}).rows)
    m->units[r.i64(0)] = {r.str(1), r.str(2), split_handles(r.str(3)), r.boolean(4)};
  // Territorial units (社区、村) are suggested through their grids and zones only: a
  // community far away does not handle a problem because it handles "社区" work.
  for (const auto& [id, u] : m->units)
    if (!u.disabled && u.type != "community" && u.type != "village")
      for (const auto& h : u.handles) m->handlers[h].push_back(id);
  for (auto& [h, ids] : m->handlers) std::sort(ids.begin(), ids.end());
  for (const auto& r : c.query("SELECT id, code, name, community_unit_id FROM grids WHERE tenant_id = ?", {tenant}).rows)
    m->grids[r.i64(0)] = {r.str(1), r.str(2), r.opt_i64(3)};
  for (const auto& r : c.query("SELECT id, code, name, kind FROM zones WHERE tenant_id = ?", {tenant}).rows) {
    MetaZone z{r.str(1), r.str(2), r.str(3), 0, {}};
    if (auto it = snap.zones().find(r.i64(0)); it != snap.zones().end() && it->second) z.area_m2 = area_m2(*it->second);
    m->zones[r.i64(0)] = std::move(z);
  }
  for (const auto& r : c.query("SELECT zone_id, unit_id, person, duty FROM zone_units WHERE tenant_id = ? "
                               "ORDER BY zone_id, unit_id, duty",
                               {tenant})
                           .rows)
    if (auto it = m->zones.find(r.i64(0)); it != m->zones.end())
      it->second.units.push_back({r.i64(1), r.str(2), r.str(3)});
  return m;
}

void load_all(App& app, std::int64_t tenant, TerritoryState& st) {
  geo::AreaMap grids, zones;
  app.db.read([&](store::Conn& c) {
    for (const auto& r : c.query("SELECT id, geometry FROM grids WHERE tenant_id = ?", {tenant}).rows)
      if (auto a = stored_area("grid", r.i64(0), r.str(1), 0))
        grids[r.i64(0)] = std::make_shared<const geo::MultiPolygon>(std::move(*a));
    for (const auto& r : c.query("SELECT id, geometry, buffer_m FROM zones WHERE tenant_id = ?", {tenant}).rows)
      if (auto a = stored_area("zone", r.i64(0), r.str(1), r.f64(2)))
        zones[r.i64(0)] = std::make_shared<const geo::MultiPolygon>(std::move(*a));
  });
  st.index.replace_all(std::move(grids), std::move(zones));
  auto snap = st.index.snapshot();
  st.meta.store(app.db.read([&](store::Conn& c) { return build_meta(c, tenant, *snap); }));
  st.loaded = true;
}

std::shared_ptr<TerritoryState> state_slot(App& app, std::int64_t tenant) {
  std::lock_guard lk(app.territory_mu);
  auto& slot = app.territories[tenant];
  if (!slot) slot = std::make_shared<TerritoryState>();
  return slot;
}

}  // namespace

geo::MultiPolygon zone_area(const std::string& geometry_json, double buffer_m) {
  boost::system::error_code ec;
  json::value v = json::parse(geometry_json, ec);
  if (ec) throw core::bad_request("区域图形无效", "存储的几何不是合法的 JSON");
  return geo::parse_area(v, buffer_m).take();
}

double area_m2(const geo::MultiPolygon& area) {
  double total = 0;
  for (const auto& part : area.parts) {
    auto ring_area = [](const geo::Ring& r) {
      if (r.size() < 4) return 0.0;
      const double k = 111320.0 * std::cos(r.front().lat * M_PI / 180.0);
      double s = 0;
      for (size_t i = 0; i + 1 < r.size(); ++i)
        s += (r[i].lng * k) * (r[i + 1].lat * 110540.0) - (r[i + 1].lng * k) * (r[i].lat * 110540.0);
      return std::fabs(s) / 2;
    };
    total += ring_area(part.outer);
    for (const auto& h : part.holes) total -= ring_area(h);
  }
  return total;
}

TerritoryState& territory_state(App& app, std::int64_t tenant) {
  auto st = state_slot(app, tenant);
  if (!st->loaded) {
    std::lock_guard lk(st->edit);
    if (!st->loaded) load_all(app, tenant, *st);
  }
  return *st;  // the map keeps it alive for the App's lifetime
}

void load_territories(App& app) {
  auto tenants = app.db.read([](store::Conn& c) { return c.query("SELECT id FROM tenants ORDER BY id"); });
  for (const auto& r : tenants.rows) territory_state(app, r.i64(0));
}

void refresh_grid(App& app, std::int64_t tenant, std::int64_t grid_id) {
  auto& st = territory_state(app, tenant);
  std::lock_guard lk(st.edit);
  auto row = app.db.read([&](store::Conn& c) {
    return c.first("SELECT geometry FROM grids WHERE tenant_id = ? AND id = ?", {tenant, grid_id});
  });
  std::optional<geo::MultiPolygon> area;
  if (row) area = stored_area("grid", grid_id, row->str(0), 0);
  if (area) st.index.upsert_grid(grid_id, std::move(*area));
  else st.index.remove_grid(grid_id);
  auto snap = st.index.snapshot();
  st.meta.store(app.db.read([&](store::Conn& c) { return build_meta(c, tenant, *snap); }));
}

void refresh_zone(App& app, std::int64_t tenant, std::int64_t zone_id) {
  auto& st = territory_state(app, tenant);
  std::lock_guard lk(st.edit);
  auto row = app.db.read([&](store::Conn& c) {
    return c.first("SELECT geometry, buffer_m FROM zones WHERE tenant_id = ? AND id = ?", {tenant, zone_id});
  });
  std::optional<geo::MultiPolygon> area;
  if (row) area = stored_area("zone", zone_id, row->str(0), row->f64(1));
  if (area) st.index.upsert_zone(zone_id, std::move(*area));
  else st.index.remove_zone(zone_id);
  auto snap = st.index.snapshot();
  st.meta.store(app.db.read([&](store::Conn& c) { return build_meta(c, tenant, *snap); }));
}

void refresh_meta(App& app, std::int64_t tenant) {
  auto& st = territory_state(app, tenant);
  std::lock_guard lk(st.edit);
  auto snap = st.index.snapshot();
  st.meta.store(app.db.read([&](store::Conn& c) { return build_meta(c, tenant, *snap); }));
}

void reload_territory(App& app, std::int64_t tenant) {
  auto st = state_slot(app, tenant);
  std::lock_guard lk(st->edit);
  load_all(app, tenant, *st);
}

}  // namespace envgrid::http
