// Builds an IndexSnapshot in linear passes: rasterize edges into buckets, pick each
// bucket's reference point, classify every area's buckets by scanlines, then lay out the
// flat arrays lookup() reads. Counting sorts keep every pass O(n) and deterministic.
#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

#include "geo/index.hpp"
#include "geo/index_ref.hpp"

namespace envgrid::geo {

class IndexBuilder {
 public:
  IndexBuilder(AreaMap grids, AreaMap zones, const IndexOptions& opt)
      : opt_(opt), s_(new IndexSnapshot()) {
    s_->grids_ = std::move(grids);
    s_->zones_ = std::move(zones);
  }

  std::shared_ptr<const IndexSnapshot> run() {
    collect();
    if (!segs_.empty()) {
      choose_cells();
      rasterize();
      choose_refs();
      classify();
      assemble();
    }
    return std::shared_ptr<const IndexSnapshot>(s_.release());
  }

 private:
  struct Seg {
    Point a, b;
  };
  static constexpr double kFloatU = 1.0 / (1 << 24);      // float unit roundoff
  static constexpr std::uint16_t kExactOnly = 0x8000;     // in ref_: no float shortcut here
  struct ItemRec {
    std::uint32_t cell, area;  // area carries kInside
  };

  void collect() {
    for (const AreaMap* m : {&s_->grids_, &s_->zones_}) {
      for (const auto& [id, area] : *m) {
        s_->ids_.push_back(id);
        s_->areas_.push_back(area.get());
        area_seg_begin_.push_back(segs_.size());
        if (!area) continue;
        auto add = [this](const Ring& r) {
          for (std::size_t i = 0; i + 1 < r.size(); ++i)
            if (!(r[i] == r[i + 1])) {
              segs_.push_back({r[i], r[i + 1]});
              seg_area_.push_back(static_cast<std::uint32_t>(s_->ids_.size() - 1));
            }
        };
        for (const Polygon& poly : area->parts) {
          add(poly.outer);
          for (const Ring& h : poly.holes) add(h);
        }
      }
      if (m == &s_->grids_) s_->grid_count_ = static_cast<std::uint32_t>(s_->ids_.size());
    }
    area_seg_begin_.push_back(segs_.size());
    if (s_->ids_.size() >= IndexSnapshot::kInside || segs_.size() >= 0xFFFFFFFFu)
      throw std::length_error("geo index: too many areas or edges");
  }

  // Square buckets in metres, sized so their count tracks the edge count: the buckets
  // then carry a few edges each and most points fall in buckets needing no geometry.
  void choose_cells() {
    double minx = 1e300, miny = 1e300, maxx = -1e300, maxy = -1e300;
    for (const Seg& s : segs_)
      for (Point p : {s.a, s.b}) {
        minx = std::min(minx, p.lng), maxx = std::max(maxx, p.lng);
        miny = std::min(miny, p.lat), maxy = std::max(maxy, p.lat);
      }
    constexpr double kMetresPerDegree = 6371008.8 * 3.14159265358979323846 / 180.0;
    double ky = kMetresPerDegree, kx = ky * std::cos((miny + maxy) / 2 * 3.14159265358979323846 / 180.0);
    double w = std::max((maxx - minx) * kx, 1.0), h = std::max((maxy - miny) * ky, 1.0);
    double max_cells = static_cast<double>(std::max<std::size_t>(opt_.max_cells, 16));
    double target = std::clamp(opt_.cells_per_edge * static_cast<double>(segs_.size()), 1.0, max_cells);
    double side = std::sqrt(w * h / target);
    for (;;) {
      nx_ = static_cast<std::uint32_t>(std::floor(w / side)) + 2;
      ny_ = static_cast<std::uint32_t>(std::floor(h / side)) + 2;
      if (static_cast<double>(nx_) * ny_ <= max_cells) break;
      side *= 1.05;
    }
    s_->cw_ = side / kx, s_->ch_ = side / ky;
    s_->inv_cw_ = 1 / s_->cw_, s_->inv_ch_ = 1 / s_->ch_;
    // A margin that is not half a bucket, or the first row and column of centres would sit
    // exactly on every area's westmost and southmost edges when those are axis-parallel.
    s_->x0_ = minx - s_->cw_ * 0.382, s_->y0_ = miny - s_->ch_ * 0.382;
    s_->nx_ = nx_, s_->ny_ = ny_;
    ncells_ = static_cast<std::size_t>(nx_) * ny_;
    ex_ = s_->cw_ * 1e-6, ey_ = s_->ch_ * 1e-6;
  }

