#include "http/territory_routes.hpp"

namespace envgrid::http {

void register_territory_routes(App& app) {
  register_region_routes(app);
  register_unit_routes(app);
  register_grid_routes(app);
  register_zone_routes(app);
  register_assignment_routes(app);
  register_merchant_routes(app);
  register_geo_routes(app);
  register_import_routes(app);
}

}  // namespace envgrid::http
