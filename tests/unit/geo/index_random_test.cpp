// The index must agree with brute force (contains() over every area) everywhere: random
// points, every vertex, and points on axis-parallel edges, for several bucket sizes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <random>

#include "geo/index.hpp"

namespace envgrid::geo {
namespace {

AreaPtr ptr(MultiPolygon m) { return std::make_shared<const MultiPolygon>(std::move(m)); }

// A star-shaped, usually concave ring around c; radii between 0.3 r and r, angular gaps
// below 0.6 rad, so the inner 0.25 r disc stays inside and can hold a hole.
Ring star(std::mt19937_64& rng, Point c, double r, int n, bool reverse) {
  std::uniform_real_distribution<double> u(0, 1);
  Ring ring;
  for (int i = 0; i < n; ++i) {
    double a = (i + 0.4 * u(rng)) * 2 * M_PI / n, rad = r * (0.3 + 0.7 * u(rng));
    ring.push_back({c.lng + rad * std::cos(a) * 1.25, c.lat + rad * std::sin(a)});
  }
  if (reverse) std::reverse(ring.begin(), ring.end());
  ring.push_back(ring.front());
  return ring;
}

MultiPolygon random_area(std::mt19937_64& rng, const Box& ext) {
  std::uniform_real_distribution<double> u(0, 1);
  auto at = [&] { return Point{ext.min_lng + u(rng) * (ext.max_lng - ext.min_lng), ext.min_lat + u(rng) * (ext.max_lat - ext.min_lat)}; };
  MultiPolygon m;
  double kind = u(rng);
  if (kind < 0.3) {  // lattice rectangles: shared edges, points exactly on edges
    double step = 0.001;
    Point p = at();
    double x0 = std::round(p.lng / step) * step, y0 = std::round(p.lat / step) * step;
    double x1 = x0 + step * (1 + int(u(rng) * 4)), y1 = y0 + step * (1 + int(u(rng) * 4));
    m.parts.push_back({{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}, {}});
    return m;
  }
  int parts = kind < 0.85 ? 1 : 2;
  for (int k = 0; k < parts; ++k) {
    Point c = at();
    double r = 0.0005 + u(rng) * 0.004;
    if (k == 1) c.lng = m.parts[0].outer[0].lng + 2.6 * 0.0045 * 1.25;  // clear of part 0
    Polygon poly{star(rng, c, r, 8 + int(u(rng) * 40), u(rng) < 0.5), {}};
    if (u(rng) < 0.4) poly.holes.push_back(star(rng, c, r * 0.2, 5 + int(u(rng) * 10), u(rng) < 0.5));
    m.parts.push_back(std::move(poly));
  }
  return m;
}

struct Expect {
  std::optional<std::int64_t> grid;
  std::vector<std::int64_t> zones;
};

Expect brute(const AreaMap& grids, const AreaMap& zones, Point p) {
  Expect e;
  for (const auto& [id, a] : grids)
    if (contains(*a, p)) {
      e.grid = id;
      break;  // the map is ordered: the first hit has the smallest id
    }
  for (const auto& [id, a] : zones)
    if (contains(*a, p)) e.zones.push_back(id);
  return e;
}

void check_all(const AreaMap& grids, const AreaMap& zones, const std::vector<Point>& pts,
               const std::vector<Expect>& expected, const IndexOptions& opt) {
  auto s = IndexSnapshot::build(grids, zones, opt);
  IndexStats st = s->stats();
  std::size_t with_grid = 0, with_zone = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    Point p = pts[i];
    Hit h = s->lookup(p);
    const Expect& e = expected[i];
    ASSERT_EQ(h.grid_id, e.grid) << std::setprecision(17) << p.lng << "," << p.lat << " cells " << st.cells_x << "x" << st.cells_y;
    ASSERT_EQ(h.zone_ids, e.zones) << std::setprecision(17) << p.lng << "," << p.lat << " cells " << st.cells_x << "x" << st.cells_y;
    with_grid += e.grid.has_value();
    with_zone += !e.zones.empty();
  }
  std::vector<BatchHit> batch(pts.size());
  std::vector<std::int64_t> batch_zones;
  s->lookup_batch(pts, batch, batch_zones);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const Expect& e = expected[i];
    ASSERT_EQ(batch[i].grid_id, e.grid.value_or(BatchHit::kNoGrid)) << i;
    std::vector<std::int64_t> z(batch_zones.begin() + batch[i].zones_begin,
                                batch_zones.begin() + batch[i].zones_begin + batch[i].zones_count);
    ASSERT_EQ(z, e.zones) << i;
  }
  // The test means little unless many points hit something.
  EXPECT_GT(with_grid, pts.size() / 10);
  EXPECT_GT(with_zone, pts.size() / 10);
}

TEST(IndexRandom, MatchesBruteForceOver20000PointsAndAllVertices) {
  std::mt19937_64 rng(20240913);
  Box ext{118.0, 36.8, 118.05, 36.84};
  AreaMap grids, zones;
  for (std::int64_t id = 1; id <= 150; ++id) grids[id * 3] = ptr(random_area(rng, ext));
  for (std::int64_t id = 1; id <= 300; ++id) zones[id * 7] = ptr(random_area(rng, ext));

  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Point> pts;
  for (int i = 0; i < 20000; ++i)
    pts.push_back({ext.min_lng - 0.002 + u(rng) * 0.054, ext.min_lat - 0.002 + u(rng) * 0.044});
  for (const AreaMap* m : {&grids, &zones})
    for (const auto& [id, a] : *m)
      for (const Polygon& poly : a->parts) {
        for (Point p : poly.outer) pts.push_back(p);
        for (const Ring& h : poly.holes) pts.push_back(h[0]);
        const Point& a0 = poly.outer[0];
        const Point& a1 = poly.outer[1];
        if (a0.lat == a1.lat) pts.push_back({(a0.lng + a1.lng) / 2, a0.lat});  // on an edge
      }

  std::vector<Expect> expected;
  for (Point p : pts) expected.push_back(brute(grids, zones, p));
  for (double cpe : {0.02, 0.5, 4.0}) {
    SCOPED_TRACE("cells_per_edge " + std::to_string(cpe));
    IndexOptions opt;
    opt.cells_per_edge = cpe;
    check_all(grids, zones, pts, expected, opt);
  }
  IndexOptions tiny;
  tiny.max_cells = 16;  // long per-bucket edge lists
  check_all(grids, zones, pts, expected, tiny);
}

}  // namespace
}  // namespace envgrid::geo
