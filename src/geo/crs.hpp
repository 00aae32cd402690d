#pragma once
// WGS-84 ⇄ GCJ-02 (the "Mars" datum of Chinese web maps: AutoNavi/Gaode, Tencent). envgrid
// stores WGS-84; GCJ-02 is only for importing from and displaying on such maps.
#include "geo/geometry.hpp"

namespace envgrid::geo {

// The published forward formula (Krasovsky ellipsoid constants). Points outside
// in_china() are returned unchanged, as the public implementations do.
Point wgs84_to_gcj02(Point wgs);

// Inverse by fixed-point iteration until the forward image is within 1e-9° of `gcj`
// (≈ 0.1 mm; the offset field is smooth, so this takes a handful of steps).
Point gcj02_to_wgs84(Point gcj);

}  // namespace envgrid::geo
