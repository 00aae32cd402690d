#include "geo/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace envgrid::geo {

Box bounds(const MultiPolygon& area) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  Box b{inf, inf, -inf, -inf};
  auto add = [&b](const Ring& r) {
    for (Point p : r) {
      b.min_lng = std::min(b.min_lng, p.lng);
      b.min_lat = std::min(b.min_lat, p.lat);
      b.max_lng = std::max(b.max_lng, p.lng);
      b.max_lat = std::max(b.max_lat, p.lat);
    }
  };
  for (const Polygon& poly : area.parts) {
    add(poly.outer);  // holes lie inside the outer ring
  }
  return b;
}

std::size_t vertex_count(const MultiPolygon& area) {
  std::size_t n = 0;
  for (const Polygon& poly : area.parts) {
    n += poly.outer.size();
    for (const Ring& h : poly.holes) n += h.size();
  }
  return n;
}

// The orientation term is written as in index.cpp, whose coordinates are translated
// exactly (Sterbenz), so both agree on vertices, axis-parallel edges and other points
// whose offsets are representable: the boundary cases that occur in practice.
bool on_segment(Point a, Point b, Point p) {
  double o = (b.lng - a.lng) * (p.lat - a.lat) - (b.lat - a.lat) * (p.lng - a.lng);
  return o == 0 && p.lng >= std::min(a.lng, b.lng) && p.lng <= std::max(a.lng, b.lng) &&
         p.lat >= std::min(a.lat, b.lat) && p.lat <= std::max(a.lat, b.lat);
}

namespace {

// Half-open crossing rule: an edge counts when it straddles the horizontal line through p
// with one end strictly above, and crosses it right of p. Returns -1 when p is on the ring.
int ring_parity(const Ring& r, Point p) {
  int parity = 0;
  for (std::size_t i = 0; i + 1 < r.size(); ++i) {
    Point a = r[i], b = r[i + 1];
    if (on_segment(a, b, p)) return -1;
    if ((a.lat > p.lat) != (b.lat > p.lat)) {
      double x = a.lng + (p.lat - a.lat) * (b.lng - a.lng) / (b.lat - a.lat);
      if (p.lng < x) parity ^= 1;
    }
  }
  return parity;
}

}  // namespace

bool contains(const MultiPolygon& area, Point p) {
  int parity = 0;
  for (const Polygon& poly : area.parts) {
    int r = ring_parity(poly.outer, p);
    if (r < 0) return true;
    parity ^= r;
    for (const Ring& h : poly.holes) {
      r = ring_parity(h, p);
      if (r < 0) return true;
      parity ^= r;
    }
  }
  return parity != 0;
}

bool in_china(Point p) {
  return p.lng >= 73.0 && p.lng <= 136.0 && p.lat >= 3.0 && p.lat <= 54.0;
}

double distance_m(Point a, Point b) {
  constexpr double kEarthRadiusM = 6371008.8;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (b.lat - a.lat) * kRad, dlng = (b.lng - a.lng) * kRad;
  double s = std::sin(dlat / 2), t = std::sin(dlng / 2);
  double h = s * s + std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * t * t;
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace envgrid::geo
