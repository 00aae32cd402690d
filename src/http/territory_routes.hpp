#pragma once
// Route registration of the territory resources, one per file; register_territory_routes
// (declared in app.hpp) calls them all.
#include "http/app.hpp"

namespace envgrid::http {

void register_region_routes(App& app);      // territory_regions.cpp
void register_unit_routes(App& app);        // territory_units.cpp
void register_grid_routes(App& app);        // territory_grids.cpp
void register_zone_routes(App& app);        // territory_zones.cpp
void register_assignment_routes(App& app);  // territory_assignments.cpp
void register_merchant_routes(App& app);    // territory_merchants.cpp
void register_geo_routes(App& app);         // geo_lookup.cpp
void register_import_routes(App& app);      // territory_import_routes.cpp

}  // namespace envgrid::http
