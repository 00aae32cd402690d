// Chinese dates and numbers, XML escaping, JPEG headers.
#include <gtest/gtest.h>

#include "export/chinese_date.hpp"
#include "export/jpeg_info.hpp"
#include "export/xml.hpp"
#include "test_util.hpp"

namespace envgrid::exporter {
namespace {

TEST(ChineseDate, ArabicFormHasNoLeadingZeros) {
  EXPECT_EQ(chinese_date({2024, 9, 13}), "2024年9月13日");
  EXPECT_EQ(chinese_date({2023, 12, 1}), "2023年12月1日");
}

TEST(ChineseDate, NumeralFormWritesZeroAsLingCircle) {
  EXPECT_EQ(chinese_numeral_date({2024, 9, 13}), "二〇二四年九月十三日");
  EXPECT_EQ(chinese_numeral_date({2010, 10, 20}), "二〇一〇年十月二十日");
  EXPECT_EQ(chinese_numeral_date({2021, 11, 31}), "二〇二一年十一月三十一日");
  EXPECT_EQ(chinese_numeral_date({2000, 1, 10}), "二〇〇〇年一月十日");
}

TEST(ChineseNumber, HeadingNumbers) {
  EXPECT_EQ(chinese_number(1), "一");
  EXPECT_EQ(chinese_number(10), "十");
  EXPECT_EQ(chinese_number(12), "十二");
  EXPECT_EQ(chinese_number(20), "二十");
  EXPECT_EQ(chinese_number(99), "九十九");
  EXPECT_EQ(chinese_number(100), "100");
}

TEST(XmlEscape, EscapesMarkupAndKeepsEmoji) {
  EXPECT_EQ(xml_escape("<&>\"'"), "&lt;&amp;&gt;&quot;&apos;");
  EXPECT_EQ(xml_escape("垃圾🗑️清运"), "垃圾🗑️清运");
}

TEST(XmlEscape, DropsControlCharactersAndRepairsBadUtf8) {
  EXPECT_EQ(xml_escape(std::string("a\x01" "b\tc\n", 6)), "ab\tc\n");
  EXPECT_EQ(sanitize_utf8("ok\xff\xfe!"), "ok\xEF\xBF\xBD\xEF\xBF\xBD!");
  EXPECT_EQ(sanitize_utf8("\xE6\xB8"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // truncated 清
  EXPECT_EQ(sanitize_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(sanitize_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(DisplayWidth, CountsCjkAsOneAndAsciiAsHalf) {
  EXPECT_DOUBLE_EQ(display_width("2024年9月13日"), 3.0 + 3.5);
  EXPECT_DOUBLE_EQ(display_width("示范街道办事处"), 7.0);
}

TEST(JpegInfo, ReadsSizeFromFrameHeader) {
  const std::string jpeg = test::make_jpeg(160, 120, 200, 80, 40);
  const auto info = jpeg_info(jpeg);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->width, 160);
  EXPECT_EQ(info->height, 120);
  EXPECT_GT(info->x_dpi, 0);
}

TEST(JpegInfo, RejectsNonJpegAndTruncatedData) {
  EXPECT_FALSE(jpeg_info("not a jpeg"));
  EXPECT_FALSE(jpeg_info("\x89PNG\r\n\x1a\n"));
  const std::string jpeg = test::make_jpeg(32, 32, 0, 0, 0);
  EXPECT_FALSE(jpeg_info(jpeg.substr(0, 20)));
}

}  // namespace
}  // namespace envgrid::exporter
