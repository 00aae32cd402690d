#pragma once
// Photo-like test and demo images: a street scene drawn from a seed, with real EXIF.
// Used by the unit tests, the API tests (through the envgrid_photo tool) and the demo
// town. Deterministic: the same spec gives the same bytes.
#include <cstdint>
#include <optional>
#include <string>

#include "core/time.hpp"

namespace envgrid::media {

struct PhotoSpec {
  int width = 1024, height = 768;        // as displayed; 16…12000 each
  std::uint32_t seed = 0;                // different seeds: different scenes (dHash distance > 10)
  std::optional<core::Millis> taken_at;  // EXIF DateTimeOriginal in Shanghai time, "+08:00"
  std::optional<double> lng, lat;        // EXIF GPS (both or neither), WGS-84
  int quality = 85;                      // JPEG quality 1…100
  std::string caption;                   // drawn at the bottom left when not empty
  int orientation = 1;                   // EXIF orientation 1, 3, 6 or 8: pixels are stored
                                         // rotated so that viewers show the same upright scene
};

// A JPEG of the scene with EXIF Make/Model "envgrid demo", orientation, and the time and
// GPS of the spec. Throws std::invalid_argument on an out-of-range spec.
std::string make_photo_jpeg(const PhotoSpec& spec);

// A PNG (no metadata) of the scene for the seed. REQUIRES 16 <= w, h <= 12000.
std::string make_png(int width, int height, std::uint32_t seed);

}  // namespace envgrid::media
