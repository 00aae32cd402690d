#pragma once
// What a file is, from its first bytes, and how big its header says it is. Internal to
// src/media; nothing here decodes pixels.
#include <optional>
#include <string_view>

namespace envgrid::media::detail {

enum class Format { unknown, jpeg, png, heic };

// The format named by the magic bytes (JPEG SOI, PNG signature, ISO-BMFF "ftyp" with a
// HEIF/HEVC brand); AVIF and everything else is unknown. Never looks at a file name.
Format sniff(std::string_view bytes);

struct Dimensions {
  long long width = 0, height = 0;
};
// Width and height as the header claims them: JPEG from its first SOFn frame header,
// PNG from IHDR. nullopt for HEIC (libheif reads it) or when no header is found.
std::optional<Dimensions> header_dimensions(Format f, std::string_view bytes);

}  // namespace envgrid::media::detail
