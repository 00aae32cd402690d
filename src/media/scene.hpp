#pragma once
// A deterministic, photo-like street scene drawn into a plain RGB buffer. Internal to
// src/media; photo.hpp turns it into files.
#include <cstdint>
#include <string_view>
#include <vector>

namespace envgrid::media::detail {

struct Canvas {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;  // row-major, 3 bytes per pixel
};

// Sky with a sun glow, skyline, ground with a road, boxes, a litter pile, poles and wires,
// all placed by the seed. Geometry is relative to the size, so one seed at two sizes is
// the same picture. REQUIRES width, height >= 16.
Canvas render_scene(int width, int height, std::uint32_t seed);

// Draws text (UTF-8, Chinese included) in white with a dark shadow at the bottom left,
// wrapped to the canvas width, like a phone "watermark camera" caption.
void draw_caption(Canvas& c, std::string_view text);

}  // namespace envgrid::media::detail
