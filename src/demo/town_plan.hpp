#pragma once
// The demo town's shapes, computed without any I/O: a jittered lattice of 60 grids tiling
// four communities, named roads and a river as centrelines, frontage strips along the
// roads, and rectangles for sites. Coordinates are metres east/north of the town's
// south-west corner, converted to WGS-84 around (118.05, 36.80). Deterministic.
#include <cstdint>
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace envgrid::demo {

// splitmix64: the same numbers on every platform and standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next();
  int below(int n);                  // 0 … n-1
  double uniform(double a, double b);
  bool chance(int percent) { return below(100) < percent; }

 private:
  std::uint64_t s_;
};

struct Xy {
  double x = 0, y = 0;
};

inline constexpr int kCols = 10, kRows = 6;
inline constexpr double kCellW = 400, kCellH = 550;  // metres

geo::Point to_lnglat(Xy p);

// A road or river centreline y = f(x) (east-west) or x = f(y) (north-south) with a gentle wobble.
struct Road {
  std::string code, name;
  bool east_west = true;
  double base = 0, t0 = 0, t1 = 0, half_width = 10;
  double amp = 8, period = 700, phase = 0;
  Xy at(double t) const;
  Xy left_normal(double t) const;  // unit vector to the left of the direction of travel
  std::vector<Xy> centreline(double step = 100) const;
};

struct GridShape {
  int community = 0;  // 0 文峰社区, 1 凤凰社区, 2 孝水村, 3 山川村
  int col = 0, row = 0;
  std::vector<Xy> ring;  // closed, counter-clockwise, 12–20 vertices
};

struct TownPlan {
  std::vector<GridShape> grids;  // grouped by community, then row by row
  std::vector<Road> roads;       // the ten named roads (沿河路 last)
  Road river;                    // 孝妇河
};

TownPlan plan_town(Rng& rng);

// The strip beside a road between offsets a and b metres on one side (+1 left, −1 right),
// for t in [t0, t1]: a frontage zone.
std::vector<Xy> strip(const Road& r, double t0, double t1, int side, double a, double b);
// A rectangle of w × h metres around c with edge midpoints (8 vertices), closed.
std::vector<Xy> rect(Xy c, double w, double h);
// The crossings of a road with the others, as positions along it (t).
std::vector<double> crossings(const Road& r, const std::vector<Road>& all);

}  // namespace envgrid::demo
