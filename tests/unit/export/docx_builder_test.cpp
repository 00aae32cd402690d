// A bulletin (通报) built as a user would get it: valid package, LibreOffice renders it,
// the text comes out of the PDF in order, and page 1 looks like a 公文.
#include <gtest/gtest.h>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <fstream>
#include <sstream>

#include "export/chinese_date.hpp"
#include "export/docx_builder.hpp"
#include "test_util.hpp"

namespace envgrid::exporter {
namespace {
namespace fs = std::filesystem;

DocxBuilder sample_bulletin() {
  DocxBuilder b;
  b.red_header("示范街道办事处文件")
      .doc_number("示街发〔2024〕12号")
      .title("关于2024年9月城乡环境网格化整治\n工作情况的通报")
      .addressee("各社区居委会、街道各相关部门：")
      .paragraph("为深入推进城乡环境大整治“百日攻坚”行动，街道指挥中心对9月份各网格问题发现、"
                 "派遣、处置和核查情况进行了统计，现将有关情况通报如下：")
      .heading(1, "总体情况")
      .paragraph("9月份共受理问题1286件，已结案1175件，结案率91.4%；清理小广告3200余条，"
                 "清运垃圾86吨。")
      .heading(2, "按期处置情况。", "环卫所、城管执法中队按期处置率均在95%以上。")
      .table({"责任单位", "派遣数", "结案数", "按期处置率", "得分"},
             {{"环卫所", "412", "405", "97.3%", "96.5"},
              {"城管执法中队", "388", "371", "95.1%", "93.8"},
              {"东关社区居委会", "126", "98", "71.4%", "68.2"}},
             {3, 1.5, 1.5, 2, 1.5})
      .heading(1, "典型问题整改前后对比")
      .image_pair(test::make_jpeg(320, 240, 150, 110, 70, "整改前"),
                  test::make_jpeg(320, 240, 60, 140, 80, "整改后"), "整改前：文峰路暴露垃圾",
                  "整改后：已清运完毕")
      .heading(1, "下步工作要求")
      .paragraph("各单位要对照问题清单，倒排工期，确保10月15日前全部整改到位。")
      .signature("示范街道办事处", core::Date{2024, 9, 13})
      .copy_to("区城乡环境综合整治指挥部办公室")
      .printed_by("示范街道党政办公室", "2024年9月13日");
  return b;
}

TEST(DocxBuilder, PackageHasAllPartsAndWellFormedXml) {
  const auto built = sample_bulletin().build();
  ASSERT_TRUE(built.ok()) << built.error().detail;
  const std::string& bytes = built.value();
  for (const char* part :
       {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
        "word/_rels/document.xml.rels", "word/settings.xml", "word/fontTable.xml",
        "word/footer1.xml", "word/footer2.xml", "docProps/core.xml", "docProps/app.xml",
        "word/media/image1.jpeg", "word/media/image2.jpeg"}) {
    const auto entry = test::zip_entry(bytes, part);
    ASSERT_TRUE(entry) << part;
    if (!std::string_view(part).ends_with(".jpeg")) {
      std::istringstream in(*entry);
      boost::property_tree::ptree tree;
      EXPECT_NO_THROW(boost::property_tree::read_xml(in, tree)) << part;
    }
  }
  EXPECT_EQ(test::zip_names(bytes).front(), "[Content_Types].xml");
  const std::string doc = *test::zip_entry(bytes, "word/document.xml");
  // GB/T 9704 page: A4, margins 37/35/28/26 mm, body lines exactly 28.95 pt.
  EXPECT_NE(doc.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), std::string::npos);
  EXPECT_NE(doc.find("w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""),
            std::string::npos);
  const std::string styles = *test::zip_entry(bytes, "word/styles.xml");
  EXPECT_NE(styles.find("w:line=\"579\" w:lineRule=\"exact\""), std::string::npos);
  EXPECT_NE(doc.find("一、总体情况"), std::string::npos);
  EXPECT_NE(doc.find("（一）按期处置情况。"), std::string::npos);
  EXPECT_NE(doc.find("三、下步工作要求"), std::string::npos);
  EXPECT_NE(doc.find("2024年9月13日"), std::string::npos);
}

TEST(DocxBuilder, EscapesMarkupAndKeepsEmoji) {
  DocxBuilder b;
  b.title("标题<&>\"'").paragraph("正文 <&>\"' 🧹 结束").table({"列<1>"}, {{"a&b"}});
  const auto built = b.build();
  ASSERT_TRUE(built.ok());
  const std::string doc = *test::zip_entry(built.value(), "word/document.xml");
  EXPECT_NE(doc.find("正文 &lt;&amp;&gt;&quot;&apos; 🧹 结束"), std::string::npos);
  EXPECT_NE(doc.find("列&lt;1&gt;"), std::string::npos);
  EXPECT_NE(doc.find("a&amp;b"), std::string::npos);
  std::istringstream in(doc);
  boost::property_tree::ptree tree;
  EXPECT_NO_THROW(boost::property_tree::read_xml(in, tree));
  const std::string core = *test::zip_entry(built.value(), "docProps/core.xml");
  EXPECT_NE(core.find("标题&lt;&amp;&gt;&quot;&apos;"), std::string::npos);
}

TEST(DocxBuilder, ImageKeepsAspectRatioInEmu) {
  DocxBuilder b;
  b.image(test::make_jpeg(400, 300, 10, 20, 30), 10.0, "图1");
  const auto built = b.build();
  ASSERT_TRUE(built.ok());
  const std::string doc = *test::zip_entry(built.value(), "word/document.xml");
  EXPECT_NE(doc.find("<wp:extent cx=\"3600000\" cy=\"2700000\"/>"), std::string::npos);
}

TEST(DocxBuilder, NonJpegImageFailsTheBuild) {
  DocxBuilder b;
  b.paragraph("正文").image("GIF89a....", 5.0);
  const auto built = b.build();
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().type, "invalid-image");
}

TEST(DocxBuilder, SameInputGivesSameBytes) {
  EXPECT_EQ(sample_bulletin().build().value(), sample_bulletin().build().value());
}

TEST(DocxBuilder, LibreOfficeRendersBulletinWithTextInOrder) {
  const fs::path dir = test::scratch_dir("docx");
  const fs::path docx = dir / "bulletin.docx";
  const auto built = sample_bulletin().build();
  ASSERT_TRUE(built.ok());
  std::ofstream(docx, std::ios::binary) << built.value();
  fs::copy_file(docx, test::artifacts_dir() / "bulletin.docx",
                fs::copy_options::overwrite_existing);

  const fs::path pdf = test::soffice_convert(docx, "pdf", "pdf", dir);
  std::string text;
  ASSERT_EQ(test::run("pdftotext -enc UTF-8 '" + pdf.string() + "' -", &text), 0) << text;
  // pdftotext puts spaces between CJK and digits and breaks lines: compare without them.
  auto squeeze = [](std::string_view s) {
    std::string out;
    for (char c : s)
      if (c != ' ' && c != '\n' && c != '\f') out += c;
    return out;
  };
  text = squeeze(text);
  std::size_t at = 0;
  for (const char* raw :
       {"示范街道办事处文件", "示街发〔2024〕12号", "工作情况的通报", "各社区居委会",
        "一、总体情况", "结案率91.4%", "（一）按期处置情况。", "责任单位", "城管执法中队",
        "二、典型问题整改前后对比", "整改前：文峰路暴露垃圾", "整改后：已清运完毕",
        "三、下步工作要求", "示范街道办事处", "2024年9月13日", "抄送：区城乡环境综合整治",
        "示范街道党政办公室"}) {
    const std::string needle = squeeze(raw);
    const std::size_t found = text.find(needle, at);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << needle << "\n" << text;
    at = found + needle.size();
  }
  EXPECT_NE(text.find("—1—"), std::string::npos) << "page number in the footer";
  EXPECT_NE(text.find("—2—"), std::string::npos);

  std::string out;
  const fs::path png = test::artifacts_dir() / "bulletin-page1";
  ASSERT_EQ(test::run("pdftoppm -png -r 60 -f 1 -l 1 -singlefile '" + pdf.string() + "' '" +
                          png.string() + "'",
                      &out),
            0)
      << out;
  EXPECT_TRUE(fs::exists(png.string() + ".png"));
  fs::copy_file(pdf, test::artifacts_dir() / "bulletin.pdf", fs::copy_options::overwrite_existing);
}

}  // namespace
}  // namespace envgrid::exporter
