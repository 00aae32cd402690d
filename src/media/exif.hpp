#pragma once
// EXIF through libexif: the facts envgrid reads from a photo, and the tags the photo
// generator writes. Internal to src/media.
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace envgrid::media::detail {

struct ExifFacts {
  // DateTimeOriginal (else DateTime), with SubSecTime*, read as Asia/Shanghai local time
  // unless the matching OffsetTime* tag ("+HH:MM") says otherwise.
  std::optional<core::Millis> taken_at;
  // GPSLatitude/GPSLongitude with their N/S/E/W refs, in decimal degrees; both or neither.
  // (0, 0) counts as absent: it is what receivers without a fix write.
  std::optional<double> lng, lat;
  int orientation = 1;  // 1…8, as in the TIFF Orientation tag
};

// Parses an EXIF block: TIFF data, optionally preceded by "Exif\0\0" (with up to a few
// bytes of box offset before it, as HEIF stores it). Malformed data yields empty facts.
ExifFacts read_exif(std::string_view block);

struct ExifTags {
  std::optional<core::Millis> taken_at;
  int utc_offset_minutes = 8 * 60;  // the local time written and its OffsetTime* tags
  bool write_offset = true;         // false: no OffsetTime* tags (readers assume Shanghai)
  std::optional<double> lng, lat;   // written only when both are present
  int orientation = 1;
  std::string make = "envgrid demo", model = "envgrid demo";
};

// An EXIF block ("Exif\0\0" + little-endian TIFF) holding exactly these tags.
std::string build_exif(const ExifTags& tags);

// The JPEG with an APP1 segment holding the block, placed after SOI (and after a JFIF
// APP0 if there is one). REQUIRES a JPEG (starts with SOI); nullopt if the block does
// not fit one segment (64 KiB).
std::optional<std::string> insert_exif(std::string_view jpeg, std::string_view block);

}  // namespace envgrid::media::detail
