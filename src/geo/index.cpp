#include "geo/index.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "geo/index_ref.hpp"

namespace envgrid::geo {
namespace {

enum : int { kOut = 0, kIn = 1, kUnsure = 2 };

// Whether q (relative to the bucket's reference point r, whose status is `inside`) is in
// the area: count the edges that cross the segment r→q. An edge a→b crosses when a and b
// lie on different sides of the line r→q (half-open, so a vertex on that line counts
// once) and r and q lie on different sides of the edge's line.
// Floats halve the memory a lookup touches; eps_s and eps_o bound their rounding error,
// so every sign used is the exact one (the build made sure of it for the side of r), and
// q closer to a line than that (boundary points included) is kUnsure and goes to the
// exact contains().
inline int item_test(bool inside, const std::uint32_t* w, const std::uint32_t* end, float qx,
                     float qy, float eps_s, float eps_o) {
  while (w != end) {
    const std::uint32_t n = *w++;
    float ax = std::bit_cast<float>(w[0]), ay = std::bit_cast<float>(w[1]);
    float sa = qx * ay - qy * ax;
    if (std::fabs(sa) <= eps_s) [[unlikely]] return kUnsure;
    w += 2;
    for (std::uint32_t i = 1; i < n; ++i, w += 2) {
      float bx = std::bit_cast<float>(w[0]), by = std::bit_cast<float>(w[1]);
      float sb = qx * by - qy * bx;
      float o = (bx - ax) * (qy - ay) - (by - ay) * (qx - ax);
      float r_side = ax * by - ay * bx;
      if (std::fabs(sb) <= eps_s || std::fabs(o) <= eps_o) [[unlikely]] return kUnsure;
      inside ^= ((sa > 0) != (sb > 0)) & ((o > 0) != (r_side > 0));
      ax = bx, ay = by, sa = sb;
    }
  }
  return inside ? kIn : kOut;
}

struct SpanSink {
  std::optional<std::int64_t>& grid;
  std::span<std::int64_t> zones;
  std::size_t n = 0;
  void set_grid(std::int64_t id) { grid = id; }
  void add_zone(std::int64_t id) {
    if (n < zones.size()) zones[n] = id;
    ++n;
  }
};

struct BatchSink {
  BatchHit& hit;
  std::vector<std::int64_t>& zones;
  void set_grid(std::int64_t id) { hit.grid_id = id; }
  void add_zone(std::int64_t id) {
    zones.push_back(id);
    ++hit.zones_count;
  }
};

}  // namespace

template <class Sink>
void IndexSnapshot::answer(Point p, std::uint32_t w, std::uint32_t ix, std::uint32_t iy,
                           Sink& sink) const {
  if (w & kDirect) {
    if (w != kEmpty) sink.set_grid(ids_[w & ~kDirect]);
    return;
  }
  const std::uint32_t* b = blob_.data() + w;
  const std::uint32_t n_grid = b[0] & 0xFFFF, n_zone = b[0] >> 16;
  const Point r = detail::ref_point(x0_, y0_, cw_, ch_, ix, iy, b[1] & ~kExactOnly);
  const bool exact_only = b[1] & kExactOnly;
  const float eps_s = std::bit_cast<float>(b[2]), eps_o = std::bit_cast<float>(b[3]);
  // p − r is exact in double (Sterbenz); rounding it to float is within the error bounds.
  const float qx = static_cast<float>(p.lng - r.lng), qy = static_cast<float>(p.lat - r.lat);
  b += 4;
  auto test = [&](const std::uint32_t* item) {
    const std::uint32_t* data = item + 2;
    int t = item[1] == 0 ? ((item[0] & kInside) ? kIn : kOut)
            : exact_only ? kUnsure
                         : item_test(item[0] & kInside, data, data + item[1], qx, qy, eps_s, eps_o);
    return t == kUnsure ? contains(*areas_[item[0] & ~kInside], p) : t == kIn;
  };
  bool found = false;
  for (std::uint32_t i = 0; i < n_grid; ++i, b += 2 + b[1]) {
    if (!found && test(b)) {
      sink.set_grid(ids_[b[0] & ~kInside]);  // items are in id order: the smallest wins
      found = true;
    }
  }
  for (std::uint32_t i = 0; i < n_zone; ++i, b += 2 + b[1])
    if (test(b)) sink.add_zone(ids_[b[0] & ~kInside]);
}

std::size_t IndexSnapshot::lookup_into(Point p, std::optional<std::int64_t>& grid,
                                       std::span<std::int64_t> zones) const {
  grid.reset();
  double fx = (p.lng - x0_) * inv_cw_, fy = (p.lat - y0_) * inv_ch_;
  if (!(fx >= 0 && fy >= 0 && fx < nx_ && fy < ny_)) return 0;  // outside, or NaN
  const std::uint32_t ix = static_cast<std::uint32_t>(fx), iy = static_cast<std::uint32_t>(fy);
  SpanSink sink{grid, zones};
  answer(p, cells_[std::size_t{iy} * nx_ + ix], ix, iy, sink);
  return sink.n;
}

// A three-stage pipeline: answer point i − 16; read the bucket word of point i − 8 and
// prefetch its record; compute point i's bucket and prefetch its word (into the slot
// just freed). The memory latency of ~16 points then overlaps instead of adding up.
void IndexSnapshot::lookup_batch(std::span<const Point> points, std::span<BatchHit> out,
                                 std::vector<std::int64_t>& zones) const {
  constexpr std::size_t kAhead = 16, kHalf = 8;
  struct Slot {
    std::uint32_t ix, iy, word;
  };
  Slot ring[kAhead];
  const std::size_t n = points.size();
  for (std::size_t i = 0; i < n + kAhead; ++i) {
    if (i >= kAhead) {
      const std::size_t k = i - kAhead;
      const Slot& s = ring[k % kAhead];
      out[k] = BatchHit{};
      out[k].zones_begin = static_cast<std::uint32_t>(zones.size());
      BatchSink sink{out[k], zones};
      answer(points[k], s.word, s.ix, s.iy, sink);
    }
    if (i >= kHalf && i - kHalf < n) {
      Slot& s = ring[(i - kHalf) % kAhead];
      if (s.ix != UINT32_MAX) {
        s.word = cells_[std::size_t{s.iy} * nx_ + s.ix];
        if (!(s.word & kDirect)) {
          __builtin_prefetch(blob_.data() + s.word);
          if (s.word + 16 < blob_.size()) __builtin_prefetch(blob_.data() + s.word + 16);
        }
      }
    }
    if (i < n) {
      Slot& s = ring[i % kAhead];
      double fx = (points[i].lng - x0_) * inv_cw_, fy = (points[i].lat - y0_) * inv_ch_;
      if (fx >= 0 && fy >= 0 && fx < nx_ && fy < ny_) {
        s.ix = static_cast<std::uint32_t>(fx), s.iy = static_cast<std::uint32_t>(fy);
        s.word = 0;
        __builtin_prefetch(&cells_[std::size_t{s.iy} * nx_ + s.ix]);
      } else {
        s.word = kEmpty, s.ix = s.iy = UINT32_MAX;
      }
    }
  }
}

Hit IndexSnapshot::lookup(Point p) const {
  Hit hit;
  std::array<std::int64_t, 32> buf;
  std::size_t n = lookup_into(p, hit.grid_id, buf);
  if (n <= buf.size()) {
    hit.zone_ids.assign(buf.begin(), buf.begin() + n);
  } else {
    hit.zone_ids.resize(n);
    lookup_into(p, hit.grid_id, hit.zone_ids);
  }
  return hit;
}

IndexStats IndexSnapshot::stats() const {
  IndexStats st;
  st.grids = grids_.size();
  st.zones = zones_.size();
  st.cells_x = nx_;
  st.cells_y = ny_;
  for (std::uint32_t w : cells_) {
    if (w == kEmpty) continue;
    if (w & kDirect) {
      ++st.direct_cells;
      continue;
    }
    const std::uint32_t* b = blob_.data() + w;
    st.custom_refs += b[1] != 0;
    std::uint32_t n_items = (b[0] & 0xFFFF) + (b[0] >> 16);
    b += 4;
    for (std::uint32_t i = 0; i < n_items; ++i, b += 2 + b[1]) {
      st.items++;
      for (const std::uint32_t* w = b + 2; w != b + 2 + b[1]; w += 1 + 2 * *w) st.edges += *w - 1;
    }
  }
  st.bytes = cells_.size() * 4 + blob_.size() * 4 + ids_.size() * 8 + areas_.size() * 8;
  constexpr double kMetresPerDegree = 6371008.8 * 3.14159265358979323846 / 180.0;
  double mid_lat = y0_ + ch_ * ny_ / 2;
  st.cell_h_m = ch_ * kMetresPerDegree;
  st.cell_w_m = cw_ * kMetresPerDegree * std::cos(mid_lat * 3.14159265358979323846 / 180.0);
  st.origin = {x0_, y0_};
  st.cell_lng = cw_;
  st.cell_lat = ch_;
  return st;
}

SpatialIndex::SpatialIndex(IndexOptions options)
    : options_(options), current_(IndexSnapshot::build({}, {}, options)) {}

// Each edit copies the id maps (shared_ptrs, so the polygons themselves are not copied),
// rebuilds, and swaps the pointer; readers holding the old snapshot keep it alive.
void SpatialIndex::upsert_grid(std::int64_t id, MultiPolygon area) {
  std::lock_guard lock(edit_mutex_);
  auto cur = current_.load();
  AreaMap grids = cur->grids();
  grids[id] = std::make_shared<const MultiPolygon>(std::move(area));
  current_.store(IndexSnapshot::build(std::move(grids), cur->zones(), options_));
}

void SpatialIndex::upsert_zone(std::int64_t id, MultiPolygon area) {
  std::lock_guard lock(edit_mutex_);
  auto cur = current_.load();
  AreaMap zones = cur->zones();
  zones[id] = std::make_shared<const MultiPolygon>(std::move(area));
  current_.store(IndexSnapshot::build(cur->grids(), std::move(zones), options_));
}

bool SpatialIndex::remove_grid(std::int64_t id) {
  std::lock_guard lock(edit_mutex_);
  auto cur = current_.load();
  AreaMap grids = cur->grids();
  if (grids.erase(id) == 0) return false;
  current_.store(IndexSnapshot::build(std::move(grids), cur->zones(), options_));
  return true;
}

bool SpatialIndex::remove_zone(std::int64_t id) {
  std::lock_guard lock(edit_mutex_);
  auto cur = current_.load();
  AreaMap zones = cur->zones();
  if (zones.erase(id) == 0) return false;
  current_.store(IndexSnapshot::build(cur->grids(), std::move(zones), options_));
  return true;
}

void SpatialIndex::replace_all(AreaMap grids, AreaMap zones) {
  std::lock_guard lock(edit_mutex_);
  current_.store(IndexSnapshot::build(std::move(grids), std::move(zones), options_));
}

}  // namespace envgrid::geo
