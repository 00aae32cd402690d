#include "geo/index.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace envgrid::geo {
namespace {

MultiPolygon box(double x0, double y0, double x1, double y1) {
  return MultiPolygon{{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}, {}}}};
}
AreaPtr ptr(MultiPolygon m) { return std::make_shared<const MultiPolygon>(std::move(m)); }

TEST(Index, EmptyFindsNothing) {
  SpatialIndex idx;
  Hit h = idx.snapshot()->lookup({118, 36.8});
  EXPECT_FALSE(h.grid_id);
  EXPECT_TRUE(h.zone_ids.empty());
}

TEST(Index, EditsAppearInNewSnapshotsOnly) {
  SpatialIndex idx;
  auto s0 = idx.snapshot();
  idx.upsert_grid(7, box(118.0, 36.8, 118.01, 36.81));
  auto s1 = idx.snapshot();
  idx.upsert_zone(3, box(118.005, 36.805, 118.02, 36.82));
  auto s2 = idx.snapshot();
  Point p{118.007, 36.807};
  EXPECT_FALSE(s0->lookup(p).grid_id);
  EXPECT_EQ(s1->lookup(p).grid_id, 7);
  EXPECT_TRUE(s1->lookup(p).zone_ids.empty());
  EXPECT_EQ(s2->lookup(p).zone_ids, std::vector<std::int64_t>{3});

  idx.upsert_grid(7, box(118.1, 36.8, 118.11, 36.81));  // moved away
  EXPECT_FALSE(idx.snapshot()->lookup(p).grid_id);
  EXPECT_EQ(s2->lookup(p).grid_id, 7) << "an old snapshot keeps the old geometry";
  EXPECT_TRUE(idx.remove_zone(3));
  EXPECT_FALSE(idx.remove_zone(3));
  EXPECT_TRUE(idx.snapshot()->lookup(p).zone_ids.empty());
  EXPECT_TRUE(idx.remove_grid(7));
  EXPECT_EQ(idx.snapshot()->grids().size(), 0u);

  AreaMap grids{{1, ptr(box(118.0, 36.8, 118.01, 36.81))}};
  idx.replace_all(grids, {});
  EXPECT_EQ(idx.snapshot()->lookup(p).grid_id, 1);
}

TEST(Index, OverlappingGridsGiveSmallestIdAndSharedEdgeToo) {
  AreaMap grids{{20, ptr(box(118.0, 36.8, 118.01, 36.81))},
                {10, ptr(box(118.005, 36.8, 118.02, 36.81))},
                {30, ptr(box(118.02, 36.8, 118.03, 36.81))}};
  auto s = IndexSnapshot::build(grids, {});
  EXPECT_EQ(s->lookup({118.002, 36.805}).grid_id, 20);
  EXPECT_EQ(s->lookup({118.007, 36.805}).grid_id, 10) << "overlap";
  EXPECT_EQ(s->lookup({118.02, 36.805}).grid_id, 10) << "edge shared by 10 and 30";
  EXPECT_EQ(s->lookup({118.025, 36.805}).grid_id, 30);
  EXPECT_EQ(s->lookup({118.03, 36.81}).grid_id, 30) << "corner vertex";
  EXPECT_FALSE(s->lookup({118.031, 36.805}).grid_id);
  EXPECT_FALSE(s->lookup({117.0, 36.805}).grid_id) << "outside the index extent";
}

TEST(Index, ZonesComeSortedAndLookupIntoCountsBeyondTheBuffer) {
  AreaMap zones;
  for (std::int64_t id = 50; id > 0; id -= 10) zones[id] = ptr(box(118.0, 36.8, 118.01 + id * 1e-4, 36.81));
  zones[99] = ptr(box(118.05, 36.8, 118.06, 36.81));
  auto s = IndexSnapshot::build({}, zones);
  EXPECT_EQ(s->lookup({118.005, 36.805}).zone_ids, (std::vector<std::int64_t>{10, 20, 30, 40, 50}));
  EXPECT_EQ(s->lookup({118.0135, 36.805}).zone_ids, (std::vector<std::int64_t>{40, 50}));
  std::optional<std::int64_t> grid = 5;
  std::int64_t buf[2];
  EXPECT_EQ(s->lookup_into({118.005, 36.805}, grid, buf), 5u);
  EXPECT_FALSE(grid);
  EXPECT_EQ(buf[0], 10);
  EXPECT_EQ(buf[1], 20);
}

