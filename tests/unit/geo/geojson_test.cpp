#include "geo/geojson.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "geo/crs.hpp"

namespace envgrid::geo {
namespace {
namespace json = boost::json;

core::Result<MultiPolygon> parse(std::string_view text, double buffer_m = 0) {
  return parse_area(json::parse(text), buffer_m);
}

// The message the user sees, or "" when the parse succeeded.
std::string message(std::string_view text, double buffer_m = 0) {
  auto r = parse(text, buffer_m);
  if (r.ok()) return "";
  EXPECT_EQ(r.error().status, 400);
  EXPECT_EQ(r.error().type, "validation");
  EXPECT_EQ(r.error().errors.size(), 1u);
  EXPECT_EQ(r.error().errors.at(0).message, r.error().detail);
  return r.error().detail;
}

std::string field(std::string_view text) { return parse(text).error().errors.at(0).field; }

constexpr const char* kSquare =
    R"({"type":"Polygon","coordinates":[[[118,36.8],[118.01,36.8],[118.01,36.81],[118,36.81],[118,36.8]]]})";

TEST(ParseArea, AcceptsPolygonAndNormalizesOrientation) {
  // Clockwise input; RFC 7946 wants the outer ring counter-clockwise.
  auto r = parse(R"({"type":"Polygon","coordinates":[[[118,36.8],[118,36.81],[118.01,36.81],[118.01,36.8],[118,36.8]]]})");
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r->parts.size(), 1u);
  const Ring& o = r->parts[0].outer;
  double twice_area = 0;
  for (std::size_t i = 0; i + 1 < o.size(); ++i) twice_area += o[i].lng * o[i + 1].lat - o[i + 1].lng * o[i].lat;
  EXPECT_GT(twice_area, 0);
  EXPECT_TRUE(contains(*r, {118.005, 36.805}));
}

TEST(ParseArea, AcceptsMultiPolygonWithHoleAndFeature) {
  auto r = parse(R"({"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[
      [[[118,36.8],[118.01,36.8],[118.01,36.81],[118,36.81],[118,36.8]],
       [[118.004,36.804],[118.004,36.806],[118.006,36.806],[118.006,36.804],[118.004,36.804]]],
      [[[118.02,36.8],[118.03,36.8],[118.03,36.81],[118.02,36.81],[118.02,36.8]]]]}})");
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->parts.size(), 2u);
  EXPECT_FALSE(contains(*r, {118.005, 36.805}));
  EXPECT_TRUE(contains(*r, {118.025, 36.805}));
}

TEST(ParseArea, UnclosedRing) {
  EXPECT_EQ(message(R"({"type":"Polygon","coordinates":[[[118,36.8],[118.01,36.8],[118.01,36.81],[118,36.81]]]})"),
            "多边形第 1 个环未闭合（首尾两点不同）");
  EXPECT_EQ(message(R"({"type":"MultiPolygon","coordinates":[[[[118,36.8],[118.01,36.8],[118.01,36.81],[118,36.8]]],
                         [[[118,36.8],[118.01,36.8],[118.01,36.81],[118,36.81]]]]})"),
            "第 2 个多边形第 1 个环未闭合（首尾两点不同）");
}

TEST(ParseArea, BowTieSelfIntersection) {
  std::string m = message(R"({"type":"Polygon","coordinates":[[[118,36.8],[118.01,36.81],[118.01,36.8],[118,36.81],[118,36.8]]]})");
  EXPECT_EQ(m.rfind("多边形自相交", 0), 0u) << m;
  EXPECT_NE(m.find("[118.005, 36.805]"), std::string::npos) << m;
}

TEST(ParseArea, OutOfChina) {
  EXPECT_EQ(message(R"({"type":"Polygon","coordinates":[[[200,30],[118.01,36.8],[118.01,36.81],[200,30]]]})"),
            "坐标超出中国范围: [200, 30]");
  EXPECT_EQ(field(R"({"type":"Polygon","coordinates":[[[118,36.8],[118.01,36.8],[36.81,118.01],[118,36.8]]]})"),
            "coordinates[0][2]");
}

TEST(ParseArea, WrongType) {
  EXPECT_EQ(message(R"({"type":"GeometryCollection","geometries":[]})"),
            "不支持的几何类型: GeometryCollection（应为 Polygon 或 MultiPolygon；点和线须指定缓冲距离）");
  EXPECT_EQ(message(R"({"type":"LineString","coordinates":[[118,36.8],[118.01,36.8]]})"),
            "LineString 是点或线，须指定大于 0 的缓冲距离（米）才能构成区域");
  EXPECT_EQ(message(R"({"coordinates":[]})"), "缺少几何类型 type");
  EXPECT_EQ(message(R"([1,2])"), "几何图形应为 GeoJSON 对象");
}

TEST(ParseArea, NonNumericCoordinate) {
  const char* text = R"({"type":"Polygon","coordinates":[[[118,36.8],[118.01,36.8],["118.01",36.81],[118,36.8]]]})";
  EXPECT_EQ(message(text), "多边形第 1 个环第 3 个点的坐标不是数字");
  EXPECT_EQ(field(text), "coordinates[0][2][0]");
  EXPECT_EQ(message(R"({"type":"Polygon","coordinates":[[[118,36.8],[118.01],[118.01,36.81],[118,36.8]]]})"),
            "多边形第 1 个环第 2 个点应为 [经度, 纬度] 数组");
}

