#pragma once
// Synthetic but realistic street-office geometry for bench/geo_lookup: a 30 km × 30 km
// district near lng 118.0, lat 36.8 tiled by 10 000 irregular grids (no overlaps, shared
// wiggly boundaries), 20 000 zones (buffered roads and rivers, compounds, frontage strips)
// that overlap the grids and each other, and uniform random points. Everything goes through
// geo::parse_area, as data entered in the server would.
#include <cstdint>
#include <string>
#include <vector>

#include "geo/index.hpp"

namespace envgrid::bench {

struct District {
  geo::Box extent;   // the tiled square
  double kx, ky;     // metres per degree of longitude / latitude here
  geo::Point at(double x_m, double y_m) const { return {extent.min_lng + x_m / kx, extent.min_lat + y_m / ky}; }
};

District district();

// 100 × 100 grids with `vertices` vertices each (a multiple of 4). parse_seconds receives
// the time geo::parse_area spent validating them.
geo::AreaMap make_grids(const District& d, int vertices, std::uint64_t seed, double& parse_seconds);

// 8 000 roads and 100 rivers (LineStrings buffered 8–25 m / 30–60 m), 6 000 compounds and
// sites (star-shaped polygons, 6–24 vertices), 5 900 frontage strips (rotated rectangles).
geo::AreaMap make_zones(const District& d, std::uint64_t seed, double& parse_seconds);

std::vector<geo::Point> make_points(const District& d, std::size_t n, std::uint64_t seed);

// Tab-separated "id<TAB>WKT" lines for PostgreSQL COPY; WKT keeps every bit of each double.
void write_areas_tsv(const std::string& path, const geo::AreaMap& areas);
// "id<TAB>lng<TAB>lat" lines for the first n points.
void write_points_tsv(const std::string& path, const std::vector<geo::Point>& points, std::size_t n);

}  // namespace envgrid::bench
