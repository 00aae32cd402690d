#pragma once
// Internal to geo: where a bucket's reference point sits. Build and lookup must compute it
// with the very same expression so both see the same double.
#include <cmath>
#include <cstdint>

#include "geo/geometry.hpp"

namespace envgrid::geo::detail {

// Candidate 0 is the bucket centre; the others follow the R2 low-discrepancy sequence,
// kept 10 % away from the sides. A candidate is used when the centre lies (nearly) on the
// line of an edge in the bucket, which would make the crossing test ambiguous.
inline Point ref_point(double x0, double y0, double cw, double ch, std::uint32_t ix,
                       std::uint32_t iy, std::uint32_t k) {
  double fx = 0.5, fy = 0.5;
  if (k != 0) {
    double u = 0.5 + k * 0.7548776662466927, v = 0.5 + k * 0.5698402909980532;
    fx = 0.1 + 0.8 * (u - std::floor(u));
    fy = 0.1 + 0.8 * (v - std::floor(v));
  }
  return {x0 + (ix + fx) * cw, y0 + (iy + fy) * ch};
}

}  // namespace envgrid::geo::detail