TEST(Index, HolesAndMultiPolygons) {
  MultiPolygon a = box(118.0, 36.8, 118.01, 36.81);
  a.parts[0].holes.push_back({{118.004, 36.804}, {118.006, 36.804}, {118.006, 36.806}, {118.004, 36.806}, {118.004, 36.804}});
  a.parts.push_back(box(118.02, 36.8, 118.03, 36.81).parts[0]);
  auto s = IndexSnapshot::build({{1, ptr(a)}}, {{2, ptr(a)}});
  for (Point p : {Point{118.005, 36.805}, Point{118.015, 36.805}, Point{118.035, 36.805}}) {
    EXPECT_FALSE(s->lookup(p).grid_id) << p.lng;
    EXPECT_TRUE(s->lookup(p).zone_ids.empty()) << p.lng;
  }
  for (Point p : {Point{118.002, 36.805}, Point{118.004, 36.805}, Point{118.025, 36.805}}) {
    EXPECT_EQ(s->lookup(p).grid_id, 1) << p.lng;
    EXPECT_EQ(s->lookup(p).zone_ids, std::vector<std::int64_t>{2}) << p.lng;
  }
}

// The float shortcut must hand points near an edge to the exact test: a few nanodegrees
// off a diagonal edge, index and contains() agree on which side the point lies.
TEST(Index, PointsHairBesideAnEdgeMatchContains) {
  MultiPolygon tri{{{{{118.0, 36.8}, {118.013, 36.8}, {118.0, 36.8117}, {118.0, 36.8}}, {}}}};
  auto s = IndexSnapshot::build({{1, ptr(tri)}}, {{2, ptr(tri)}});
  for (double t = 0.05; t < 1; t += 0.0731) {
    Point on{118.013 + t * (118.0 - 118.013), 36.8 + t * (36.8117 - 36.8)};
    for (double off : {-1e-7, -1e-9, -1e-12, -1e-15, 0.0, 1e-15, 1e-12, 1e-9, 1e-7}) {
      Point p{on.lng + off, on.lat + off};
      bool want = contains(tri, p);
      Hit h = s->lookup(p);
      EXPECT_EQ(h.grid_id.has_value(), want) << t << " " << off;
      EXPECT_EQ(h.zone_ids.size(), want ? 1u : 0u) << t << " " << off;
    }
  }
}

// Pins the case where a bucket centre lies on an edge: the build must move that bucket's
// reference point, and answers must not change.
TEST(Index, ReferencePointMovesOffAnEdgeThroughTheBucketCentre) {
  IndexOptions opt;
  opt.cells_per_edge = 1e9;
  opt.max_cells = 64;  // fixes the bucket grid, so adding a zone inside keeps it
  AreaMap grids{{1, ptr(box(118.0, 36.8, 118.1, 36.9))}};
  IndexStats st = IndexSnapshot::build(grids, {}, opt)->stats();
  Point c{st.origin.lng + (3 + 0.5) * st.cell_lng, st.origin.lat + (3 + 0.5) * st.cell_lat};
  MultiPolygon tri{{{{c, {c.lng + 0.01, c.lat}, {c.lng, c.lat + 0.01}, c}, {}}}};
  auto s = IndexSnapshot::build(grids, {{5, ptr(tri)}}, opt);
  EXPECT_EQ(s->stats().origin, st.origin);
  EXPECT_GE(s->stats().custom_refs, 1u);
  EXPECT_EQ(s->lookup(c).zone_ids, std::vector<std::int64_t>{5}) << "the vertex itself";
  EXPECT_EQ(s->lookup({c.lng + 0.001, c.lat + 0.001}).zone_ids, std::vector<std::int64_t>{5});
  EXPECT_TRUE(s->lookup({c.lng - 0.001, c.lat + 0.001}).zone_ids.empty());
  EXPECT_TRUE(s->lookup({c.lng + 0.001, c.lat - 0.001}).zone_ids.empty());
}

TEST(Index, ReadersRunWhileEditsPublish) {
  SpatialIndex idx;
  idx.upsert_grid(1, box(118.0, 36.8, 118.01, 36.81));
  std::atomic<bool> stop = false;
  std::atomic<long> wrong = 0;
  std::thread reader([&] {
    while (!stop) {
      auto s = idx.snapshot();
      if (s->lookup({118.005, 36.805}).grid_id != 1) ++wrong;
    }
  });
  for (int i = 0; i < 50; ++i) idx.upsert_zone(i, box(118.0, 36.8, 118.001 + i * 1e-4, 36.81));
  stop = true;
  reader.join();
  EXPECT_EQ(wrong, 0);
  EXPECT_EQ(idx.snapshot()->lookup({118.0005, 36.805}).zone_ids.size(), 50u);
}

}  // namespace
}  // namespace envgrid::geo
