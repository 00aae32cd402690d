#pragma once
// The baselines bench/geo_lookup compares against, written the way one would first write
// them: every candidate is tested with geo::contains() over all its rings.
#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <iterator>
#include <optional>
#include <span>
#include <vector>

#include "geo/index.hpp"

namespace envgrid::bench {

struct Candidate {
  geo::Box box;
  std::int64_t id;
  const geo::MultiPolygon* area;
};

inline std::vector<Candidate> candidates(const geo::AreaMap& m) {
  std::vector<Candidate> out;
  for (const auto& [id, a] : m) out.push_back({geo::bounds(*a), id, a.get()});
  return out;
}

// Interface shared by the baselines: grid (smallest id) and zone ids (ascending).
template <class Candidates>
std::size_t answer(const Candidates& grid_cands, const Candidates& zone_cands, geo::Point p,
                   std::optional<std::int64_t>& grid, std::span<std::int64_t> zones) {
  grid.reset();
  for (const Candidate* c : grid_cands)
    if (c->box.contains(p) && geo::contains(*c->area, p)) {
      grid = c->id;
      break;
    }
  std::size_t n = 0;
  for (const Candidate* c : zone_cands)
    if (c->box.contains(p) && geo::contains(*c->area, p)) {
      if (n < zones.size()) zones[n] = c->id;
      ++n;
    }
  return n;
}

// Linear scan over bounding boxes.
class LinearScan {
 public:
  LinearScan(const geo::AreaMap& grids, const geo::AreaMap& zones)
      : grids_(candidates(grids)), zones_(candidates(zones)) {
    for (const auto& c : grids_) gp_.push_back(&c);
    for (const auto& c : zones_) zp_.push_back(&c);
  }
  std::size_t lookup(geo::Point p, std::optional<std::int64_t>& grid, std::span<std::int64_t> zones) const {
    return answer(gp_, zp_, p, grid, zones);
  }

 private:
  std::vector<Candidate> grids_, zones_;
  std::vector<const Candidate*> gp_, zp_;
};

// A uniform bucket grid listing, per bucket, every area whose bounding box meets it: no
// "wholly inside" shortcut, no per-bucket edges, full contains() on each candidate.
class NaiveBuckets {
 public:
  NaiveBuckets(const geo::AreaMap& grids, const geo::AreaMap& zones, geo::Box ext, double side_deg_lat, double kx_over_ky)
      : grids_(candidates(grids)), zones_(candidates(zones)), ext_(ext) {
    ch_ = side_deg_lat, cw_ = side_deg_lat / kx_over_ky;
    nx_ = int((ext.max_lng - ext.min_lng) / cw_) + 1, ny_ = int((ext.max_lat - ext.min_lat) / ch_) + 1;
    gb_.resize(std::size_t(nx_) * ny_), zb_.resize(std::size_t(nx_) * ny_);
    fill(grids_, gb_);
    fill(zones_, zb_);
  }
  std::size_t lookup(geo::Point p, std::optional<std::int64_t>& grid, std::span<std::int64_t> zones) const {
    int ix = int((p.lng - ext_.min_lng) / cw_), iy = int((p.lat - ext_.min_lat) / ch_);
    if (ix < 0 || iy < 0 || ix >= nx_ || iy >= ny_) return grid.reset(), 0;
    std::size_t b = std::size_t(iy) * nx_ + ix;
    return answer(gb_[b], zb_[b], p, grid, zones);
  }

 private:
  void fill(const std::vector<Candidate>& cands, std::vector<std::vector<const Candidate*>>& buckets) {
    for (const Candidate& c : cands) {
      int x0 = std::max(0, int((c.box.min_lng - ext_.min_lng) / cw_)), x1 = std::min(nx_ - 1, int((c.box.max_lng - ext_.min_lng) / cw_));
      int y0 = std::max(0, int((c.box.min_lat - ext_.min_lat) / ch_)), y1 = std::min(ny_ - 1, int((c.box.max_lat - ext_.min_lat) / ch_));
      for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) buckets[std::size_t(y) * nx_ + x].push_back(&c);
    }
  }
  std::vector<Candidate> grids_, zones_;
  geo::Box ext_;
  double cw_, ch_;
  int nx_, ny_;
  std::vector<std::vector<const Candidate*>> gb_, zb_;
};

// Boost.Geometry R*-tree over bounding boxes (the design document's first idea).
class RtreeIndex {
  using BPoint = boost::geometry::model::point<double, 2, boost::geometry::cs::cartesian>;
  using BBox = boost::geometry::model::box<BPoint>;
  using Value = std::pair<BBox, const Candidate*>;
  using Tree = boost::geometry::index::rtree<Value, boost::geometry::index::rstar<16>>;

 public:
  RtreeIndex(const geo::AreaMap& grids, const geo::AreaMap& zones)
      : grids_(candidates(grids)), zones_(candidates(zones)), gt_(values(grids_)), zt_(values(zones_)) {}
  std::size_t lookup(geo::Point p, std::optional<std::int64_t>& grid, std::span<std::int64_t> zones) const {
    thread_local std::vector<Value> hits;
    thread_local std::vector<const Candidate*> g, z;
    namespace bgi = boost::geometry::index;
    BPoint q(p.lng, p.lat);
    auto collect = [&](const Tree& t, std::vector<const Candidate*>& out) {
      hits.clear(), out.clear();
      t.query(bgi::intersects(q), std::back_inserter(hits));
      for (const Value& v : hits) out.push_back(v.second);
      std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->id < b->id; });
    };
    collect(gt_, g);
    collect(zt_, z);
    return answer(g, z, p, grid, zones);
  }

 private:
  static Tree values(const std::vector<Candidate>& cands) {
    std::vector<Value> v;
    for (const Candidate& c : cands)
      v.push_back({BBox(BPoint(c.box.min_lng, c.box.min_lat), BPoint(c.box.max_lng, c.box.max_lat)), &c});
    return Tree(v);  // bulk loading (packing)
  }
  std::vector<Candidate> grids_, zones_;
  Tree gt_, zt_;
};

}  // namespace envgrid::bench
