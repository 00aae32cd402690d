#include "media/image.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "media/photo.hpp"
#include "test_images.hpp"

namespace envgrid::media::test {

constexpr core::Millis kSep13_10am = 1726192800000;  // 2024-09-13T10:00:00+08:00

void expect_refused(const core::Result<ImageInfo>& r, int status, std::string_view type, std::string_view title = {}) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, status);
  EXPECT_EQ(r.error().type, type);
  if (!title.empty()) {
    EXPECT_EQ(r.error().title, title);
  }
}

const std::string& photo() {
  static const std::string p = make_photo_jpeg(
      {.seed = 7, .taken_at = kSep13_10am, .lng = 118.05, .lat = 36.81, .caption = "东关街道 垃圾堆放"});
  return p;
}

// ---- refusals ----

TEST(Inspect, EmptyFileIsRefused) {
  expect_refused(inspect(""), 400, "empty-file", "文件为空");
  EXPECT_FALSE(thumbnail_jpeg("").ok());
}

TEST(Inspect, FileOverMaxBytesIsRefused) {
  expect_refused(inspect(photo(), {.max_bytes = photo().size() - 1}), 413, "file-too-large", "文件过大");
  EXPECT_TRUE(inspect(photo(), {.max_bytes = photo().size()}).ok());
}

TEST(Inspect, TextFileCalledJpgIsRefused) {
  expect_refused(inspect("This is not a photo, whatever the name photo.jpg says.\n"), 415, "unsupported-media-type",
                 "文件不是可识别的图片（支持 JPEG、PNG、HEIC）");
  expect_refused(inspect("GIF89a\x01\x00\x01\x00"), 415, "unsupported-media-type");
}

TEST(Inspect, TruncatedJpegIsRefused) {
  const std::string half = photo().substr(0, photo().size() / 2);
  expect_refused(inspect(half), 400, "corrupt-image", "图片已损坏或不完整");
  EXPECT_EQ(thumbnail_jpeg(half).error().type, "corrupt-image");
}

TEST(Inspect, TruncatedProgressiveJpegIsRefused) {
  const std::string progressive = reencode_jpeg(photo(), 85, 1.0, true);
  ASSERT_TRUE(inspect(progressive).ok());
  expect_refused(inspect(progressive.substr(0, progressive.size() * 3 / 4)), 400, "corrupt-image");
}

TEST(Inspect, TruncatedPngIsRefused) {
  const std::string png = make_png(400, 300, 3);
  expect_refused(inspect(png.substr(0, png.size() / 2)), 400, "corrupt-image");
  expect_refused(inspect(png.substr(0, png.size() - 20)), 400, "corrupt-image");
}

TEST(Inspect, GarbageAfterMagicBytesIsCorrupt) {
  expect_refused(inspect(std::string("\xFF\xD8\xFF") + std::string(500, 'x')), 400, "corrupt-image");
  std::string png = make_png(64, 48, 1);
  png[png.find("IDAT") + 40] ^= 0x5A;  // the zlib stream and the chunk CRC no longer check
  expect_refused(inspect(png), 400, "corrupt-image");
}

TEST(Inspect, PngBombIsRefusedBeforeDecoding) {
  const std::string bomb = patch_png_size(make_png(64, 48, 1), 100000, 100000);
  const auto start = std::chrono::steady_clock::now();
  expect_refused(inspect(bomb), 413, "image-too-large", "图片像素过大");
  EXPECT_EQ(thumbnail_jpeg(bomb).error().status, 413);
  // Not a speed test: decoding 10^10 pixels would take minutes (or exhaust memory); a
  // refusal from the header takes microseconds. 5 s leaves room for a loaded machine.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(Inspect, JpegBombIsRefusedBeforeDecoding) {
  const std::string bomb = patch_jpeg_size(photo(), 60000, 60000);
  ASSERT_FALSE(bomb.empty());
  expect_refused(inspect(bomb), 413, "image-too-large", "图片像素过大");
  EXPECT_EQ(thumbnail_jpeg(bomb).error().status, 413);
}

