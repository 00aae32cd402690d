#pragma once
// Byte-level surgery and re-encoding for the media tests.
#include <cstdint>
#include <string>
#include <string_view>

#include "media/vips_env.hpp"

namespace envgrid::media::test {

inline std::uint32_t crc32(std::string_view bytes) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : bytes) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return c ^ 0xFFFFFFFFu;
}

inline void put_be(std::string& s, std::size_t at, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) s[at + i] = static_cast<char>(v >> (8 * (bytes - 1 - i)));
}

// The PNG with IHDR claiming w × h, its CRC fixed so decoders believe it.
inline std::string patch_png_size(std::string png, std::uint32_t w, std::uint32_t h) {
  put_be(png, 16, w, 4);
  put_be(png, 20, h, 4);
  put_be(png, 29, crc32(std::string_view(png).substr(12, 17)), 4);
  return png;
}

// The JPEG with its first frame header (SOFn) claiming w × h.
inline std::string patch_jpeg_size(std::string jpeg, std::uint16_t w, std::uint16_t h) {
  std::size_t at = 2;
  while (at + 9 < jpeg.size()) {
    const auto m = static_cast<unsigned char>(jpeg[at + 1]);
    const std::size_t len = (static_cast<unsigned char>(jpeg[at + 2]) << 8) | static_cast<unsigned char>(jpeg[at + 3]);
    if (m >= 0xC0 && m <= 0xC2) {
      put_be(jpeg, at + 5, h, 2);
      put_be(jpeg, at + 7, w, 2);
      return jpeg;
    }
    at += 2 + len;
  }
  return {};
}

// Decoded into memory now: the buffer may be a temporary.
inline vips::VImage decode(std::string_view bytes) {
  detail::ensure_vips();
  return vips::VImage::new_from_buffer(bytes.data(), bytes.size(), "").copy_memory();
}

// Decodes and saves again as a plain JPEG (no metadata), optionally resized.
inline std::string reencode_jpeg(std::string_view bytes, int quality, double scale = 1.0, bool progressive = false) {
  vips::VImage img = decode(bytes);
  if (scale != 1.0) img = img.resize(scale);
  return detail::take_blob(img.jpegsave_buffer(
      vips::VImage::option()->set("Q", quality)->set("strip", true)->set("interlace", progressive)));
}

inline std::string to_png(std::string_view bytes) {
  return detail::take_blob(decode(bytes).pngsave_buffer(vips::VImage::option()->set("compression", 1)));
}

inline std::string to_heic(std::string_view bytes) {
  return detail::take_blob(decode(bytes).heifsave_buffer(
      vips::VImage::option()->set("compression", VIPS_FOREIGN_HEIF_COMPRESSION_HEVC)->set("Q", 70)));
}

}  // namespace envgrid::media::test
