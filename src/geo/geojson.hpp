#pragma once
// GeoJSON areas (RFC 7946): parsing with validation and Chinese messages, buffering of
// roads, rivers and stations into polygons, and rendering back.
#include <boost/json/value.hpp>
#include <cstddef>

#include "core/error.hpp"
#include "geo/geometry.hpp"

namespace envgrid::geo {

inline constexpr double kMaxBufferM = 5000;             // wider than any road or river corridor
inline constexpr std::size_t kMaxAreaPositions = 200000; // bounds the cost of one request

// Reads a GeoJSON geometry, or a Feature wrapping one. Polygon and MultiPolygon are taken
// as they are (buffer_m > 0 grows them); Point, MultiPoint, LineString and MultiLineString
// need buffer_m > 0 and become the area within buffer_m metres (round joins, flat line ends).
// Checks: numeric coordinates, every position inside in_china(), rings closed with ≥ 4
// positions, a valid area (no self-intersection, holes inside, parts not overlapping).
// Rings come back closed, outer rings counter-clockwise, holes clockwise.
// Errors: status 400, type "validation", detail and errors[0].message in Chinese saying
// exactly what is wrong, errors[0].field a path inside the geometry ("coordinates[0][3]").
core::Result<MultiPolygon> parse_area(const boost::json::value& geometry, double buffer_m = 0);

// A Polygon for a one-part area, otherwise a MultiPolygon; coordinates as stored.
boost::json::value to_geojson(const MultiPolygon& area);

}  // namespace envgrid::geo
