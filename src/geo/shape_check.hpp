#pragma once
// Internal to geo: the Boost.Geometry half of parse_area (validity, buffering), kept apart
// so only two translation units compile Boost.Geometry.
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace envgrid::geo::detail {

// Reorients rings to RFC 7946 (outer counter-clockwise) in place and returns a Chinese
// message when the area is not a valid (multi)polygon. `multi` picks the wording.
std::optional<std::string> normalize_and_check(MultiPolygon& area, bool multi);

// The area within buffer_m metres of the given shapes (any of them may be empty), computed
// in a local equirectangular projection, which is exact enough at street scale.
MultiPolygon buffer_shapes(const std::vector<Point>& points,
                           const std::vector<std::vector<Point>>& lines,
                           const MultiPolygon& polygons, double buffer_m);

// Shortest round-trip decimal form of a coordinate, for messages ("116.3974", "200").
std::string format_coord(double v);

}  // namespace envgrid::geo::detail
