#pragma once
// Point → grid + zones. An IndexSnapshot is immutable, so any number of threads may read
// it without locks; SpatialIndex publishes a fresh snapshot for every edit (copy-on-write),
// so a reader never sees half an edit and never waits for one.
//
// Layout (see README.md): a uniform bucket grid over the areas' extent. Each bucket lists
// the areas that touch it; an area covering the whole bucket is answered without any
// geometry, and one crossing it carries only the edges inside the bucket plus whether the
// bucket's reference point is inside, so the crossing test runs over a few edges (in float,
// with certified signs; points too close to an edge to certify go to exact contains()).
#include <atomic>
#include <climits>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "geo/geometry.hpp"

namespace envgrid::geo {

using AreaPtr = std::shared_ptr<const MultiPolygon>;
using AreaMap = std::map<std::int64_t, AreaPtr>;  // id → area

struct Hit {
  std::optional<std::int64_t> grid_id;  // the smallest id if grids overlap
  std::vector<std::int64_t> zone_ids;   // ascending
};

struct IndexOptions {
  double cells_per_edge = 0.5;          // bucket count ≈ this × total edge count
  std::size_t max_cells = std::size_t{1} << 22;  // caps memory when areas lie far apart
};

struct IndexStats {
  std::size_t grids = 0, zones = 0, cells_x = 0, cells_y = 0, items = 0, edges = 0, bytes = 0;
  std::size_t direct_cells = 0, custom_refs = 0;  // buckets answered without items; moved references
  double cell_w_m = 0, cell_h_m = 0;
  Point origin;                                 // south-west corner of bucket (0, 0)
  double cell_lng = 0, cell_lat = 0;            // bucket size in degrees
};

// One answer of lookup_batch(): the grid id or kNoGrid, and where this point's zone ids
// sit in the shared output vector.
struct BatchHit {
  static constexpr std::int64_t kNoGrid = INT64_MIN;
  std::int64_t grid_id = kNoGrid;
  std::uint32_t zones_begin = 0, zones_count = 0;
};

class IndexSnapshot {
 public:
  // Builds the index; empty areas are kept in the maps but never match. Throws
  // std::length_error past 2^31 areas or 65 535 areas of one kind meeting one bucket.
  static std::shared_ptr<const IndexSnapshot> build(AreaMap grids, AreaMap zones,
                                                    const IndexOptions& options = {});

  // The grid and zones containing p; boundary points count as inside.
  Hit lookup(Point p) const;

  // Hot path without allocation: sets `grid`, writes the first zones.size() matching zone
  // ids (ascending) into `zones` and returns how many zones contain p (may exceed the span).
  std::size_t lookup_into(Point p, std::optional<std::int64_t>& grid,
                          std::span<std::int64_t> zones) const;

  // The same answers for many points (imports, GPS tracks), faster: prefetching overlaps
  // the memory accesses of consecutive points. REQUIRES out.size() == points.size().
  // Zone ids are appended to `zones`; reuse one vector to avoid allocating.
  void lookup_batch(std::span<const Point> points, std::span<BatchHit> out,
                    std::vector<std::int64_t>& zones) const;

  const AreaMap& grids() const { return grids_; }
  const AreaMap& zones() const { return zones_; }
  IndexStats stats() const;

 private:
  friend class IndexBuilder;
  IndexSnapshot() = default;
  template <class Sink>
  void answer(Point p, std::uint32_t cell_word, std::uint32_t ix, std::uint32_t iy,
              Sink& sink) const;

  // Bucket words: kEmpty; kDirect | area index for a bucket wholly inside one grid and no
  // zone; otherwise the offset of the bucket's record in blob_: a header of 4 words (grid
  // item count | zone item count << 16; reference point choice | kExactOnly; two float
  // error bounds), then per item: its area index (| kInside when the reference point is
  // inside), the size of its edge data in words, and that data: runs of consecutive
  // vertices (count, then x y floats relative to the reference point). One record is
  // contiguous, so a lookup touches one bucket word and one short run of cache lines.
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  static constexpr std::uint32_t kDirect = 0x80000000u;
  static constexpr std::uint32_t kInside = 0x80000000u;
  static constexpr std::uint32_t kExactOnly = 0x80000000u;

  double x0_ = 0, y0_ = 0, cw_ = 1, ch_ = 1, inv_cw_ = 1, inv_ch_ = 1;
  std::uint32_t nx_ = 0, ny_ = 0;
  std::vector<std::uint32_t> cells_;
  std::vector<std::uint32_t> blob_;
  std::vector<std::int64_t> ids_;                // area index → id: grids, then zones, by id
  std::vector<const MultiPolygon*> areas_;       // for the exact fallback
  std::uint32_t grid_count_ = 0;
  AreaMap grids_, zones_;
};

// The shared, editable index. Readers call snapshot() once per request and keep using it;
// edits rebuild the whole index (≈ 0.13 s CPU for 30 000 areas of 16 vertices, 0.24 s of 64,
// docs/benchmarks.md) and are serialized; the old snapshot stays in memory beside the new
// one until its last reader drops it.
class SpatialIndex {
 public:
  explicit SpatialIndex(IndexOptions options = {});

  // The current snapshot (an atomic load; never null).
  std::shared_ptr<const IndexSnapshot> snapshot() const { return current_.load(); }

  void upsert_grid(std::int64_t id, MultiPolygon area);
  void upsert_zone(std::int64_t id, MultiPolygon area);
  bool remove_grid(std::int64_t id);  // false when there was no such grid
  bool remove_zone(std::int64_t id);
  void replace_all(AreaMap grids, AreaMap zones);

 private:
  IndexOptions options_;
  std::mutex edit_mutex_;
  std::atomic<std::shared_ptr<const IndexSnapshot>> current_;
};

}  // namespace envgrid::geo
