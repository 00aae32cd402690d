#pragma once
// The difference hash itself, on plain pixels. Internal to src/media.
#include <cstddef>
#include <cstdint>

namespace envgrid::media::detail {

// 64-bit dHash of an 8-bit grey image (row-major, `stride` bytes per row): the image is
// averaged down to 9×8 cells and bit y*8+x is set when cell (x+1, y) is brighter than
// cell (x, y). REQUIRES width >= 9, height >= 8.
std::uint64_t dhash_gray(const unsigned char* pixels, int width, int height, std::size_t stride);

}  // namespace envgrid::media::detail
