#include "geo/shape_check.hpp"

#include <boost/geometry.hpp>
#include <charconv>
#include <cmath>

namespace envgrid::geo::detail {
namespace bg = boost::geometry;
namespace {

using BgPoint = bg::model::d2::point_xy<double>;
using BgPolygon = bg::model::polygon<BgPoint, /*clockwise=*/false, /*closed=*/true>;
using BgMulti = bg::model::multi_polygon<BgPolygon>;
using BgLine = bg::model::linestring<BgPoint>;
using BgMultiLine = bg::model::multi_linestring<BgLine>;
using BgMultiPoint = bg::model::multi_point<BgPoint>;

// Maps degrees to a local metric plane and back; identity when scale is 1 and origin 0.
struct Plane {
  double lng0 = 0, lat0 = 0, kx = 1, ky = 1;
  BgPoint to(Point p) const { return {(p.lng - lng0) * kx, (p.lat - lat0) * ky}; }
  Point from(const BgPoint& p) const { return {p.x() / kx + lng0, p.y() / ky + lat0}; }
};

BgMulti to_bg(const MultiPolygon& area, const Plane& pl) {
  BgMulti out;
  out.resize(area.parts.size());
  for (std::size_t i = 0; i < area.parts.size(); ++i) {
    const Polygon& src = area.parts[i];
    for (Point p : src.outer) out[i].outer().push_back(pl.to(p));
    out[i].inners().resize(src.holes.size());
    for (std::size_t h = 0; h < src.holes.size(); ++h)
      for (Point p : src.holes[h]) out[i].inners()[h].push_back(pl.to(p));
  }
  return out;
}

MultiPolygon from_bg(const BgMulti& mp, const Plane& pl) {
  MultiPolygon out;
  out.parts.resize(mp.size());
  for (std::size_t i = 0; i < mp.size(); ++i) {
    for (const BgPoint& p : mp[i].outer()) out.parts[i].outer.push_back(pl.from(p));
    for (const auto& inner : mp[i].inners()) {
      Ring r;
      for (const BgPoint& p : inner) r.push_back(pl.from(p));
      out.parts[i].holes.push_back(std::move(r));
    }
  }
  return out;
}

double cross(Point o, Point a, Point b) {
  return (a.lng - o.lng) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lng - o.lng);
}

// Where two edges cross properly, to point the user at the spot. Quadratic, so only for
// shapes of a size people draw by hand; larger ones get the message without a location.
std::optional<Point> find_crossing(const MultiPolygon& area) {
  std::vector<std::pair<Point, Point>> segs;
  auto add = [&segs](const Ring& r) {
    for (std::size_t i = 0; i + 1 < r.size(); ++i) segs.emplace_back(r[i], r[i + 1]);
  };
  for (const Polygon& poly : area.parts) {
    add(poly.outer);
    for (const Ring& h : poly.holes) add(h);
  }
  if (segs.size() > 4000) return std::nullopt;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    auto [a, b] = segs[i];
    for (std::size_t j = i + 1; j < segs.size(); ++j) {
      auto [c, d] = segs[j];
      double d1 = cross(a, b, c), d2 = cross(a, b, d), d3 = cross(c, d, a), d4 = cross(c, d, b);
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
        double t = d3 / (d3 - d4);
        return Point{a.lng + t * (b.lng - a.lng), a.lat + t * (b.lat - a.lat)};
      }
    }
  }
  return std::nullopt;
}

std::string rounded(double v) { return format_coord(std::round(v * 1e6) / 1e6); }

std::string failure_message(bg::validity_failure_type f, const MultiPolygon& area, bool multi) {
  switch (f) {
    case bg::failure_few_points:
    case bg::failure_wrong_topological_dimension:
      return "多边形退化为线或点（面积为 0）";
    case bg::failure_spikes:
      return "多边形有尖刺（边沿原路折返）";
    case bg::failure_self_intersections: {
      std::string msg = multi ? "多边形自相交或各部分的边界相交" : "多边形自相交";
      if (auto p = find_crossing(area)) msg += "（交点约在 [" + rounded(p->lng) + ", " + rounded(p->lat) + "]）";
      return msg;
    }
    case bg::failure_interior_rings_outside:
      return "多边形的内环（洞）不在外环之内";
    case bg::failure_nested_interior_rings:
      return "多边形的内环（洞）相互嵌套";
    case bg::failure_disconnected_interior:
      return "多边形的内环（洞）把内部分割成不连通的几块";
    case bg::failure_intersecting_interiors:
      return "多个多边形相互重叠";
    case bg::failure_not_closed:
      return "多边形的环未闭合";
    case bg::failure_invalid_coordinate:
      return "坐标不是有限数值";
    default:
      return "多边形无效";
  }
}

}  // namespace

