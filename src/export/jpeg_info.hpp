#pragma once
// Pixel size and resolution of a JPEG, read from its markers without decoding it.
#include <optional>
#include <string_view>

namespace envgrid::exporter {

struct JpegInfo {
  int width = 0, height = 0;        // pixels, from the SOF marker
  double x_dpi = 96, y_dpi = 96;    // from JFIF APP0 when it states a density, else 96
};

// Nullopt unless the bytes start with SOI and carry a frame header with a non-zero size.
std::optional<JpegInfo> jpeg_info(std::string_view bytes);

}  // namespace envgrid::exporter