  std::uint32_t col(double x) const {
    double f = std::floor((x - s_->x0_) * s_->inv_cw_);
    return static_cast<std::uint32_t>(std::clamp(f, 0.0, double(nx_ - 1)));
  }
  std::uint32_t row(double y) const {
    double f = std::floor((y - s_->y0_) * s_->inv_ch_);
    return static_cast<std::uint32_t>(std::clamp(f, 0.0, double(ny_ - 1)));
  }
  Point ref(std::size_t cell, std::uint32_t k) const {
    return detail::ref_point(s_->x0_, s_->y0_, s_->cw_, s_->ch_, cell % nx_, cell / nx_, k);
  }

  // Every bucket a segment touches, with buckets grown by 1e-6 of their size: a superset
  // is harmless (a far edge never crosses the test segment), a miss would be a wrong answer.
  void rasterize() {
    rec_cell_.reserve(segs_.size() * 2);
    for (std::size_t si = 0; si < segs_.size(); ++si) {
      seg_rec_begin_.push_back(rec_cell_.size());
      auto [a, b] = segs_[si];
      double ylo = std::min(a.lat, b.lat) - ey_, yhi = std::max(a.lat, b.lat) + ey_;
      double xmin = std::min(a.lng, b.lng), xmax = std::max(a.lng, b.lng);
      for (std::uint32_t iy = row(ylo), iy1 = row(yhi); iy <= iy1; ++iy) {
        double lo = std::max(ylo, s_->y0_ + iy * s_->ch_ - ey_);
        double hi = std::min(yhi, s_->y0_ + (iy + 1) * s_->ch_ + ey_);
        double xl = xmin, xr = xmax;
        if (a.lat != b.lat) {
          double k = (b.lng - a.lng) / (b.lat - a.lat);
          double x1 = a.lng + (lo - a.lat) * k, x2 = a.lng + (hi - a.lat) * k;
          xl = std::max(xmin, std::min(x1, x2)), xr = std::min(xmax, std::max(x1, x2));
        }
        for (std::uint32_t ix = col(xl - ex_), ix1 = col(xr + ex_); ix <= ix1; ++ix) {
          rec_cell_.push_back(static_cast<std::uint32_t>(std::size_t{iy} * nx_ + ix));
        }
      }
    }
    seg_rec_begin_.push_back(rec_cell_.size());
    // Counting sort by bucket; within a bucket, edges stay in segment (hence area) order.
    cell_edge_begin_.assign(ncells_ + 1, 0);
    for (std::uint32_t c : rec_cell_) ++cell_edge_begin_[c + 1];
    for (std::size_t c = 0; c < ncells_; ++c) cell_edge_begin_[c + 1] += cell_edge_begin_[c];
    cell_edge_seg_.resize(rec_cell_.size());
    std::vector<std::uint32_t> fill(cell_edge_begin_.begin(), cell_edge_begin_.end() - 1);
    for (std::size_t si = 0; si + 1 < seg_rec_begin_.size(); ++si)
      for (std::size_t r = seg_rec_begin_[si]; r < seg_rec_begin_[si + 1]; ++r)
        cell_edge_seg_[fill[rec_cell_[r]]++] = static_cast<std::uint32_t>(si);
  }

  // The reference point r must stay clear of every edge line in its bucket: the scanline
  // classification needs that, and the lookup reads the side of r from each edge in float
  // arithmetic, which must give the exact sign. A bucket where no candidate achieves both
  // is answered by contains() alone (kExactOnly); that takes edges of a few metres over
  // kilometres, in practice never.
  void choose_refs() {
    ref_.assign(ncells_, 0);
    const double tol = 1e-6 * std::min(s_->cw_, s_->ch_);
    for (std::size_t c = 0; c < ncells_; ++c) {
      std::uint32_t eb = cell_edge_begin_[c], ee = cell_edge_begin_[c + 1];
      if (eb == ee) continue;
      double best = -1;
      std::uint32_t best_k = 0;
      for (std::uint32_t k = 0; k < 1024; ++k) {
        const Point r = ref(c, k);
        double worst = 1e300;  // below 1: too close by one of the two criteria
        for (std::uint32_t e = eb; e < ee && worst > 1; ++e) {
          auto [a, b] = segs_[cell_edge_seg_[e]];
          double ax = a.lng - r.lng, ay = a.lat - r.lat, bx = b.lng - r.lng, by = b.lat - r.lat;
          double cross = ax * by - ay * bx;
          double dist = std::fabs(cross) / std::hypot(bx - ax, by - ay);
          double float_bound = 12 * kFloatU * (std::fabs(ax * by) + std::fabs(ay * bx));
          double certain = std::fabs(cross) > float_bound ? 2.0 : 0.0;  // float sign of `cross` is exact
          worst = std::min({worst, dist / tol, certain});
        }
        if (worst > best) best = worst, best_k = k;
        if (worst > 1) break;
      }
      ref_[c] = static_cast<std::uint16_t>(best_k) | (best > 1 ? 0 : kExactOnly);
    }
  }

