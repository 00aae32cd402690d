// Reading spreadsheets users upload (交办清单): workbooks written by libxlsxwriter and by
// LibreOffice, CSV in UTF-8 and GB18030, and files that must be refused.
#include <gtest/gtest.h>
#include <iconv.h>

#include <fstream>

#include "export/ledger_xlsx.hpp"
#include "export/xlsx_reader.hpp"
#include "export/zip_writer.hpp"
#include "test_util.hpp"

namespace envgrid::exporter {
namespace {
namespace fs = std::filesystem;

TEST(XlsxReader, ReadsBackTheLedgerWorkbookWeWrite) {
  const fs::path dir = test::scratch_dir("xlsx_read");
  const fs::path xlsx = dir / "ledger.xlsx";
  LedgerXlsx ledger(xlsx, "问题台账");
  ledger.add({"202409130001", "上级督查", "暴露垃圾", "文峰路18号 <东侧> & 北", "第3网格", "环卫所",
              "堆放生活垃圾约2立方米", "2024-09-13 17:30", "已结案", "已清运", "2024-09-13 16:05",
              std::nullopt, std::nullopt});
  ASSERT_TRUE(ledger.finish().ok());
  auto table = read_xlsx(test::read_file(xlsx));
  ASSERT_TRUE(table.ok()) << table.error().detail;
  // Row 0 is the title, row 1 the header, row 2 the data (see ledger_xlsx.hpp).
  bool found = false;
  for (const auto& row : *table)
    for (std::size_t i = 0; i < row.size(); ++i)
      if (row[i] == "202409130001") {
        found = true;
        ASSERT_GT(row.size(), i + 3);
        EXPECT_EQ(row[i + 3], "文峰路18号 <东侧> & 北");
      }
  EXPECT_TRUE(found);
}

TEST(XlsxReader, ReadsAWorkbookSavedByLibreOffice) {
  const fs::path dir = test::scratch_dir("xlsx_lo");
  const fs::path csv = dir / "list.csv";
  std::ofstream(csv) << "\xEF\xBB\xBF序号,问题描述,位置,整改时限,经度\n1,\"垃圾,堆放\",凤凰路,2026-12-31,118.05\n2,小广告,孝水路,,118.1\n";
  const fs::path xlsx = test::soffice_convert(csv, "xlsx", "xlsx", dir, "CSV:44,34,76");
  auto table = read_xlsx(test::read_file(xlsx));
  ASSERT_TRUE(table.ok()) << table.error().detail;
  ASSERT_GE(table->size(), 3u);
  EXPECT_EQ((*table)[0][1], "问题描述");
  EXPECT_EQ((*table)[1][1], "垃圾,堆放");
  EXPECT_EQ((*table)[2][2], "孝水路");
  EXPECT_EQ((*table)[1][4], "118.05");
  // LibreOffice turns the date into a serial number with a date format.
  const std::string due = (*table)[1][3];
  EXPECT_TRUE(due == "2026-12-31" || excel_serial_date(std::stod(due)) == "2026-12-31") << due;
}

TEST(XlsxReader, SerialDatesFollowExcel) {
  EXPECT_EQ(excel_serial_date(1), "1900-01-01");
  EXPECT_EQ(excel_serial_date(61), "1900-03-01");
  EXPECT_EQ(excel_serial_date(45658), "2025-01-01");
  EXPECT_EQ(excel_serial_date(46022.75), "2025-12-31");
  EXPECT_EQ(excel_serial_date(0), "");
  EXPECT_EQ(excel_serial_date(-3), "");
}

TEST(XlsxReader, CsvInUtf8WithBomAndInGb18030) {
  auto a = read_table("\xEF\xBB\xBF序号,位置\r\n1,\"凤凰路\"\"东\"\"\"\r\n");
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->size(), 2u);
  EXPECT_EQ((*a)[0][0], "序号");
  EXPECT_EQ((*a)[1][1], "凤凰路\"东\"");

  std::string utf8 = "序号,位置\n1,将军路街道\n", gbk(64, '\0');
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  char* in = utf8.data();
  char* out = gbk.data();
  std::size_t il = utf8.size(), ol = gbk.size();
  ASSERT_NE(iconv(cd, &in, &il, &out, &ol), static_cast<std::size_t>(-1));
  iconv_close(cd);
  gbk.resize(gbk.size() - ol);
  auto b = read_table(gbk);
  ASSERT_TRUE(b.ok()) << b.error().detail;
  EXPECT_EQ((*b)[1][1], "将军路街道");

  auto tabs = read_table("序号\t位置\n1\t凤凰路\n");
  ASSERT_TRUE(tabs.ok());
  EXPECT_EQ((*tabs)[1][1], "凤凰路");
}

TEST(XlsxReader, RefusesBrokenTruncatedOldAndBombFiles) {
  auto open_quote = read_table("a,b\n1,\"x\n");
  ASSERT_FALSE(open_quote.ok());
  EXPECT_NE(open_quote.error().detail.find("引号没有闭合"), std::string::npos);

  auto xls = read_table(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0'));
  ASSERT_FALSE(xls.ok());
  EXPECT_NE(xls.error().detail.find(".xls"), std::string::npos);

  const fs::path dir = test::scratch_dir("xlsx_bad");
  LedgerXlsx ledger(dir / "l.xlsx", "问题台账");
  ASSERT_TRUE(ledger.finish().ok());
  const std::string whole = test::read_file(dir / "l.xlsx");
  auto truncated = read_table(whole.substr(0, whole.size() / 2));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().status, 400);

  auto not_a_workbook = zip_to_memory({{"hello.txt", "hi", true}});
  ASSERT_TRUE(not_a_workbook.ok());
  auto nb = read_table(*not_a_workbook);
  ASSERT_FALSE(nb.ok());
  EXPECT_NE(nb.error().detail.find("xl/worksheets/sheet1.xml"), std::string::npos);

  // 4 MB of one repeated row compresses to a few KB; the reader stops at its limit.
  std::string sheet = "<worksheet><sheetData>";
  while (sheet.size() < (4u << 20)) sheet += "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>";
  sheet += "</sheetData></worksheet>";
  auto bomb = zip_to_memory({{"xl/worksheets/sheet1.xml", sheet, true}});
  ASSERT_TRUE(bomb.ok());
  ASSERT_LT(bomb->size(), 200u * 1024);
  TableLimits small;
  small.max_part_bytes = 1u << 20;
  auto refused = read_table(*bomb, small);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().detail.find("解压后超过"), std::string::npos);
  TableLimits few_rows;
  few_rows.max_rows = 100;
  auto too_many = read_table(*bomb, few_rows);
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.error().detail.find("分批导入"), std::string::npos);
}

}  // namespace
}  // namespace envgrid::exporter
