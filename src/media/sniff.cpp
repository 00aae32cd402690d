#include "media/sniff.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace envgrid::media::detail {

static std::uint32_t be16(std::string_view b, std::size_t at) {
  return (static_cast<unsigned char>(b[at]) << 8) | static_cast<unsigned char>(b[at + 1]);
}
static std::uint32_t be32(std::string_view b, std::size_t at) { return (be16(b, at) << 16) | be16(b, at + 2); }

static bool heif_brand(std::string_view brand) {
  // HEVC-coded HEIF still images and sequences. "mif1"/"msf1" alone say nothing about the
  // codec (AVIF uses them too), so they only count next to one of these.
  static constexpr std::array<std::string_view, 6> kBrands = {"heic", "heix", "heim", "heis", "hevc", "hevx"};
  for (auto b : kBrands)
    if (brand == b) return true;
  return false;
}

Format sniff(std::string_view b) {
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return Format::jpeg;
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return Format::png;
  if (b.size() >= 16 && b.substr(4, 4) == "ftyp") {
    const std::size_t box = be32(b, 0);
    if (box < 16 || box > b.size()) return Format::unknown;
    if (heif_brand(b.substr(8, 4))) return Format::heic;
    for (std::size_t at = 16; at + 4 <= box; at += 4)  // compatible brands
      if (heif_brand(b.substr(at, 4))) return Format::heic;
  }
  return Format::unknown;
}

static std::optional<Dimensions> jpeg_dimensions(std::string_view b) {
  std::size_t at = 2;  // after SOI
  while (at + 4 <= b.size()) {
    if (static_cast<unsigned char>(b[at]) != 0xFF) return std::nullopt;
    const unsigned char m = static_cast<unsigned char>(b[at + 1]);
    if (m == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (m == 0x01 || (m >= 0xD0 && m <= 0xD8)) {  // markers without a length
      at += 2;
      continue;
    }
    if (m == 0xD9 || m == 0xDA) return std::nullopt;  // EOI or scan data before any frame
    const std::size_t len = be16(b, at + 2);
    if (len < 2) return std::nullopt;
    const bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    if (sof) {
      if (at + 9 > b.size() || len < 7) return std::nullopt;
      return Dimensions{be16(b, at + 7), be16(b, at + 5)};
    }
    at += 2 + len;
  }
  return std::nullopt;
}

std::optional<Dimensions> header_dimensions(Format f, std::string_view b) {
  switch (f) {
    case Format::jpeg:
      return jpeg_dimensions(b);
    case Format::png:
      if (b.size() < 24 || b.substr(12, 4) != "IHDR") return std::nullopt;
      return Dimensions{be32(b, 16), be32(b, 20)};
    default:
      return std::nullopt;
  }
}

}  // namespace envgrid::media::detail
