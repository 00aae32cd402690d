#pragma once
// Uploaded photos: what they really are, what they say about themselves, a thumbnail.
// Everything is decided from the bytes, never from a file name or a client's MIME type.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/time.hpp"

namespace envgrid::media {

struct Limits {
  std::size_t max_bytes = 20 * 1024 * 1024;
  std::int64_t max_pixels = 50'000'000;  // width × height as the header claims it
  int max_side = 12000;                  // longer side, in pixels
};

struct ImageInfo {
  std::string format;                    // "jpeg", "png", "heic"
  std::string mime;                      // "image/jpeg", "image/png", "image/heic"
  int width = 0, height = 0;             // as displayed, i.e. after the EXIF orientation
  std::optional<core::Millis> taken_at;  // EXIF DateTimeOriginal (else DateTime); see media/exif.hpp
  std::optional<double> lng, lat;        // EXIF GPS, WGS-84 decimal degrees; both or neither
  std::uint64_t dhash = 0;               // difference hash of the upright picture
};

// Checks and describes an upload. Refuses, as a core::Error with a Chinese title:
// empty (400 "empty-file"), over max_bytes (413 "file-too-large"), not JPEG/PNG/HEIC by
// its magic bytes (415 "unsupported-media-type"), HEIC without a HEIF decoder here (415
// "heic-unsupported"), header beyond max_side/max_pixels, checked before any pixel is
// decoded (413 "image-too-large"), and anything that fails a full decode, such as a
// truncated file (400 "corrupt-image"). Thread-safe.
core::Result<ImageInfo> inspect(std::string_view bytes, const Limits& limits = {});

// Number of differing bits; dHash distance 0 means the same picture, <= 4 near-identical.
int hamming(std::uint64_t a, std::uint64_t b);

// A JPEG (quality 80, no metadata, alpha flattened on white) of the upright picture
// fitting max_side × max_side, never enlarged. Refuses what inspect() with the same
// limits refuses; pass the limits inspect() was given. Thread-safe.
core::Result<std::string> thumbnail_jpeg(std::string_view bytes, int max_side = 320, const Limits& limits = {});

}  // namespace envgrid::media
