// The problem ledger workbook as a user opens it: LibreOffice reads back what we wrote.
#include <gtest/gtest.h>

#include <regex>

#include "export/ledger_xlsx.hpp"
#include "test_util.hpp"

namespace envgrid::exporter {
namespace {
namespace fs = std::filesystem;

std::vector<LedgerRow> three_rows() {
  const std::string before = test::make_jpeg(160, 120, 150, 110, 70, "整改前");
  const std::string after = test::make_jpeg(160, 120, 60, 140, 80, "整改后");
  return {
      {"202409130001", "网格员巡查", "暴露垃圾", "将军路街道文峰路18号东侧", "将军路第3网格",
       "环卫所", "路边绿化带内堆放生活垃圾约2立方米，气味较大。", "2024-09-13 17:30",
       "已结案", "已清运完毕，恢复整洁。", "2024-09-13 16:05", before, after},
      {"202409130002", "群众投诉", "非法小广告", "凤凰路与孝水路交叉口\n公交站台", "将军路第7网格",
       "城管执法中队", "站台立柱张贴小广告10余处，含“办证”字样 <&>\"'", "2024-09-14 11:00",
       "处置中", "", "", before, std::nullopt},
      {"202409130003", "上级暗访", "占道经营", "山川路菜市场南门", "将军路第12网格",
       "市场监管所", "早市摊点占用人行道经营 🍉", "2024-09-16 17:30", "已立案", "", "",
       std::nullopt, std::nullopt},
  };
}

TEST(LedgerXlsx, LibreOfficeReadsBackTitleHeaderAndChineseRows) {
  const fs::path dir = test::scratch_dir("ledger3");
  const fs::path xlsx = dir / "ledger.xlsx";
  LedgerXlsx ledger(xlsx, "示范街道问题台账（2024-09-01 至 2024-09-30）");
  for (const LedgerRow& r : three_rows()) ledger.add(r);
  const auto done = ledger.finish();
  ASSERT_TRUE(done.ok()) << done.error().detail;
  EXPECT_EQ(done.value(), 3u);
  fs::copy_file(xlsx, test::artifacts_dir() / "ledger_sample.xlsx",
                fs::copy_options::overwrite_existing);

  const fs::path csv = test::soffice_convert(
      xlsx, "csv:Text - txt - csv (StarCalc):44,34,76", "csv", dir);
  const auto rows = test::parse_csv(test::read_file(csv));
  ASSERT_EQ(rows.size(), 5u) << test::read_file(csv);
  EXPECT_EQ(rows[0][0], "示范街道问题台账（2024-09-01 至 2024-09-30）");
  const std::vector<std::string> header = {"序号", "编号", "来源", "类别", "位置", "网格",
                                           "责任单位", "问题描述", "整改时限", "状态",
                                           "整改情况", "销号时间", "整改前", "整改后"};
  EXPECT_EQ(rows[1], header);
  const std::vector<std::string> first = {
      "1", "202409130001", "网格员巡查", "暴露垃圾", "将军路街道文峰路18号东侧",
      "将军路第3网格", "环卫所", "路边绿化带内堆放生活垃圾约2立方米，气味较大。",
      "2024-09-13 17:30", "已结案", "已清运完毕，恢复整洁。", "2024-09-13 16:05", "", ""};
  EXPECT_EQ(rows[2], first);
  EXPECT_EQ(rows[3][4], "凤凰路与孝水路交叉口\n公交站台");
  EXPECT_EQ(rows[3][7], "站台立柱张贴小广告10余处，含“办证”字样 <&>\"'");
  EXPECT_EQ(rows[4][0], "3");
  EXPECT_EQ(rows[4][7], "早市摊点占用人行道经营 🍉");
}

TEST(LedgerXlsx, SheetHasMergedTitleFrozenHeaderAutofilterAndAnchoredThumbnails) {
  const fs::path dir = test::scratch_dir("ledger-xml");
  const fs::path xlsx = dir / "ledger.xlsx";
  LedgerXlsx ledger(xlsx, "问题台账");
  for (const LedgerRow& r : three_rows()) ledger.add(r);
  ASSERT_TRUE(ledger.finish().ok());
  const std::string bytes = test::read_file(xlsx);
  const std::string sheet = *test::zip_entry(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<mergeCell ref=\"A1:N1\"/>"), std::string::npos);
  EXPECT_NE(sheet.find("<autoFilter ref=\"A2:N5\"/>"), std::string::npos);
  EXPECT_NE(sheet.find("ySplit=\"2\""), std::string::npos);
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
  EXPECT_EQ(sheet.find("<f>"), std::string::npos) << "no formulas, so no cached values needed";