TEST(Inspect, LongSideOverMaxSideIsRefused) {
  detail::ensure_vips();
  const std::string strip = detail::take_blob(vips::VImage::black(13000, 16).pngsave_buffer());  // 13 000 wide
  expect_refused(inspect(strip), 413, "image-too-large");
  EXPECT_TRUE(inspect(strip, {.max_side = 13000}).ok());
}

TEST(Inspect, PixelLimitIsConfigurable) {
  expect_refused(inspect(photo(), {.max_pixels = 1024 * 768 - 1}), 413, "image-too-large");
  EXPECT_TRUE(inspect(photo(), {.max_pixels = 1024 * 768}).ok());
}

TEST(Inspect, HeicIsAcceptedWhenLibvipsCanDecodeIt) {
  const std::string png = make_png(400, 300, 11);
  if (!detail::heif_available()) {
    // Only reachable on a libvips without HEIF: the refusal must say so plainly.
    expect_refused(inspect(std::string("\0\0\0\x18"
                                       "ftypheic\0\0\0\0mif1heic",
                                       24) +
                           std::string(64, '\0')),
                   415, "heic-unsupported");
    GTEST_SKIP() << "libvips has no HEIF loader here";
  }
  const std::string heic = to_heic(png);
  auto info = inspect(heic);
  ASSERT_TRUE(info.ok()) << info.error().title;
  EXPECT_EQ(info->format, "heic");
  EXPECT_EQ(info->mime, "image/heic");
  EXPECT_EQ(info->width, 400);
  EXPECT_EQ(info->height, 300);
  EXPECT_LE(hamming(info->dhash, inspect(png)->dhash), 2);
  EXPECT_FALSE(info->taken_at);
  auto with_exif = inspect(to_heic(  // EXIF travels in the HEIF "Exif" item
      make_photo_jpeg({.width = 320, .height = 240, .seed = 7, .taken_at = kSep13_10am, .lng = 118.05, .lat = 36.81})));
  ASSERT_TRUE(with_exif.ok());
  EXPECT_EQ(with_exif->taken_at, kSep13_10am);
  EXPECT_NEAR(with_exif->lat.value_or(0), 36.81, 1e-6);
  auto thumb = thumbnail_jpeg(heic, 160);
  ASSERT_TRUE(thumb.ok());
  EXPECT_EQ(inspect(*thumb)->width, 160);
  expect_refused(inspect(heic.substr(0, heic.size() / 2)), 400, "corrupt-image");
}

TEST(Inspect, SurvivesMangledFiles) {
  // Byte flips in the headers and EXIF (where our own parsing runs) and anywhere else:
  // every answer is a value or an Error, never a crash or a hang.
  const std::string originals[] = {
      make_photo_jpeg({.width = 160, .height = 120, .seed = 1, .taken_at = kSep13_10am, .lng = 118.05, .lat = 36.81}),
      make_png(160, 120, 2)};
  std::uint64_t state = 12345;
  auto next = [&state] { return state = state * 6364136223846793005ULL + 1442695040888963407ULL; };
  int accepted = 0, refused = 0;
  for (const std::string& original : originals)
    for (int i = 0; i < 150; ++i) {
      std::string m = original;
      const std::size_t span = i % 2 ? m.size() : std::min<std::size_t>(m.size(), 600);
      for (int k = 0; k < 1 + i % 4; ++k) m[(next() >> 33) % span] = static_cast<char>(next() >> 56);
      auto r = inspect(m);
      (r.ok() ? accepted : refused)++;
      if (!r.ok()) {
        EXPECT_TRUE(r.error().status == 400 || r.error().status == 413 || r.error().status == 415) << r.error().status;
      }
    }
  EXPECT_GT(refused, 0);
  EXPECT_GT(accepted, 0);
}

// ---- what it reports ----

