#include "geo/crs.hpp"

#include <gtest/gtest.h>

#include <random>

namespace envgrid::geo {
namespace {

TEST(Gcj02, TiananmenOffsetMatchesPublishedValue) {
  Point wgs{116.397428, 39.90923};
  Point gcj = wgs84_to_gcj02(wgs);
  EXPECT_NEAR(gcj.lng - wgs.lng, 0.0062, 0.0004);
  EXPECT_NEAR(gcj.lat - wgs.lat, 0.0014, 0.0004);
}

TEST(Gcj02, RoundTripWithinOneMicrodegree) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> lng(74, 135), lat(4, 53);
  for (int i = 0; i < 2000; ++i) {
    Point p{lng(rng), lat(rng)};
    Point back = gcj02_to_wgs84(wgs84_to_gcj02(p));
    ASSERT_NEAR(back.lng, p.lng, 1e-6) << p.lng << "," << p.lat;
    ASSERT_NEAR(back.lat, p.lat, 1e-6) << p.lng << "," << p.lat;
  }
}

TEST(Gcj02, InverseOfForward) {
  Point gcj{118.0123, 36.8123};
  Point again = wgs84_to_gcj02(gcj02_to_wgs84(gcj));
  EXPECT_NEAR(again.lng, gcj.lng, 1e-8);
  EXPECT_NEAR(again.lat, gcj.lat, 1e-8);
}

TEST(Gcj02, OutsideChinaUnchanged) {
  Point tokyo{139.69, 35.69};
  EXPECT_EQ(wgs84_to_gcj02(tokyo), tokyo);
  EXPECT_EQ(gcj02_to_wgs84(tokyo), tokyo);
}

}  // namespace
}  // namespace envgrid::geo
