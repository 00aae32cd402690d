#include "geo/geometry.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace envgrid::geo {
namespace {

Ring square(double x0, double y0, double x1, double y1) {
  return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
}

MultiPolygon one(Polygon p) { return MultiPolygon{{std::move(p)}}; }

TEST(Contains, InsideOutsideAndOnTheBoundary) {
  MultiPolygon a = one({square(118.0, 36.0, 118.1, 36.1), {}});
  EXPECT_TRUE(contains(a, {118.05, 36.05}));
  EXPECT_FALSE(contains(a, {118.15, 36.05}));
  EXPECT_FALSE(contains(a, {118.05, 35.99}));
  EXPECT_TRUE(contains(a, {118.0, 36.05})) << "west edge";
  EXPECT_TRUE(contains(a, {118.1, 36.05})) << "east edge";
  EXPECT_TRUE(contains(a, {118.05, 36.1})) << "north edge";
  EXPECT_TRUE(contains(a, {118.1, 36.1})) << "vertex";
  EXPECT_FALSE(contains(a, {118.2, 36.1})) << "on the north edge's line, beyond the vertex";
}

TEST(Contains, HoleIsOutsideButItsBoundaryIsInside) {
  MultiPolygon a = one({square(118.0, 36.0, 118.1, 36.1), {square(118.04, 36.04, 118.06, 36.06)}});
  EXPECT_FALSE(contains(a, {118.05, 36.05}));
  EXPECT_TRUE(contains(a, {118.02, 36.05}));
  EXPECT_TRUE(contains(a, {118.04, 36.05})) << "hole edge";
}

TEST(Contains, MultiPolygonParts) {
  MultiPolygon a{{{square(118.0, 36.0, 118.1, 36.1), {}}, {square(118.2, 36.0, 118.3, 36.1), {}}}};
  EXPECT_TRUE(contains(a, {118.05, 36.05}));
  EXPECT_TRUE(contains(a, {118.25, 36.05}));
  EXPECT_FALSE(contains(a, {118.15, 36.05}));
}

TEST(Contains, ConcaveShapes) {
  // A "U": the notch between the arms is outside although inside the bounding box.
  Ring u{{118.0, 36.0}, {118.3, 36.0}, {118.3, 36.3}, {118.2, 36.3}, {118.2, 36.1},
         {118.1, 36.1}, {118.1, 36.3}, {118.0, 36.3}, {118.0, 36.0}};
  MultiPolygon a = one({u, {}});
  EXPECT_TRUE(contains(a, {118.05, 36.2}));
  EXPECT_TRUE(contains(a, {118.25, 36.2}));
  EXPECT_FALSE(contains(a, {118.15, 36.2}));
  EXPECT_TRUE(contains(a, {118.15, 36.05}));
  // A ray through the notch's reflex vertices must not flip the answer.
  EXPECT_TRUE(contains(a, {118.05, 36.1}));
  EXPECT_FALSE(contains(a, {118.35, 36.1}));
}

TEST(Contains, OrientationDoesNotMatter) {
  Ring cw = square(118.0, 36.0, 118.1, 36.1);
  std::reverse(cw.begin(), cw.end());
  EXPECT_TRUE(contains(one({cw, {}}), {118.05, 36.05}));
}

TEST(InChina, CoarseBox) {
  EXPECT_TRUE(in_china({116.4, 39.9}));
  EXPECT_TRUE(in_china({87.6, 43.8}));    // Ürümqi
  EXPECT_FALSE(in_china({39.9, 116.4}));  // swapped
  EXPECT_FALSE(in_china({200, 30}));
  EXPECT_FALSE(in_china({500000, 4000000}));  // projected metres
}

TEST(Distance, Haversine) {
  EXPECT_NEAR(distance_m({118, 36}, {118, 37}), 111195, 2);
  EXPECT_NEAR(distance_m({118, 36.8}, {118, 36.8}), 0, 1e-9);
  // Beijing Tiananmen to Shanghai People's Square, about 1 067 km.
  EXPECT_NEAR(distance_m({116.3975, 39.9087}, {121.4737, 31.2304}) / 1000, 1067, 5);
}

TEST(Bounds, CoversOuterRings) {
  MultiPolygon a{{{square(118.0, 36.0, 118.1, 36.1), {}}, {square(118.2, 35.9, 118.3, 36.0), {}}}};
  Box b = bounds(a);
  EXPECT_EQ(b.min_lng, 118.0);
  EXPECT_EQ(b.max_lng, 118.3);
  EXPECT_EQ(b.min_lat, 35.9);
  EXPECT_EQ(b.max_lat, 36.1);
  EXPECT_TRUE(bounds(MultiPolygon{}).empty());
  EXPECT_EQ(vertex_count(a), 10u);
}

}  // namespace
}  // namespace envgrid::geo
