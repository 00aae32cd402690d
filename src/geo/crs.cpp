#include "geo/crs.hpp"

#include <cmath>

namespace envgrid::geo {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kA = 6378245.0;                   // Krasovsky 1940 semi-major axis
constexpr double kEe = 0.00669342162296594323;     // its first eccentricity squared

double offset_lat(double x, double y) {
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}

double offset_lng(double x, double y) {
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}

}  // namespace

Point wgs84_to_gcj02(Point w) {
  if (!in_china(w)) return w;
  double dlat = offset_lat(w.lng - 105.0, w.lat - 35.0);
  double dlng = offset_lng(w.lng - 105.0, w.lat - 35.0);
  double rad_lat = w.lat / 180.0 * kPi;
  double magic = std::sin(rad_lat);
  magic = 1 - kEe * magic * magic;
  double sqrt_magic = std::sqrt(magic);
  dlat = (dlat * 180.0) / ((kA * (1 - kEe)) / (magic * sqrt_magic) * kPi);
  dlng = (dlng * 180.0) / (kA / sqrt_magic * std::cos(rad_lat) * kPi);
  return {w.lng + dlng, w.lat + dlat};
}

Point gcj02_to_wgs84(Point g) {
  if (!in_china(g)) return g;
  Point w = g;
  // The offset changes by < 1e-5 of its size per degree, so each step gains ~5 digits.
  for (int i = 0; i < 30; ++i) {
    Point image = wgs84_to_gcj02(w);
    double dx = image.lng - g.lng, dy = image.lat - g.lat;
    w.lng -= dx;
    w.lat -= dy;
    if (std::fabs(dx) < 1e-9 && std::fabs(dy) < 1e-9) break;
  }
  return w;
}

}  // namespace envgrid::geo
