#include "media/dhash.hpp"

#include <array>

namespace envgrid::media::detail {

std::uint64_t dhash_gray(const unsigned char* pixels, int width, int height, std::size_t stride) {
  constexpr int kCols = 9, kRows = 8;
  // Box averages rather than a resampling kernel: a mean barely moves when the picture
  // is re-encoded or rescaled, which is what keeps the hash stable.
  std::array<double, kCols * kRows> mean{};
  for (int cy = 0; cy < kRows; ++cy) {
    const int y0 = cy * height / kRows, y1 = (cy + 1) * height / kRows;
    for (int cx = 0; cx < kCols; ++cx) {
      const int x0 = cx * width / kCols, x1 = (cx + 1) * width / kCols;
      std::uint64_t sum = 0;
      for (int y = y0; y < y1; ++y) {
        const unsigned char* row = pixels + static_cast<std::size_t>(y) * stride;
        for (int x = x0; x < x1; ++x) sum += row[x];
      }
      const auto n = static_cast<double>(y1 - y0) * (x1 - x0);
      mean[cy * kCols + cx] = n > 0 ? sum / n : 0.0;
    }
  }
  std::uint64_t hash = 0;
  for (int y = 0; y < kRows; ++y)
    for (int x = 0; x + 1 < kCols; ++x)
      if (mean[y * kCols + x + 1] > mean[y * kCols + x]) hash |= std::uint64_t{1} << (y * 8 + x);
  return hash;
}

}  // namespace envgrid::media::detail
