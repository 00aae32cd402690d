#include "media/sniff.hpp"

#include <gtest/gtest.h>

#include "media/photo.hpp"
#include "test_images.hpp"

namespace envgrid::media::test {

using detail::Format;

std::string ftyp(std::string_view major, std::string_view compatible) {
  std::string box(4, '\0');
  box += "ftyp";
  box += major;
  box += std::string("\0\0\0\0", 4);
  box += compatible;
  put_be(box, 0, static_cast<std::uint32_t>(box.size()), 4);
  return box + std::string(32, '\0');
}

TEST(Sniff, KnowsFormatsByMagicBytes) {
  EXPECT_EQ(detail::sniff(make_png(32, 24, 1)), Format::png);
  EXPECT_EQ(detail::sniff(make_photo_jpeg({.width = 64, .height = 48, .seed = 1})), Format::jpeg);
  EXPECT_EQ(detail::sniff(ftyp("heic", "mif1heic")), Format::heic);
  EXPECT_EQ(detail::sniff(ftyp("mif1", "mif1heic")), Format::heic);
}

TEST(Sniff, RefusesEverythingElse) {
  EXPECT_EQ(detail::sniff(""), Format::unknown);
  EXPECT_EQ(detail::sniff("\xFF\xD8"), Format::unknown);
  EXPECT_EQ(detail::sniff("this is a text file called photo.jpg\n"), Format::unknown);
  EXPECT_EQ(detail::sniff("GIF89a........"), Format::unknown);
  EXPECT_EQ(detail::sniff(ftyp("avif", "mif1avif")), Format::unknown);
  EXPECT_EQ(detail::sniff(ftyp("mif1", "mif1miaf")), Format::unknown);
  EXPECT_EQ(detail::sniff(ftyp("isom", "isomavc1")), Format::unknown);  // an MP4 video
}

TEST(Sniff, ReadsHeaderDimensionsPastExif) {
  const std::string jpeg = make_photo_jpeg({.width = 300, .height = 200, .seed = 2, .lng = 118.05, .lat = 36.81});
  auto d = detail::header_dimensions(Format::jpeg, jpeg);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->width, 300);
  EXPECT_EQ(d->height, 200);
  auto p = detail::header_dimensions(Format::png, make_png(40, 30, 1));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->width, 40);
  EXPECT_EQ(p->height, 30);
}

TEST(Sniff, HeaderDimensionsOfGarbageAreUnknown) {
  EXPECT_FALSE(detail::header_dimensions(Format::jpeg, std::string("\xFF\xD8\xFF\xE0\x00", 5)));
  EXPECT_FALSE(detail::header_dimensions(Format::jpeg, std::string("\xFF\xD8\x12\x34\x56\x78", 6)));
  EXPECT_FALSE(detail::header_dimensions(Format::png, std::string("\x89PNG\r\n\x1a\n", 8)));
}

}  // namespace envgrid::media::test
