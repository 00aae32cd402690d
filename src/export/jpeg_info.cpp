#include "export/jpeg_info.hpp"

namespace envgrid::exporter {
namespace {

unsigned u8(std::string_view b, std::size_t i) { return static_cast<unsigned char>(b[i]); }
unsigned u16(std::string_view b, std::size_t i) { return (u8(b, i) << 8) | u8(b, i + 1); }

}  // namespace

std::optional<JpegInfo> jpeg_info(std::string_view b) {
  if (b.size() < 4 || u8(b, 0) != 0xFF || u8(b, 1) != 0xD8) return std::nullopt;
  JpegInfo info;
  std::size_t i = 2;
  while (i + 4 <= b.size()) {
    if (u8(b, i) != 0xFF) return std::nullopt;
    const unsigned marker = u8(b, i + 1);
    if (marker == 0xFF) { ++i; continue; }  // fill byte
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      i += 2;  // markers without a length field
      continue;
    }
    const std::size_t len = u16(b, i + 2);
    if (len < 2 || i + 2 + len > b.size()) return std::nullopt;
    const std::size_t seg = i + 4;  // first byte after the length
    if (marker == 0xE0 && len >= 14 && b.substr(seg, 5) == std::string_view("JFIF\0", 5)) {
      const unsigned units = u8(b, seg + 7);
      const double xd = u16(b, seg + 8), yd = u16(b, seg + 10);
      if (units != 0 && xd > 0 && yd > 0) {
        const double k = units == 2 ? 2.54 : 1.0;  // 2 = dots per cm
        info.x_dpi = xd * k;
        info.y_dpi = yd * k;
      }
    }
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
                     marker != 0xCC;
    if (sof) {
      if (len < 7) return std::nullopt;
      info.height = static_cast<int>(u16(b, seg + 1));
      info.width = static_cast<int>(u16(b, seg + 3));
      if (info.width == 0 || info.height == 0) return std::nullopt;
      return info;
    }
    if (marker == 0xDA) break;  // scan data before any frame header
    i += 2 + len;
  }
  return std::nullopt;
}

}  // namespace envgrid::exporter
