#pragma once
// Routing a point: the grid and zones containing it and the units to suggest for
// dispatch. Rule: the responsible units of the zones (most specific zone first), then the
// grid's community; with a category's unit type, units doing that kind of work come first.
// Lock-free over the tenant's territory snapshot; no database access once it is loaded.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"
#include "http/app.hpp"

namespace envgrid::geo {
class IndexSnapshot;
}

namespace envgrid::http {

struct TerritoryMeta;

struct SuggestedUnit {
  std::int64_t id = 0;
  std::string name, reason;  // reason in Chinese, e.g. "责任区: 文峰路（路长 王建国）"
};

struct Location {
  std::optional<std::int64_t> grid_id;
  std::vector<std::int64_t> zone_ids;             // ascending
  std::optional<std::int64_t> suggested_unit_id;  // suggested_units.front(), if any
  std::vector<SuggestedUnit> suggested_units;     // best first, no unit twice
};

// Locates p in the tenant's territory. `unit_type` (a category's default responsible
// type, e.g. "环卫" or "community") prefers zone units of that type or whose `handles`
// name it, then the grid's community if it matches, then other units handling it.
Location locate(App& app, std::int64_t tenant, geo::Point p, const std::string& unit_type = {});

// The same over an explicit snapshot and names (pure).
Location locate_in(const geo::IndexSnapshot& index, const TerritoryMeta& meta, geo::Point p,
                   const std::string& unit_type = {});

}  // namespace envgrid::http
