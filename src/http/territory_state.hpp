#pragma once
// The in-memory territory of a tenant: the spatial index (grids and zones as areas) and
// the names, communities and responsible units routing needs, so that a lookup touches no
// database. Loaded on first use; every territory write refreshes it after its commit, by
// re-reading the committed rows, so concurrent edits can never leave it stale.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "geo/index.hpp"
#include "http/app.hpp"

namespace envgrid::http {

struct MetaUnit {
  std::string name, type;
  std::vector<std::string> handles;
  bool disabled = false;
};
struct MetaZoneUnit {
  std::int64_t unit_id = 0;
  std::string person, duty;
};
struct MetaZone {
  std::string code, name, kind;
  double area_m2 = 0;  // smaller zones are more specific and are suggested first
  std::vector<MetaZoneUnit> units;
};
struct MetaGrid {
  std::string code, name;
  std::optional<std::int64_t> community_unit_id;
};

struct TerritoryMeta {
  std::unordered_map<std::int64_t, MetaUnit> units;
  std::unordered_map<std::int64_t, MetaGrid> grids;
  std::unordered_map<std::int64_t, MetaZone> zones;
  std::unordered_map<std::string, std::vector<std::int64_t>> handlers;  // kind of work → enabled units, by id
};

struct TerritoryState {
  geo::SpatialIndex index;
  std::atomic<std::shared_ptr<const TerritoryMeta>> meta{std::make_shared<const TerritoryMeta>()};
  std::mutex edit;  // serializes loading and refreshes
  std::atomic<bool> loaded{false};
};

// The tenant's state, loaded from the database on first use. Throws on database errors.
TerritoryState& territory_state(App& app, std::int64_t tenant);

// Loads every tenant's territory now (server start), so the first request does not pay.
void load_territories(App& app);

// After a committed write: re-reads the grid/zone (upsert, or remove when gone) and the
// names. REQUIRES: the write has committed.
void refresh_grid(App& app, std::int64_t tenant, std::int64_t grid_id);
void refresh_zone(App& app, std::int64_t tenant, std::int64_t zone_id);
// Names only (units renamed, handles changed, zone units replaced).
void refresh_meta(App& app, std::int64_t tenant);
// Everything (after an import).
void reload_territory(App& app, std::int64_t tenant);

// The area of a stored zone: its geometry grown by buffer_m. Throws ApiError when the
// stored text is not a valid area (it was validated on the way in).
geo::MultiPolygon zone_area(const std::string& geometry_json, double buffer_m);
// Approximate area in square metres (local equirectangular projection).
double area_m2(const geo::MultiPolygon& area);

}  // namespace envgrid::http