TEST(ParseArea, TooFewPoints) {
  EXPECT_EQ(message(R"({"type":"Polygon","coordinates":[[[118,36.8],[118.01,36.8],[118,36.8]]]})"),
            "多边形第 1 个环只有 3 个点，至少需要 4 个（首尾两点相同）");
  EXPECT_EQ(message(R"({"type":"Polygon","coordinates":[]})"), "多边形没有任何环");
}

TEST(ParseArea, HolesAndOverlaps) {
  EXPECT_EQ(message(R"({"type":"Polygon","coordinates":[[[118,36.8],[118.01,36.8],[118.01,36.81],[118,36.81],[118,36.8]],
      [[118.02,36.8],[118.03,36.8],[118.03,36.81],[118.02,36.8]]]})"),
            "多边形的内环（洞）不在外环之内");
  std::string m = message(R"({"type":"MultiPolygon","coordinates":[
      [[[118,36.8],[118.01,36.8],[118.01,36.81],[118,36.81],[118,36.8]]],
      [[[118.005,36.8],[118.015,36.8],[118.015,36.81],[118.005,36.81],[118.005,36.8]]]]})");
  EXPECT_FALSE(m.empty());
  EXPECT_EQ(message(R"({"type":"Polygon","coordinates":[[[118,36.8],[118.01,36.8],[118.02,36.8],[118,36.8]]]})"),
            "多边形退化为线或点（面积为 0）");
}

TEST(ParseArea, BufferLimits) {
  EXPECT_EQ(message(kSquare, -1), "缓冲距离应在 0 到 5000 米之间");
  EXPECT_EQ(message(kSquare, 1e9), "缓冲距离应在 0 到 5000 米之间");
}

// A point `offset_m` metres north of p (1° of latitude = 111 195 m on the mean sphere).
Point north(Point p, double offset_m) { return {p.lng, p.lat + offset_m / 111195.0}; }

TEST(ParseArea, BufferedRoadContainsNearPointsOnly) {
  // An east-west road of about 900 m, buffered 20 m on each side.
  auto r = parse(R"({"type":"LineString","coordinates":[[118.0,36.8],[118.005,36.8],[118.01,36.8]]})", 20);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  Point mid{118.0075, 36.8};
  EXPECT_NEAR(distance_m(mid, north(mid, 10)), 10, 0.01);
  EXPECT_TRUE(contains(*r, north(mid, 10)));
  EXPECT_TRUE(contains(*r, north(mid, -10)));
  EXPECT_FALSE(contains(*r, north(mid, 100)));
  EXPECT_FALSE(contains(*r, north(mid, -30)));
  EXPECT_FALSE(contains(*r, {118.0103, 36.8})) << "flat end: about 27 m past the road's end";
}

TEST(ParseArea, BufferedPointAndMultiLine) {
  auto station = parse(R"({"type":"Point","coordinates":[118.0,36.8]})", 50);
  ASSERT_TRUE(station.ok()) << station.error().detail;
  EXPECT_TRUE(contains(*station, north({118.0, 36.8}, 45)));
  EXPECT_FALSE(contains(*station, north({118.0, 36.8}, 55)));
  auto rivers = parse(R"({"type":"MultiLineString","coordinates":[[[118,36.8],[118.01,36.8]],[[118,36.9],[118.01,36.9]]]})", 30);
  ASSERT_TRUE(rivers.ok()) << rivers.error().detail;
  EXPECT_EQ(rivers->parts.size(), 2u);
  EXPECT_EQ(message(R"({"type":"LineString","coordinates":[[118,36.8]]})", 10), "线至少需要 2 个点");
}

// Pins the bench's first failure: flat ends made Boost return an invalid buffer for a
// road drawn back over itself.
TEST(ParseArea, BufferedLineThatDoublesBackIsValid) {
  auto r = parse(R"({"type":"LineString","coordinates":[[117.83273916370987,36.90971436062915],
      [117.83153144805748,36.91047555825777],[117.83153144805748,36.910506811282254],
      [117.83153144805748,36.909705921906834]]})", 15);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_TRUE(contains(*r, {117.83153144805748, 36.9100}));
}

TEST(ParseArea, BufferGrowsPolygon) {
  auto r = parse(kSquare, 30);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_TRUE(contains(*r, north({118.005, 36.81}, 20)));
  EXPECT_FALSE(contains(*r, north({118.005, 36.81}, 40)));
}

TEST(ToGeoJson, RoundTrip) {
  auto a = parse(kSquare);
  ASSERT_TRUE(a.ok());
  json::value v = to_geojson(*a);
  EXPECT_EQ(v.at("type").as_string(), "Polygon");
  auto b = parse_area(v);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->parts[0].outer, a->parts[0].outer);
  MultiPolygon two{{a->parts[0], a->parts[0]}};
  EXPECT_EQ(to_geojson(two).at("type").as_string(), "MultiPolygon");
  EXPECT_EQ(to_geojson(two).at("coordinates").as_array().size(), 2u);
}

}  // namespace
}  // namespace envgrid::geo