  // For each area: buckets holding its edges get an item with the reference point's
  // status; buckets without its edges whose centre is inside are wholly inside. Both come
  // from one sorted list of scanline crossings per bucket row.
  void classify() {
    std::vector<std::uint32_t> stamp(ncells_, 0), edge_cells;
    std::vector<double> xs;
    const std::uint32_t n_areas = static_cast<std::uint32_t>(s_->ids_.size());
    for (std::uint32_t g = 0; g < n_areas; ++g) {
      std::size_t sb = area_seg_begin_[g], se = area_seg_begin_[g + 1];
      if (sb == se) continue;
      edge_cells.clear();
      for (std::size_t r = seg_rec_begin_[sb]; r < seg_rec_begin_[se]; ++r) {
        std::uint32_t c = rec_cell_[r];
        if (stamp[c] != g + 1) stamp[c] = g + 1, edge_cells.push_back(c);
      }
      std::sort(edge_cells.begin(), edge_cells.end());
      std::uint32_t iy0 = edge_cells.front() / nx_, iy1 = edge_cells.back() / nx_;
      std::size_t next_edge_cell = 0;
      for (std::uint32_t iy = iy0; iy <= iy1; ++iy) {
        const double y = detail::ref_point(s_->x0_, s_->y0_, s_->cw_, s_->ch_, 0, iy, 0).lat;
        xs.clear();
        for (std::size_t si = sb; si < se; ++si) {
          auto [a, b] = segs_[si];
          if ((a.lat > y) != (b.lat > y))
            xs.push_back(a.lng + (y - a.lat) * (b.lng - a.lng) / (b.lat - a.lat));
        }
        std::sort(xs.begin(), xs.end());
        const std::size_t row_base = std::size_t{iy} * nx_;
        for (std::size_t j = 0; j + 1 < xs.size(); j += 2) {
          for (std::uint32_t ix = col(xs[j]); ix < nx_; ++ix) {
            double cx = ref(row_base + ix, 0).lng;
            if (cx <= xs[j]) continue;
            if (cx >= xs[j + 1]) break;
            if (stamp[row_base + ix] != g + 1) items_.push_back({std::uint32_t(row_base + ix), g | IndexSnapshot::kInside});
          }
        }
        for (; next_edge_cell < edge_cells.size() && edge_cells[next_edge_cell] / nx_ == iy; ++next_edge_cell) {
          std::uint32_t c = edge_cells[next_edge_cell];
          std::uint32_t k = ref_[c] & ~kExactOnly;
          bool inside;
          if (k == 0) {
            double cx = ref(c, 0).lng;
            inside = (std::upper_bound(xs.begin(), xs.end(), cx) - xs.begin()) % 2 == 1;
          } else {
            inside = contains(*area(g), ref(c, k));
          }
          items_.push_back({c, g | (inside ? IndexSnapshot::kInside : 0u)});
        }
      }
    }
  }

  const MultiPolygon* area(std::uint32_t g) const { return s_->areas_[g]; }

