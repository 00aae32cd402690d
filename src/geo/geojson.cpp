#include "geo/geojson.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "geo/shape_check.hpp"

namespace envgrid::geo {
namespace json = boost::json;
namespace {

core::Error area_error(std::string field, std::string message) {
  core::Error e;
  e.status = 400;
  e.type = "validation";
  e.title = "区域图形无效";
  e.detail = message;
  e.errors.push_back({std::move(field), std::move(message)});
  return e;
}

std::string idx(std::size_t i) { return "[" + std::to_string(i) + "]"; }
std::string nth(std::size_t i) { return std::to_string(i + 1); }

// Reads coordinates, remembering only the first problem: one precise message helps the
// person fixing the shape more than a list of consequences of the same mistake.
class CoordReader {
 public:
  std::optional<core::Error> error;

  bool fail(std::string field, std::string message) {
    if (!error) error = area_error(std::move(field), std::move(message));
    return false;
  }

  const json::array* array(const json::value& v, const std::string& path, const std::string& what) {
    if (const json::array* a = v.if_array()) return a;
    fail(path, what + "应为数组");
    return nullptr;
  }

  bool position(const json::value& v, const std::string& path, const std::string& label, Point& out) {
    const json::array* a = v.if_array();
    if (!a || a->size() < 2) return fail(path, label + "应为 [经度, 纬度] 数组");
    double c[2];
    for (std::size_t k = 0; k < 2; ++k) {
      const json::value& n = (*a)[k];
      if (!n.is_number()) return fail(path + idx(k), label + "的坐标不是数字");
      c[k] = n.is_double() ? n.get_double() : n.is_int64() ? double(n.get_int64()) : double(n.get_uint64());
    }
    out = {c[0], c[1]};
    if (++count_ > kMaxAreaPositions)
      return fail("coordinates", "几何图形的点数过多（超过 " + std::to_string(kMaxAreaPositions) + " 个）");
    if (!in_china(out))
      return fail(path, "坐标超出中国范围: [" + detail::format_coord(c[0]) + ", " +
                            detail::format_coord(c[1]) + "]");
    return true;
  }

  bool positions(const json::value& v, const std::string& path, const std::string& label,
                 std::vector<Point>& out) {
    const json::array* a = array(v, path, label);
    if (!a) return false;
    out.resize(a->size());
    for (std::size_t i = 0; i < a->size(); ++i)
      if (!position((*a)[i], path + idx(i), label + "第 " + nth(i) + " 个点", out[i])) return false;
    return true;
  }

  bool ring(const json::value& v, const std::string& path, const std::string& label, Ring& out) {
    if (!positions(v, path, label, out)) return false;
    if (out.size() < 4)
      return fail(path, label + "只有 " + std::to_string(out.size()) +
                            " 个点，至少需要 4 个（首尾两点相同）");
    if (!(out.front() == out.back())) return fail(path, label + "未闭合（首尾两点不同）");
    return true;
  }

  bool polygon(const json::value& v, const std::string& path, const std::string& label, Polygon& out) {
    const json::array* rings = array(v, path, label);
    if (!rings) return false;
    if (rings->empty()) return fail(path, label + "没有任何环");
    for (std::size_t r = 0; r < rings->size(); ++r) {
      Ring ring_pts;
      if (!ring((*rings)[r], path + idx(r), label + "第 " + nth(r) + " 个环", ring_pts)) return false;
      if (r == 0) out.outer = std::move(ring_pts);
      else out.holes.push_back(std::move(ring_pts));
    }
    return true;
  }

  bool line(const json::value& v, const std::string& path, const std::string& label,
            std::vector<Point>& out) {
    if (!positions(v, path, label, out)) return false;
    if (out.size() < 2) return fail(path, label + "至少需要 2 个点");
    return true;
  }