TEST(Inspect, ReportsFormatSizeTimeAndPlace) {
  auto info = inspect(photo());
  ASSERT_TRUE(info.ok()) << info.error().title;
  EXPECT_EQ(info->format, "jpeg");
  EXPECT_EQ(info->mime, "image/jpeg");
  EXPECT_EQ(info->width, 1024);
  EXPECT_EQ(info->height, 768);
  EXPECT_EQ(info->taken_at, kSep13_10am);
  ASSERT_TRUE(info->lng && info->lat);
  EXPECT_NEAR(*info->lng, 118.05, 1e-6);
  EXPECT_NEAR(*info->lat, 36.81, 1e-6);
}

TEST(Inspect, SouthAndWestCoordinatesAreNegative) {
  auto info = inspect(make_photo_jpeg({.width = 320, .height = 240, .seed = 3, .lng = -70.669265, .lat = -33.44889}));
  ASSERT_TRUE(info.ok());
  EXPECT_NEAR(*info->lng, -70.669265, 1e-6);
  EXPECT_NEAR(*info->lat, -33.44889, 1e-6);
  EXPECT_FALSE(info->taken_at);
}

TEST(Inspect, NoExifMeansNoTimeAndNoPlace) {
  for (const std::string& bytes : {make_png(320, 240, 5), reencode_jpeg(photo(), 80)}) {
    auto info = inspect(bytes);
    ASSERT_TRUE(info.ok());
    EXPECT_FALSE(info->taken_at);
    EXPECT_FALSE(info->lng);
    EXPECT_FALSE(info->lat);
  }
  EXPECT_EQ(inspect(make_png(320, 240, 5))->format, "png");
}

TEST(Inspect, UnusualPixelFormatsAreAccepted) {
  const vips::VImage colour = decode(make_png(320, 240, 12));
  const std::uint64_t expected = inspect(make_png(320, 240, 12))->dhash;
  const std::string variants[] = {
      detail::take_blob(colour.colourspace(VIPS_INTERPRETATION_B_W).jpegsave_buffer()),   // grey JPEG
      detail::take_blob(colour.colourspace(VIPS_INTERPRETATION_RGB16).pngsave_buffer()),  // 16-bit PNG
      detail::take_blob(colour.bandjoin(255).pngsave_buffer()),                           // opaque RGBA
      detail::take_blob(colour.pngsave_buffer(vips::VImage::option()->set("interlace", true))),
  };
  for (const std::string& v : variants) {
    auto info = inspect(v);
    ASSERT_TRUE(info.ok()) << info.error().title;
    EXPECT_EQ(info->width, 320);
    EXPECT_LE(hamming(info->dhash, expected), 2);
    auto thumb = thumbnail_jpeg(v, 160);
    ASSERT_TRUE(thumb.ok());
    EXPECT_EQ(decode(*thumb).width(), 160);
  }
}

TEST(Inspect, IsThreadSafe) {
  std::vector<std::string> photos;
  std::vector<std::uint64_t> expected;
  for (std::uint32_t seed = 0; seed < 4; ++seed) {
    photos.push_back(
        make_photo_jpeg({.width = 640, .height = 480, .seed = seed, .taken_at = kSep13_10am + seed * core::kSecond}));
    expected.push_back(inspect(photos.back())->dhash);
  }
  std::atomic<int> wrong = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 12; ++i) {
        const std::size_t k = (t + i) % photos.size();
        auto info = inspect(photos[k]);
        if (!info.ok() || info->dhash != expected[k] ||
            info->taken_at != kSep13_10am + static_cast<core::Millis>(k) * core::kSecond ||
            !thumbnail_jpeg(photos[k]).ok())
          ++wrong;
        if (inspect(photos[k].substr(0, photos[k].size() / 2)).ok()) ++wrong;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong, 0);
}

// ---- dHash ----

TEST(Dhash, Hamming) {
  EXPECT_EQ(hamming(0, 0), 0);
  EXPECT_EQ(hamming(0, ~0ULL), 64);
  EXPECT_EQ(hamming(0b1011, 0b0110), 3);
}

TEST(Dhash, StableAcrossJpegQuality) {
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    const auto base = inspect(make_photo_jpeg({.seed = seed, .quality = 85}))->dhash;
    for (int q : {40, 60, 95})
      EXPECT_LE(hamming(base, inspect(make_photo_jpeg({.seed = seed, .quality = q}))->dhash), 2) << seed << " q" << q;
  }
}