std::optional<std::string> normalize_and_check(MultiPolygon& area, bool multi) {
  BgMulti mp = to_bg(area, Plane{});
  for (const BgPolygon& poly : mp)  // Boost calls a flat ring a spike; say what it is
    if (bg::area(poly.outer()) == 0) return failure_message(bg::failure_wrong_topological_dimension, area, multi);
  bg::correct(mp);
  bg::validity_failure_type failure = bg::no_failure;
  if (!bg::is_valid(mp, failure)) return failure_message(failure, area, multi);
  area = from_bg(mp, Plane{});
  return std::nullopt;
}

MultiPolygon buffer_shapes(const std::vector<Point>& points,
                           const std::vector<std::vector<Point>>& lines,
                           const MultiPolygon& polygons, double buffer_m) {
  Box box{1e300, 1e300, -1e300, -1e300};
  auto extend = [&box](Point p) {
    box.min_lng = std::min(box.min_lng, p.lng);
    box.min_lat = std::min(box.min_lat, p.lat);
    box.max_lng = std::max(box.max_lng, p.lng);
    box.max_lat = std::max(box.max_lat, p.lat);
  };
  for (Point p : points) extend(p);
  for (const auto& l : lines)
    for (Point p : l) extend(p);
  Box pb = bounds(polygons);
  if (!pb.empty()) {
    extend({pb.min_lng, pb.min_lat});
    extend({pb.max_lng, pb.max_lat});
  }
  if (box.empty()) return {};
  constexpr double kMetresPerDegree = 6371008.8 * 3.14159265358979323846 / 180.0;
  Plane pl;
  pl.lng0 = (box.min_lng + box.max_lng) / 2;
  pl.lat0 = (box.min_lat + box.max_lat) / 2;
  pl.ky = kMetresPerDegree;
  pl.kx = kMetresPerDegree * std::cos(pl.lat0 * 3.14159265358979323846 / 180.0);

  bg::strategy::buffer::distance_symmetric<double> distance(buffer_m);
  bg::strategy::buffer::side_straight side;
  bg::strategy::buffer::join_round join(36);
  bg::strategy::buffer::end_flat end;  // a road segment stops at its crossing, not beyond
  bg::strategy::buffer::point_circle circle(36);

  BgMulti total;
  auto merge = [&total](BgMulti piece) {
    if (total.empty()) {
      total = std::move(piece);
      return;
    }
    BgMulti merged;
    bg::union_(total, piece, merged);
    total = std::move(merged);
  };
  if (!points.empty()) {
    BgMultiPoint mp;
    for (Point p : points) mp.push_back(pl.to(p));
    BgMulti out;
    bg::buffer(mp, out, distance, side, join, end, circle);
    merge(std::move(out));
  }
  if (!lines.empty()) {
    BgMultiLine ml;
    ml.resize(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i)
      for (Point p : lines[i]) ml[i].push_back(pl.to(p));
    BgMulti out;
    bg::buffer(ml, out, distance, side, join, end, circle);
    if (!bg::is_valid(out)) {
      // Boost's flat ends break on a line that doubles back on itself (a common drawing
      // slip); round ends handle it, at the cost of reaching buffer_m past the ends.
      bg::strategy::buffer::end_round round_end(36);
      out.clear();
      bg::buffer(ml, out, distance, side, join, round_end, circle);
    }
    merge(std::move(out));
  }
  if (!polygons.parts.empty()) {
    BgMulti src = to_bg(polygons, pl);
    bg::correct(src);
    BgMulti out;
    bg::buffer(src, out, distance, side, join, end, circle);
    merge(std::move(out));
  }
  return from_bg(total, pl);
}

std::string format_coord(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

}  // namespace envgrid::geo::detail
