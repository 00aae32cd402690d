#include "media/photo.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "media/image.hpp"
#include "test_images.hpp"

namespace envgrid::media::test {

TEST(Photo, SameSpecSameBytes) {
  const PhotoSpec spec{.width = 320, .height = 240, .seed = 42, .taken_at = 1726192800000, .lng = 118.05, .lat = 36.81};
  EXPECT_EQ(make_photo_jpeg(spec), make_photo_jpeg(spec));
  EXPECT_EQ(make_png(64, 48, 42), make_png(64, 48, 42));
}

TEST(Photo, DifferentSeedsAreDifferentPictures) {
  std::vector<std::uint64_t> hashes;
  for (std::uint32_t seed = 0; seed < 50; ++seed) {
    auto info = inspect(make_photo_jpeg({.width = 512, .height = 384, .seed = seed}));
    ASSERT_TRUE(info.ok());
    hashes.push_back(info->dhash);
  }
  int close = 0, min_distance = 64;
  for (std::size_t i = 0; i < hashes.size(); ++i)
    for (std::size_t j = i + 1; j < hashes.size(); ++j) {
      const int d = hamming(hashes[i], hashes[j]);
      min_distance = std::min(min_distance, d);
      if (d <= 10) ++close;
    }
  RecordProperty("closest_pair", min_distance);
  EXPECT_LE(close, 3) << "of 1225 pairs; closest distance " << min_distance;
  EXPECT_GT(min_distance, 4);  // never near-identical in the evidence rule's sense
}

TEST(Photo, LooksLikeAPhotoNotNoise) {
  // A photo compresses far better than noise and far worse than a flat fill.
  const std::string jpeg = make_photo_jpeg({.seed = 1, .quality = 85});
  EXPECT_GT(jpeg.size(), 40'000u);
  EXPECT_LT(jpeg.size(), 400'000u);
}

TEST(Photo, CaptionIsDrawn) {
  const std::string plain = make_photo_jpeg({.width = 640, .height = 480, .seed = 8});
  const std::string captioned =
      make_photo_jpeg({.width = 640, .height = 480, .seed = 8, .caption = "2024-09-13 10:00 东关街道"});
  EXPECT_NE(plain, captioned);
  vips::VImage a = decode(plain), b = decode(captioned);
  const double top_diff = (a.extract_area(0, 0, 640, 240) - b.extract_area(0, 0, 640, 240)).abs().avg();
  const double bottom_diff = (a.extract_area(0, 400, 640, 80) - b.extract_area(0, 400, 640, 80)).abs().avg();
  EXPECT_LT(top_diff, 0.5);
  EXPECT_GT(bottom_diff, 2.0);
}

TEST(Photo, RefusesNonsense) {
  EXPECT_THROW(make_photo_jpeg({.width = 0}), std::invalid_argument);
  EXPECT_THROW(make_photo_jpeg({.quality = 0}), std::invalid_argument);
  EXPECT_THROW(make_photo_jpeg({.lng = 118.0}), std::invalid_argument);
  EXPECT_THROW(make_photo_jpeg({.lng = 190.0, .lat = 10.0}), std::invalid_argument);
  EXPECT_THROW(make_photo_jpeg({.orientation = 2}), std::invalid_argument);
}

TEST(PhotoTool, WritesAJpegWithRealExif) {
  const auto out =
      std::filesystem::temp_directory_path() / ("envgrid_photo_test_" + std::to_string(::getpid()) + ".jpg");
  const std::string cmd = std::string(ENVGRID_PHOTO_BIN) +
                          " --seed 5 --time 2024-09-13T10:00:00+08:00 --lng 118.05 --lat 36.81 --width 640 --height 480"
                          " --quality 80 --caption 测试 --out " +
                          out.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream f(out, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  std::filesystem::remove(out);
  auto info = inspect(ss.str());
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->width, 640);
  EXPECT_EQ(info->taken_at, 1726192800000);
  EXPECT_NEAR(*info->lng, 118.05, 1e-6);
  EXPECT_NEAR(*info->lat, 36.81, 1e-6);
}

TEST(PhotoTool, RefusesBadArguments) {
  const std::string bin = ENVGRID_PHOTO_BIN;
  EXPECT_NE(std::system((bin + " --seed 1 2>/dev/null").c_str()), 0);
  EXPECT_NE(std::system((bin + " --seed 1 --out - --time yesterday >/dev/null 2>&1").c_str()), 0);
  EXPECT_NE(std::system((bin + " --seed 1 --out - --lng 118 >/dev/null 2>&1").c_str()), 0);
}

}  // namespace envgrid::media::test
