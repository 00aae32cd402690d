#include "media/exif.hpp"

#include <gtest/gtest.h>
#include <libexif/exif-data.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>

namespace envgrid::media::test {

using detail::build_exif;
using detail::ExifTags;
using detail::read_exif;

constexpr core::Millis kSep13_10am = 1726192800000;  // 2024-09-13T10:00:00+08:00

// The block after an edit made with libexif on its loaded form.
std::string edit_exif(const std::string& block, const std::function<void(ExifData*)>& edit) {
  ExifData* d = exif_data_new();
  exif_data_unset_option(d, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_load_data(d, reinterpret_cast<const unsigned char*>(block.data()), static_cast<unsigned>(block.size()));
  edit(d);
  unsigned char* buf = nullptr;
  unsigned size = 0;
  exif_data_save_data(d, &buf, &size);
  std::string out(reinterpret_cast<char*>(buf), size);
  std::free(buf);
  exif_data_unref(d);
  return out;
}

void remove_tag(ExifData* d, ExifIfd ifd, ExifTag tag) {
  if (ExifEntry* e = exif_content_get_entry(d->ifd[ifd], tag)) exif_content_remove_entry(d->ifd[ifd], e);
}

TEST(Exif, TimeAndGpsRoundTripWithSouthAndWestRefs) {
  ExifTags t;
  t.taken_at = kSep13_10am;
  t.lat = -33.448890;
  t.lng = -70.669265;
  t.orientation = 6;
  auto f = read_exif(build_exif(t));
  ASSERT_TRUE(f.taken_at);
  EXPECT_EQ(*f.taken_at, kSep13_10am);
  ASSERT_TRUE(f.lat && f.lng);
  EXPECT_NEAR(*f.lat, -33.448890, 1e-6);
  EXPECT_NEAR(*f.lng, -70.669265, 1e-6);
  EXPECT_EQ(f.orientation, 6);
}

TEST(Exif, MillisecondsTravelInSubSecTime) {
  ExifTags t;
  t.taken_at = kSep13_10am + 7;
  EXPECT_EQ(read_exif(build_exif(t)).taken_at, kSep13_10am + 7);
  t.taken_at = -1;  // 1970-01-01 07:59:59.999 in Shanghai: the split into seconds floors
  EXPECT_EQ(read_exif(build_exif(t)).taken_at, -1);
}

TEST(Exif, NorthAndEastArePositive) {
  ExifTags t;
  t.lat = 36.81;
  t.lng = 118.05;
  auto f = read_exif(build_exif(t));
  EXPECT_NEAR(*f.lat, 36.81, 1e-6);
  EXPECT_NEAR(*f.lng, 118.05, 1e-6);
  EXPECT_FALSE(f.taken_at);
}

TEST(Exif, OffsetTimeOriginalOverridesShanghai) {
  ExifTags t;
  t.taken_at = kSep13_10am;
  t.utc_offset_minutes = -5 * 60;  // written as 2024-09-12 21:00:00 -05:00
  EXPECT_EQ(read_exif(build_exif(t)).taken_at, kSep13_10am);
}

TEST(Exif, WithoutOffsetTheTimeIsShanghaiLocal) {
  ExifTags t;
  t.taken_at = kSep13_10am;
  t.write_offset = false;
  EXPECT_EQ(read_exif(build_exif(t)).taken_at, kSep13_10am);
  t.utc_offset_minutes = 0;  // a camera set to UTC without saying so: read as Shanghai
  EXPECT_EQ(read_exif(build_exif(t)).taken_at, kSep13_10am - 8 * core::kHour);
}

TEST(Exif, FallsBackToDateTime) {
  ExifTags t;
  t.taken_at = kSep13_10am;
  auto block = edit_exif(build_exif(t), [](ExifData* d) { remove_tag(d, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL); });
  EXPECT_EQ(read_exif(block).taken_at, kSep13_10am);
  block = edit_exif(block, [](ExifData* d) { remove_tag(d, EXIF_IFD_0, EXIF_TAG_DATE_TIME); });
  EXPECT_FALSE(read_exif(block).taken_at);
}

TEST(Exif, PlaceholderDatesAreNoTime) {
  ExifTags t;
  t.taken_at = kSep13_10am;
  for (const char* bad : {"0000:00:00 00:00:00", "2024:02:30 10:00:00", "    :  :     :  :  ", "2024:09:13"}) {
    auto block = edit_exif(build_exif(t), [&](ExifData* d) {
      for (ExifIfd ifd : {EXIF_IFD_0, EXIF_IFD_EXIF})
        for (ExifTag tag : {EXIF_TAG_DATE_TIME, EXIF_TAG_DATE_TIME_ORIGINAL})
          if (ExifEntry* e = exif_content_get_entry(d->ifd[ifd], tag)) {
            std::memset(e->data, 0, e->size);
            std::memcpy(e->data, bad, std::min<std::size_t>(e->size - 1, std::strlen(bad)));
          }
    });
    EXPECT_FALSE(read_exif(block).taken_at) << bad;
  }
}

TEST(Exif, SubSecondsAreKept) {
  ExifTags t;
  t.taken_at = kSep13_10am;
  auto block = edit_exif(build_exif(t), [](ExifData* d) {
    ExifMem* mem = exif_mem_new_default();
    ExifEntry* e = exif_entry_new_mem(mem);
    e->data = static_cast<unsigned char*>(exif_mem_alloc(mem, 3));
    std::memcpy(e->data, "25", 3);
    e->size = e->components = 3;
    e->format = EXIF_FORMAT_ASCII;
    e->tag = EXIF_TAG_SUB_SEC_TIME_ORIGINAL;
    exif_content_add_entry(d->ifd[EXIF_IFD_EXIF], e);
    exif_entry_unref(e);
    exif_mem_unref(mem);
  });
  EXPECT_EQ(read_exif(block).taken_at, kSep13_10am + 250);
}

TEST(Exif, ZeroZeroGpsIsNoFix) {
  ExifTags t;
  t.lat = 0;
  t.lng = 0;
  auto f = read_exif(build_exif(t));
  EXPECT_FALSE(f.lat);
  EXPECT_FALSE(f.lng);
}

TEST(Exif, GarbageGivesNoFacts) {
  for (std::string_view junk :
       {std::string_view(""), std::string_view("Exif\0\0", 6), std::string_view("Exif\0\0II*\0\xff\xff\xff\xff", 14),
        std::string_view("not exif at all")}) {
    auto f = read_exif(junk);
    EXPECT_FALSE(f.taken_at);
    EXPECT_FALSE(f.lat);
    EXPECT_EQ(f.orientation, 1);
  }
}

TEST(Exif, ReadsBlocksWithAHeifOffsetOrBareTiff) {
  ExifTags t;
  t.taken_at = kSep13_10am;
  const std::string block = build_exif(t);
  EXPECT_EQ(read_exif(std::string("\0\0\0\6", 4) + block).taken_at, kSep13_10am);
  EXPECT_EQ(read_exif(block.substr(6)).taken_at, kSep13_10am);
}

TEST(Exif, InsertPlacesApp1AfterJfif) {
  const std::string jpeg = std::string("\xFF\xD8\xFF\xE0\x00\x04JF\xFF\xDB", 10);
  auto out = detail::insert_exif(jpeg, std::string_view("Exif\0\0XY", 8));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->substr(0, 8), jpeg.substr(0, 8));
  EXPECT_EQ(out->substr(8, 4), std::string("\xFF\xE1\x00\x0A", 4));
  EXPECT_EQ(out->substr(12, 8), std::string("Exif\0\0XY", 8));
  EXPECT_EQ(out->substr(20), "\xFF\xDB");
  EXPECT_FALSE(detail::insert_exif(jpeg, std::string(70000, 'x')));
}

}  // namespace envgrid::media::test
