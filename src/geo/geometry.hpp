#pragma once
// Plain geometry values in WGS-84 degrees and the exact predicates the rest of envgrid
// needs. No Boost type appears here, so including this header stays cheap.
#include <cstddef>
#include <vector>

namespace envgrid::geo {

// WGS-84 (≈ CGCS2000) longitude and latitude in degrees.
struct Point {
  double lng = 0;
  double lat = 0;
  friend bool operator==(const Point&, const Point&) = default;
};

// A closed ring: front() == back(); orientation is not significant to the predicates.
using Ring = std::vector<Point>;

struct Polygon {
  Ring outer;
  std::vector<Ring> holes;
};

// Parts have disjoint interiors (parse_area guarantees it), so a point is inside the
// multipolygon iff it is inside an odd number of its rings.
struct MultiPolygon {
  std::vector<Polygon> parts;
};

struct Box {
  double min_lng, min_lat, max_lng, max_lat;
  bool empty() const { return min_lng > max_lng; }
  bool contains(Point p) const {
    return p.lng >= min_lng && p.lng <= max_lng && p.lat >= min_lat && p.lat <= max_lat;
  }
};

// The bounding box of all rings; empty() when the area has no vertex.
Box bounds(const MultiPolygon& area);

// Number of vertices over all rings (closing points included).
std::size_t vertex_count(const MultiPolygon& area);

// Exact point-in-area test by crossing number over all rings. A point exactly on an
// edge or vertex counts as inside, by the same orientation test IndexSnapshot uses.
bool contains(const MultiPolygon& area, Point p);

// True iff p lies on the segment [a, b] (exact orientation test, then bounding box).
bool on_segment(Point a, Point b, Point p);

// The coarse box used to accept coordinates: lng 73..136, lat 3..54. It is a sanity check
// against swapped or projected coordinates, not the national border.
bool in_china(Point p);

// Great-circle distance in metres (haversine on the mean Earth radius 6 371 008.8 m).
double distance_m(Point a, Point b);

}  // namespace envgrid::geo