 private:
  std::size_t count_ = 0;
};

struct Shapes {
  std::vector<Point> points;
  std::vector<std::vector<Point>> lines;
  MultiPolygon polygons;
};

bool read_shapes(CoordReader& rd, std::string_view type, const json::value& coords, Shapes& s) {
  const std::string path = "coordinates";
  if (type == "Polygon") {
    s.polygons.parts.emplace_back();
    return rd.polygon(coords, path, "多边形", s.polygons.parts.back());
  }
  if (type == "Point") {
    s.points.emplace_back();
    return rd.position(coords, path, "点", s.points.back());
  }
  if (type == "LineString") {
    s.lines.emplace_back();
    return rd.line(coords, path, "线", s.lines.back());
  }
  const json::array* items = rd.array(coords, path, "coordinates ");
  if (!items) return false;
  if (items->empty()) return rd.fail(path, "几何图形没有任何坐标");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const json::value& item = (*items)[i];
    const std::string p = path + idx(i);
    bool ok = true;
    if (type == "MultiPolygon") {
      s.polygons.parts.emplace_back();
      ok = rd.polygon(item, p, "第 " + nth(i) + " 个多边形", s.polygons.parts.back());
    } else if (type == "MultiPoint") {
      s.points.emplace_back();
      ok = rd.position(item, p, "第 " + nth(i) + " 个点", s.points.back());
    } else {
      s.lines.emplace_back();
      ok = rd.line(item, p, "第 " + nth(i) + " 条线", s.lines.back());
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace

core::Result<MultiPolygon> parse_area(const json::value& input, double buffer_m) {
  const json::object* obj = input.if_object();
  const json::value* outer_type = obj ? obj->if_contains("type") : nullptr;
  if (outer_type && outer_type->is_string() && outer_type->get_string() == "Feature") {
    const json::value* g = obj->if_contains("geometry");
    if (!g || !g->is_object()) return area_error("geometry", "Feature 缺少 geometry 对象");
    obj = g->if_object();
  }
  if (!obj) return area_error("", "几何图形应为 GeoJSON 对象");
  const json::value* type_v = obj->if_contains("type");
  if (!type_v || !type_v->is_string()) return area_error("type", "缺少几何类型 type");
  const std::string_view type = type_v->get_string();
  const bool areal = type == "Polygon" || type == "MultiPolygon";
  const bool buffered_only = type == "Point" || type == "MultiPoint" || type == "LineString" ||
                             type == "MultiLineString";
  if (!areal && !buffered_only)
    return area_error("type", "不支持的几何类型: " + std::string(type) +
                                  "（应为 Polygon 或 MultiPolygon；点和线须指定缓冲距离）");
  if (!(buffer_m >= 0 && buffer_m <= kMaxBufferM))  // also refuses NaN
    return area_error("buffer_m", "缓冲距离应在 0 到 " + detail::format_coord(kMaxBufferM) + " 米之间");
  if (buffered_only && buffer_m <= 0)
    return area_error("buffer_m", std::string(type) + " 是点或线，须指定大于 0 的缓冲距离（米）才能构成区域");
  const json::value* coords = obj->if_contains("coordinates");
  if (!coords) return area_error("coordinates", "缺少 coordinates");

  CoordReader rd;
  Shapes shapes;
  if (!read_shapes(rd, type, *coords, shapes)) return std::move(*rd.error);

  const bool multi = type == "MultiPolygon";
  if (areal) {
    if (auto msg = detail::normalize_and_check(shapes.polygons, multi))
      return area_error("coordinates", std::move(*msg));
  }
  if (buffer_m <= 0) return std::move(shapes.polygons);
  MultiPolygon grown = detail::buffer_shapes(shapes.points, shapes.lines, shapes.polygons, buffer_m);
  if (grown.parts.empty()) return area_error("coordinates", "缓冲后的区域为空");
  if (auto msg = detail::normalize_and_check(grown, true))
    return area_error("coordinates", "缓冲后的区域无效：" + *msg);
  return grown;
}

json::value to_geojson(const MultiPolygon& area) {
  auto ring = [](const Ring& r) {
    json::array a;
    a.reserve(r.size());
    for (Point p : r) a.push_back(json::array{p.lng, p.lat});
    return a;
  };
  auto polygon = [&ring](const Polygon& poly) {
    json::array rings;
    rings.reserve(1 + poly.holes.size());
    rings.push_back(ring(poly.outer));
    for (const Ring& h : poly.holes) rings.push_back(ring(h));
    return rings;
  };
  if (area.parts.size() == 1)
    return json::object{{"type", "Polygon"}, {"coordinates", polygon(area.parts[0])}};
  json::array parts;
  parts.reserve(area.parts.size());
  for (const Polygon& poly : area.parts) parts.push_back(polygon(poly));
  return json::object{{"type", "MultiPolygon"}, {"coordinates", std::move(parts)}};
}

}  // namespace envgrid::geo