TEST(Dhash, StableAcrossResizeAndReencode) {
  for (std::uint32_t seed = 20; seed < 26; ++seed) {
    const std::string original = make_photo_jpeg({.width = 1600, .height = 1200, .seed = seed});
    const auto base = inspect(original)->dhash;
    EXPECT_LE(hamming(base, inspect(reencode_jpeg(original, 70, 0.4))->dhash), 2) << seed;
    EXPECT_LE(hamming(base, inspect(reencode_jpeg(original, 90, 0.75))->dhash), 2) << seed;
    EXPECT_LE(hamming(base, inspect(to_png(original))->dhash), 2) << seed;
    EXPECT_LE(hamming(base, inspect(make_photo_jpeg({.width = 800, .height = 600, .seed = seed}))->dhash), 2) << seed;
  }
}

TEST(Dhash, IsTakenAfterExifOrientation) {
  auto upright = inspect(make_photo_jpeg({.width = 800, .height = 600, .seed = 9}));
  for (int o : {3, 6, 8}) {
    auto turned = inspect(make_photo_jpeg({.width = 800, .height = 600, .seed = 9, .orientation = o}));
    ASSERT_TRUE(turned.ok());
    EXPECT_EQ(turned->width, 800) << o;  // as displayed
    EXPECT_EQ(turned->height, 600) << o;
    EXPECT_LE(hamming(upright->dhash, turned->dhash), 2) << o;
  }
}

TEST(Dhash, DifferentPicturesAreFarApart) {
  EXPECT_GT(hamming(inspect(make_png(640, 480, 1))->dhash, inspect(make_png(640, 480, 2))->dhash), 10);
}

// ---- thumbnails ----

TEST(Thumbnail, FitsTheBoxWithoutMetadata) {
  auto thumb = thumbnail_jpeg(photo());
  ASSERT_TRUE(thumb.ok());
  auto info = inspect(*thumb);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->width, 320);
  EXPECT_EQ(info->height, 240);
  EXPECT_FALSE(info->taken_at);  // stripped
  EXPECT_FALSE(info->lng);
  EXPECT_EQ(thumb->find("Exif"), std::string::npos);
  EXPECT_LE(hamming(info->dhash, inspect(photo())->dhash), 2);
  EXPECT_LT(thumb->size(), 40'000u);
}

TEST(Thumbnail, IsUpright) {
  const std::string portrait = make_photo_jpeg({.width = 600, .height = 800, .seed = 4});
  const std::string turned = make_photo_jpeg({.width = 600, .height = 800, .seed = 4, .orientation = 6});
  ASSERT_EQ(decode(turned).width(), 800);  // stored on its side
  auto thumb = thumbnail_jpeg(turned, 200);
  ASSERT_TRUE(thumb.ok());
  vips::VImage t = decode(*thumb);
  EXPECT_EQ(t.width(), 150);
  EXPECT_EQ(t.height(), 200);
  EXPECT_LE(hamming(inspect(*thumb)->dhash, inspect(portrait)->dhash), 2);
}

TEST(Thumbnail, SmallPicturesAreNotEnlarged) {
  auto thumb = thumbnail_jpeg(make_png(200, 100, 1), 320);
  ASSERT_TRUE(thumb.ok());
  EXPECT_EQ(decode(*thumb).width(), 200);
  EXPECT_EQ(decode(*thumb).height(), 100);
}

TEST(Thumbnail, TransparentPngGoesOnWhite) {
  detail::ensure_vips();
  vips::VImage clear = vips::VImage::black(100, 100, vips::VImage::option()->set("bands", 4));  // all alpha 0
  auto thumb = thumbnail_jpeg(detail::take_blob(clear.pngsave_buffer()));
  ASSERT_TRUE(thumb.ok());
  EXPECT_GT(decode(*thumb).avg(), 250);
}

}  // namespace envgrid::media::test
