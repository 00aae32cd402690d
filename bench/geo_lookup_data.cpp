#include "geo_lookup_data.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <random>
#include <stdexcept>

#include "geo/geojson.hpp"

namespace envgrid::bench {
namespace json = boost::json;
namespace {

constexpr double kTileM = 300;  // 100 tiles of 300 m = 30 km
constexpr int kTiles = 100;

struct Xy {
  double x, y;
};

json::array position(geo::Point p) { return json::array{p.lng, p.lat}; }

// Parses through the server's own validation; a generator bug must not pass silently.
geo::AreaPtr parse_or_die(const json::value& geometry, double buffer_m, double& seconds) {
  auto t0 = std::chrono::steady_clock::now();
  auto r = geo::parse_area(geometry, buffer_m);
  seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!r.ok()) throw std::runtime_error("generated area rejected: " + r.error().detail + " " + json::serialize(geometry));
  return std::make_shared<const geo::MultiPolygon>(std::move(*r));
}

json::value polygon_json(const District& d, const std::vector<Xy>& ring_m) {
  json::array ring;
  for (Xy p : ring_m) ring.push_back(position(d.at(p.x, p.y)));
  ring.push_back(ring.front());
  return json::object{{"type", "Polygon"}, {"coordinates", json::array{std::move(ring)}}};
}

}  // namespace

District district() {
  constexpr double kMetresPerDegree = 6371008.8 * 3.14159265358979323846 / 180.0;
  District d;
  const double lat_mid = 36.8, lng_mid = 118.0;
  d.ky = kMetresPerDegree;
  d.kx = kMetresPerDegree * std::cos(lat_mid * 3.14159265358979323846 / 180.0);
  double half_lng = kTileM * kTiles / 2 / d.kx, half_lat = kTileM * kTiles / 2 / d.ky;
  d.extent = {lng_mid - half_lng, lat_mid - half_lat, lng_mid + half_lng, lat_mid + half_lat};
  return d;
}

// Corners of a jittered lattice joined by wiggly sides. Each side is generated once and
// shared by the two grids it separates, so the grids tile the district exactly. Offsets
// are perpendicular to the chord and fade out at the corners, so sides stay simple.
geo::AreaMap make_grids(const District& d, int vertices, std::uint64_t seed, double& parse_seconds) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  const int per_side = vertices / 4;
  std::vector<Xy> corner((kTiles + 1) * (kTiles + 1));
  for (int j = 0; j <= kTiles; ++j)
    for (int i = 0; i <= kTiles; ++i) {
      bool edge_x = i == 0 || i == kTiles, edge_y = j == 0 || j == kTiles;
      corner[j * (kTiles + 1) + i] = {i * kTileM + (edge_x ? 0 : 0.2 * kTileM * u(rng)),
                                      j * kTileM + (edge_y ? 0 : 0.2 * kTileM * u(rng))};
    }
  auto side = [&](Xy a, Xy b) {  // per_side points from a (included) towards b (excluded)
    std::vector<Xy> pts{a};
    double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
    for (int k = 1; k < per_side; ++k) {
      double t = double(k) / per_side, off = 0.06 * len * std::sin(3.14159265358979 * t) * u(rng);
      pts.push_back({a.x + t * dx - off * dy / len, a.y + t * dy + off * dx / len});
    }
    return pts;
  };
  auto at = [&](int i, int j) { return corner[j * (kTiles + 1) + i]; };
  std::vector<std::vector<Xy>> horiz, vert;  // horiz[j][i]: (i,j)→(i+1,j); vert[j][i]: (i,j)→(i,j+1)
  for (int j = 0; j <= kTiles; ++j)
    for (int i = 0; i < kTiles; ++i) horiz.push_back(side(at(i, j), at(i + 1, j)));
  for (int j = 0; j < kTiles; ++j)
    for (int i = 0; i <= kTiles; ++i) vert.push_back(side(at(i, j), at(i, j + 1)));
  auto h = [&](int i, int j) -> const std::vector<Xy>& { return horiz[j * kTiles + i]; };
  auto v = [&](int i, int j) -> const std::vector<Xy>& { return vert[j * (kTiles + 1) + i]; };

  geo::AreaMap grids;
  for (int j = 0; j < kTiles; ++j)
    for (int i = 0; i < kTiles; ++i) {
      std::vector<Xy> ring = h(i, j);                                     // south, west→east
      ring.insert(ring.end(), v(i + 1, j).begin(), v(i + 1, j).end());   // east, south→north
      const auto& north = h(i, j + 1);
      ring.push_back(at(i + 1, j + 1));
      ring.insert(ring.end(), north.rbegin(), north.rend() - 1);         // north, east→west
      const auto& west = v(i, j);
      ring.push_back(at(i, j + 1));
      ring.insert(ring.end(), west.rbegin(), west.rend() - 1);           // west, north→south
      grids[std::int64_t{j} * kTiles + i + 1] = parse_or_die(polygon_json(d, ring), 0, parse_seconds);
    }
  return grids;
}