  // Three thumbnails; each must start and end in its own row and column, which
  // constant_memory mode gets wrong unless the default row height is the thumbnail's.
  const std::string drawing = *test::zip_entry(bytes, "xl/drawings/drawing1.xml");
  const std::regex anchor(
      "<xdr:from><xdr:col>(\\d+)</xdr:col><xdr:colOff>\\d+</xdr:colOff><xdr:row>(\\d+)</xdr:row>"
      "<xdr:rowOff>\\d+</xdr:rowOff></xdr:from><xdr:to><xdr:col>(\\d+)</xdr:col><xdr:colOff>"
      "\\d+</xdr:colOff><xdr:row>(\\d+)</xdr:row>");
  std::vector<std::pair<int, int>> cells;
  for (auto it = std::sregex_iterator(drawing.begin(), drawing.end(), anchor);
       it != std::sregex_iterator(); ++it) {
    EXPECT_EQ((*it)[1], (*it)[3]) << "thumbnail spills into the next column";
    EXPECT_EQ((*it)[2], (*it)[4]) << "thumbnail spills into the next row";
    cells.emplace_back(std::stoi((*it)[2]), std::stoi((*it)[1]));
  }
  const std::vector<std::pair<int, int>> expected = {{2, 12}, {2, 13}, {3, 12}};
  EXPECT_EQ(cells, expected);
}

TEST(LedgerXlsx, ThumbnailCapDropsLaterImagesAndSaysSo) {
  const fs::path dir = test::scratch_dir("ledger-cap");
  const fs::path xlsx = dir / "ledger.xlsx";
  LedgerXlsx ledger(xlsx, "问题台账", LedgerOptions{.max_thumbnail_rows = 2});
  for (const LedgerRow& r : three_rows()) ledger.add(r);
  LedgerRow extra = three_rows()[0];
  ledger.add(extra);
  ASSERT_TRUE(ledger.finish().ok());
  EXPECT_EQ(ledger.thumbnails_dropped(), 1u);
  const std::string bytes = test::read_file(xlsx);
  const std::string drawing = *test::zip_entry(bytes, "xl/drawings/drawing1.xml");
  std::size_t anchors = 0;
  for (std::size_t p = 0; (p = drawing.find("<xdr:twoCellAnchor", p)) != std::string::npos; ++p)
    ++anchors;
  EXPECT_EQ(anchors, 3u);
  const std::string sheet = *test::zip_entry(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("其余 1 条请在系统中查看照片"), std::string::npos);
  EXPECT_NE(sheet.find("<autoFilter ref=\"A2:N6\"/>"), std::string::npos);
}

TEST(LedgerXlsx, UnwritablePathIsAnErrorNotACrash) {
  LedgerXlsx ledger("/nonexistent-dir/ledger.xlsx", "问题台账");
  ledger.add(three_rows()[2]);
  const auto done = ledger.finish();
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().type, "export-failed");
  EXPECT_FALSE(ledger.finish().ok());  // idempotent
}

TEST(LedgerXlsx, AbandonedLedgerWritesNothing) {
  const fs::path dir = test::scratch_dir("ledger-abandon");
  {
    LedgerXlsx ledger(dir / "ledger.xlsx", "问题台账");
    ledger.add(three_rows()[2]);
  }
  EXPECT_FALSE(fs::exists(dir / "ledger.xlsx"));
}

}  // namespace
}  // namespace envgrid::exporter