  void assemble() {
    // Counting sort of items by bucket keeps each bucket's items in area order: grids
    // first by id (the first match wins), then zones by id (answers come out sorted).
    std::vector<std::uint32_t> begin(ncells_ + 1, 0);
    for (const ItemRec& it : items_) ++begin[it.cell + 1];
    for (std::size_t c = 0; c < ncells_; ++c) begin[c + 1] += begin[c];
    std::vector<std::uint32_t> order(items_.size()), fill(begin.begin(), begin.end() - 1);
    for (std::uint32_t i = 0; i < items_.size(); ++i) order[fill[items_[i].cell]++] = i;

    constexpr std::uint32_t kInside = IndexSnapshot::kInside;
    auto& cells = s_->cells_;
    auto& blob = s_->blob_;
    cells.assign(ncells_, IndexSnapshot::kEmpty);
    blob.reserve(items_.size() * 2 + cell_edge_seg_.size() * 4);
    const double q_max = std::max(s_->cw_, s_->ch_);
    for (std::size_t c = 0; c < ncells_; ++c) {
      std::uint32_t ib = begin[c], ie = begin[c + 1];
      std::uint32_t eb = cell_edge_begin_[c], ee = cell_edge_begin_[c + 1];
      if (ib == ie) continue;
      std::uint32_t n_grid = 0;
      while (ib + n_grid < ie && (items_[order[ib + n_grid]].area & ~kInside) < s_->grid_count_) ++n_grid;
      std::uint32_t n_zone = ie - ib - n_grid;
      if (n_grid > 0xFFFF || n_zone > 0xFFFF) throw std::length_error("geo index: too many areas overlap one bucket");
      if (n_grid == 1 && n_zone == 0 && eb == ee) {
        cells[c] = IndexSnapshot::kDirect | (items_[order[ib]].area & ~kInside);
        continue;
      }
      cells[c] = static_cast<std::uint32_t>(blob.size());
      const std::uint32_t k = ref_[c] & ~kExactOnly;
      const Point r = ref(c, k);
      const std::size_t header = blob.size();
      blob.insert(blob.end(), {n_grid | n_zone << 16, k | (ref_[c] & kExactOnly ? IndexSnapshot::kExactOnly : 0), 0, 0});
      double m = 0;  // largest coordinate magnitude, for the float error bounds
      std::uint32_t e = eb;
      for (std::uint32_t i = ib; i < ie; ++i) {
        const ItemRec& it = items_[order[i]];
        const std::uint32_t g = it.area & ~kInside;
        blob.push_back(it.area);
        const std::size_t size_at = blob.size();
        blob.push_back(0);
        std::size_t run_at = 0;
        Point prev_b{NAN, NAN};
        auto vertex = [&](Point v) {
          // Exact translation (Sterbenz), then float: every sign the lookup certifies is exact.
          double x = v.lng - r.lng, y = v.lat - r.lat;
          m = std::max({m, std::fabs(x), std::fabs(y)});
          blob.push_back(std::bit_cast<std::uint32_t>(static_cast<float>(x)));
          blob.push_back(std::bit_cast<std::uint32_t>(static_cast<float>(y)));
          ++blob[run_at];
        };
        for (; e < ee && seg_area_[cell_edge_seg_[e]] == g; ++e) {
          auto [a, b] = segs_[cell_edge_seg_[e]];
          if (!(a == prev_b)) {  // start a new run of consecutive edges
            run_at = blob.size();
            blob.push_back(0);
            vertex(a);
          }
          vertex(b);
          prev_b = b;
        }
        blob[size_at] = static_cast<std::uint32_t>(blob.size() - size_at - 1);
      }
      // Float rounding bounds for the side and orientation terms (|q| ≤ bucket size):
      // the worst cases are ≈ 8u·Q·M and ≈ 25u·M·(Q + M); these keep a margin over both.
      blob[header + 2] = std::bit_cast<std::uint32_t>(static_cast<float>(32 * kFloatU * q_max * m * 1.01));
      blob[header + 3] = std::bit_cast<std::uint32_t>(static_cast<float>(64 * kFloatU * m * (q_max + m) * 1.01));
    }
    if (blob.size() >= IndexSnapshot::kDirect) throw std::length_error("geo index: too many bucket entries");
  }

  IndexOptions opt_;
  std::unique_ptr<IndexSnapshot> s_;
  std::uint32_t nx_ = 0, ny_ = 0;
  std::size_t ncells_ = 0;
  double ex_ = 0, ey_ = 0;
  std::vector<Seg> segs_;
  std::vector<std::uint32_t> seg_area_;
  std::vector<std::size_t> area_seg_begin_;
  std::vector<std::size_t> seg_rec_begin_;
  std::vector<std::uint32_t> rec_cell_;
  std::vector<std::uint32_t> cell_edge_begin_;
  std::vector<std::uint32_t> cell_edge_seg_;
  std::vector<ItemRec> items_;
  std::vector<std::uint16_t> ref_;  // reference point choice per bucket
};

std::shared_ptr<const IndexSnapshot> IndexSnapshot::build(AreaMap grids, AreaMap zones,
                                                          const IndexOptions& options) {
  return IndexBuilder(std::move(grids), std::move(zones), options).run();
}

}  // namespace envgrid::geo
