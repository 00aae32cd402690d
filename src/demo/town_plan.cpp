#include "demo/town_plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace envgrid::demo {

namespace {

constexpr double kLng0 = 118.030, kLat0 = 36.785;
constexpr double kPi = 3.14159265358979323846;

// Which community a lattice cell belongs to: north (rows 3–5) 文峰/凤凰, south 孝水/山川,
// with a stepped west/east boundary so the communities are not plain rectangles.
int community_of(int col, int row) {
  static const int split[kRows] = {6, 5, 4, 6, 5, 4};
  const bool west = col < split[row];
  if (row >= 3) return west ? 0 : 1;
  return west ? 2 : 3;
}

}  // namespace

std::uint64_t Rng::next() {
  std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

int Rng::below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

double Rng::uniform(double a, double b) { return a + (b - a) * static_cast<double>(next() >> 11) * 0x1.0p-53; }

geo::Point to_lnglat(Xy p) {
  const double m_per_deg_lng = 111320.0 * std::cos(kLat0 * kPi / 180.0);
  // Rounded to 1e-7° (≈ 1 cm): stored text stays short and round-trips exactly.
  auto round7 = [](double v) { return std::round(v * 1e7) / 1e7; };
  return {round7(kLng0 + p.x / m_per_deg_lng), round7(kLat0 + p.y / 110540.0)};
}

Xy Road::at(double t) const {
  const double w = base + amp * std::sin(2 * kPi * t / period + phase);
  return east_west ? Xy{t, w} : Xy{w, t};
}

Xy Road::left_normal(double t) const {
  const double d = amp * 2 * kPi / period * std::cos(2 * kPi * t / period + phase);
  const double tx = east_west ? 1 : d, ty = east_west ? d : 1;
  const double n = std::hypot(tx, ty);
  return {-ty / n, tx / n};
}

std::vector<Xy> Road::centreline(double step) const {
  std::vector<Xy> out;
  const int n = std::max(1, static_cast<int>(std::ceil((t1 - t0) / step)));
  for (int i = 0; i <= n; ++i) out.push_back(at(t0 + (t1 - t0) * i / n));
  return out;
}

TownPlan plan_town(Rng& rng) {
  TownPlan plan;
  // Lattice corners: interior ones move freely, boundary ones only along the boundary.
  std::vector<std::vector<Xy>> corner(kCols + 1, std::vector<Xy>(kRows + 1));
  for (int i = 0; i <= kCols; ++i)
    for (int j = 0; j <= kRows; ++j) {
      Xy p{i * kCellW, j * kCellH};
      const bool edge_x = i == 0 || i == kCols, edge_y = j == 0 || j == kRows;
      if (!edge_x) p.x += rng.uniform(-45, 45);
      if (!edge_y) p.y += rng.uniform(-45, 45);
      corner[i][j] = p;
    }
  // Intermediate points of each lattice edge, shared by the two cells it separates.
  auto subdivide = [&](Xy a, Xy b) {
    const int k = 2 + rng.below(3);
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    const Xy n{-(b.y - a.y) / len, (b.x - a.x) / len};
    std::vector<Xy> pts;
    for (int m = 1; m <= k; ++m) {
      const double t = static_cast<double>(m) / (k + 1), off = rng.uniform(-18, 18);
      pts.push_back({a.x + (b.x - a.x) * t + n.x * off, a.y + (b.y - a.y) * t + n.y * off});
    }
    return pts;
  };
  std::map<std::pair<int, int>, std::vector<Xy>> horiz, vert;
  for (int j = 0; j <= kRows; ++j)
    for (int i = 0; i < kCols; ++i) horiz[{i, j}] = subdivide(corner[i][j], corner[i + 1][j]);
  for (int i = 0; i <= kCols; ++i)
    for (int j = 0; j < kRows; ++j) vert[{i, j}] = subdivide(corner[i][j], corner[i][j + 1]);

  for (int community = 0; community < 4; ++community)
    for (int j = 0; j < kRows; ++j)
      for (int i = 0; i < kCols; ++i) {
        if (community_of(i, j) != community) continue;
        GridShape g{community, i, j, {}};
        auto& r = g.ring;
        r.push_back(corner[i][j]);
        for (auto p : horiz[{i, j}]) r.push_back(p);
        r.push_back(corner[i + 1][j]);
        for (auto p : vert[{i + 1, j}]) r.push_back(p);
        r.push_back(corner[i + 1][j + 1]);
        const auto& top = horiz[{i, j + 1}];
        for (auto it = top.rbegin(); it != top.rend(); ++it) r.push_back(*it);
        r.push_back(corner[i][j + 1]);
        const auto& left = vert[{i, j}];
        for (auto it = left.rbegin(); it != left.rend(); ++it) r.push_back(*it);
        r.push_back(corner[i][j]);
        plan.grids.push_back(std::move(g));
      }

  auto road = [&](const char* code, const char* name, bool ew, double base, double t0, double t1, double hw) {
    Road r;
    r.code = code;
    r.name = name;
    r.east_west = ew;
    r.base = base;
    r.t0 = t0;
    r.t1 = t1;
    r.half_width = hw;
    r.phase = rng.uniform(0, 2 * kPi);
    plan.roads.push_back(r);
  };
  road("road-wenfeng", "文峰路", true, 3 * kCellH, 0, 4000, 20);
  road("road-fenghuang", "凤凰路", true, 4.5 * kCellH, 0, 4000, 15);
  road("road-xiaoshui", "孝水路", true, 1.5 * kCellH, 0, 4000, 15);
  road("road-shanchuan", "山川路", true, 5.6 * kCellH, 0, 4000, 10);
  road("road-wenhong", "文弘路", false, 2.5 * kCellW, 0, 3300, 15);
  road("road-jiangjun", "将军路", false, 5 * kCellW, 0, 3300, 20);
  road("road-banyang", "般阳路", false, 7.5 * kCellW, 0, 3300, 15);
  road("road-songling", "松龄路", false, kCellW, 2 * kCellH, 3300, 10);
  road("road-liuquan", "柳泉路", false, 9 * kCellW, 0, 4 * kCellH, 10);
  plan.river.code = "river-xiaofu";
  plan.river.name = "孝妇河";
  plan.river.east_west = false;
  plan.river.base = 2600;
  plan.river.t0 = -100;
  plan.river.t1 = 3400;
  plan.river.half_width = 25;
  plan.river.amp = 60;
  plan.river.period = 1800;
  plan.river.phase = 0.7;
  Road bank = plan.river;  // 沿河路 follows the east bank
  bank.code = "road-yanhe";
  bank.name = "沿河路";
  bank.base += 90;
  bank.t0 = 0;
  bank.t1 = 3300;
  bank.half_width = 10;
  plan.roads.push_back(bank);
  return plan;
}

std::vector<Xy> strip(const Road& r, double t0, double t1, int side, double a, double b) {
  constexpr int kSteps = 4;
  std::vector<Xy> inner, outer;
  for (int i = 0; i <= kSteps; ++i) {
    const double t = t0 + (t1 - t0) * i / kSteps;
    const Xy p = r.at(t), n = r.left_normal(t);
    inner.push_back({p.x + n.x * side * a, p.y + n.y * side * a});
    outer.push_back({p.x + n.x * side * b, p.y + n.y * side * b});
  }
  std::vector<Xy> ring = inner;
  for (auto it = outer.rbegin(); it != outer.rend(); ++it) ring.push_back(*it);
  ring.push_back(inner.front());
  return ring;
}

std::vector<Xy> rect(Xy c, double w, double h) {
  const double x0 = c.x - w / 2, x1 = c.x + w / 2, y0 = c.y - h / 2, y1 = c.y + h / 2;
  return {{x0, y0}, {c.x, y0}, {x1, y0}, {x1, c.y}, {x1, y1}, {c.x, y1}, {x0, y1}, {x0, c.y}, {x0, y0}};
}

std::vector<double> crossings(const Road& r, const std::vector<Road>& all) {
  std::vector<double> out;
  for (const auto& o : all) {
    if (o.east_west == r.east_west || o.code == r.code) continue;
    // Fixed-point iteration: the wobbles are small, so this converges in a few steps.
    double t = o.base;
    for (int k = 0; k < 8; ++k) {
      const Xy on_r = r.at(t);
      const Xy on_o = o.at(r.east_west ? on_r.y : on_r.x);
      t = r.east_west ? on_o.x : on_o.y;
    }
    const Xy p = r.at(t);
    const double to = o.east_west ? p.x : p.y;
    if (t >= r.t0 && t <= r.t1 && to >= o.t0 && to <= o.t1) out.push_back(t);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace envgrid::demo