geo::AreaMap make_zones(const District& d, std::uint64_t seed, double& parse_seconds) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  const double span = kTileM * kTiles;
  geo::AreaMap zones;
  std::int64_t id = 1;
  auto line = [&](int segments, double seg_min, double seg_max, double turn) {
    double x = u(rng) * span, y = u(rng) * span, heading = u(rng) * 2 * 3.14159265358979;
    json::array coords{position(d.at(x, y))};
    for (int k = 0; k < segments; ++k) {
      heading += (u(rng) * 2 - 1) * turn;
      double len = seg_min + u(rng) * (seg_max - seg_min);
      x = std::clamp(x + len * std::cos(heading), 0.0, span);
      y = std::clamp(y + len * std::sin(heading), 0.0, span);
      coords.push_back(position(d.at(x, y)));
    }
    return json::value(json::object{{"type", "LineString"}, {"coordinates", std::move(coords)}});
  };
  for (int k = 0; k < 8000; ++k)  // road segments under a 路长
    zones[id++] = parse_or_die(line(1 + int(u(rng) * 4), 80, 400, 0.5), 8 + u(rng) * 17, parse_seconds);
  for (int k = 0; k < 100; ++k)  // river stretches under a 河长
    zones[id++] = parse_or_die(line(15 + int(u(rng) * 15), 200, 500, 0.35), 30 + u(rng) * 30, parse_seconds);
  for (int k = 0; k < 6000; ++k) {  // compounds, markets, construction sites
    double cx = u(rng) * span, cy = u(rng) * span, r = 15 + u(rng) * 105;
    int n = 6 + int(u(rng) * 19);
    std::vector<Xy> ring;
    for (int i = 0; i < n; ++i) {
      double a = (i + 0.4 * u(rng)) * 2 * 3.14159265358979 / n, rad = r * (0.5 + 0.5 * u(rng));
      ring.push_back({cx + rad * std::cos(a), cy + rad * std::sin(a)});
    }
    zones[id++] = parse_or_die(polygon_json(d, ring), 0, parse_seconds);
  }
  for (int k = 0; k < 5900; ++k) {  // 门前三包 frontage strips
    double cx = u(rng) * span, cy = u(rng) * span, w = 10 + u(rng) * 30, l = 20 + u(rng) * 60;
    double a = u(rng) * 3.14159265358979, c = std::cos(a), s = std::sin(a);
    std::vector<Xy> ring;
    for (auto [px, py] : {Xy{-l / 2, -w / 2}, Xy{l / 2, -w / 2}, Xy{l / 2, w / 2}, Xy{-l / 2, w / 2}})
      ring.push_back({cx + px * c - py * s, cy + px * s + py * c});
    zones[id++] = parse_or_die(polygon_json(d, ring), 0, parse_seconds);
  }
  return zones;
}

std::vector<geo::Point> make_points(const District& d, std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<geo::Point> pts(n);
  for (auto& p : pts)
    p = {d.extent.min_lng + u(rng) * (d.extent.max_lng - d.extent.min_lng),
         d.extent.min_lat + u(rng) * (d.extent.max_lat - d.extent.min_lat)};
  return pts;
}

namespace {

void put(std::string& out, double v) {
  char buf[32];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

void put_ring(std::string& out, const geo::Ring& r) {
  out += '(';
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (i) out += ',';
    put(out, r[i].lng);
    out += ' ';
    put(out, r[i].lat);
  }
  out += ')';
}

struct File {
  std::FILE* f;
  explicit File(const std::string& path) : f(std::fopen(path.c_str(), "w")) {
    if (!f) throw std::runtime_error("cannot write " + path);
  }
  ~File() { std::fclose(f); }
  void write(const std::string& s) { std::fwrite(s.data(), 1, s.size(), f); }
};

}  // namespace

void write_areas_tsv(const std::string& path, const geo::AreaMap& areas) {
  File file(path);
  std::string line;
  for (const auto& [id, area] : areas) {
    line = std::to_string(id) + "\tMULTIPOLYGON(";
    for (std::size_t k = 0; k < area->parts.size(); ++k) {
      if (k) line += ',';
      line += '(';
      put_ring(line, area->parts[k].outer);
      for (const geo::Ring& h : area->parts[k].holes) line += ',', put_ring(line, h);
      line += ')';
    }
    line += ")\n";
    file.write(line);
  }
}

void write_points_tsv(const std::string& path, const std::vector<geo::Point>& points, std::size_t n) {
  File file(path);
  std::string line;
  for (std::size_t i = 0; i < n && i < points.size(); ++i) {
    line = std::to_string(i + 1) + '\t';
    put(line, points[i].lng);
    line += '\t';
    put(line, points[i].lat);
    line += '\n';
    file.write(line);
  }
}

}  // namespace envgrid::bench
