// DocxBuilder::build(): the 版头 and 版记 around the body blocks, and the package parts.
#include <algorithm>
#include <cmath>

#include "export/docx_builder.hpp"
#include "export/docx_parts.hpp"
#include "export/xml.hpp"
#include "export/zip_writer.hpp"

namespace envgrid::exporter {
namespace {

using namespace docx;

constexpr const char* kDocOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document "
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>";

constexpr int kRuleEighths = 16;   // 2 pt red rule
constexpr int kRuleGapPt = 11;     // 4 mm between 发文字号 and the rule
constexpr int kImprintChar = 280;  // one 四号 (14 pt) character

// The 发文机关标志 size: as large as 42 pt allows, shrunk so the name fits one line at the
// style's 90 % character width.
int header_half_points(const std::string& body) {
  double widest = 1;
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = body.find('\n', start);
    widest = std::max(widest, display_width(body.substr(start, nl - start)));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  const double fit_pt = (kTextWidth / 20.0) * 0.96 / (0.9 * widest);
  return static_cast<int>(std::clamp(std::floor(fit_pt), 22.0, 42.0) * 2);
}

std::string rule_ppr(int before, int after, int space_pt) {
  return "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"" + std::to_string(kRuleEighths) +
         "\" w:space=\"" + std::to_string(space_pt) +
         "\" w:color=\"FF0000\"/></w:pBdr><w:spacing w:before=\"" + std::to_string(before) +
         "\" w:after=\"" + std::to_string(after) + "\"/>";
}

std::string p(const char* style, const std::string& ppr, const std::string& runs) {
  return std::string("<w:p><w:pPr><w:pStyle w:val=\"") + style + "\"/>" + ppr + "</w:pPr>" +
         runs + "</w:p>";
}

std::string rule(const char* side, int eighths) {
  if (eighths == 0) return std::string("<w:") + side + " w:val=\"nil\"/>";
  return std::string("<w:") + side + " w:val=\"single\" w:sz=\"" + std::to_string(eighths) +
         "\" w:space=\"0\" w:color=\"000000\"/>";
}

// 版记 (GB/T 9704 7.4): a one-column table floated to the foot of the type area, thick
// rules above and below, a thin one between 抄送 and 印发. Word and WPS pin it to the
// bottom; LibreOffice 7.4 keeps full-width floating tables inline, after the 落款.
std::string imprint(const std::string& copy_to, const std::string& body,
                    const std::string& date) {
  std::string rows;
  auto row = [&](const std::string& content) {
    rows += "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"" +
            std::to_string(kTextWidth) + "\" w:type=\"dxa\"/></w:tcPr>" + content +
            "</w:tc></w:tr>";
  };
  if (!copy_to.empty()) {
    std::string text = copy_to;
    if (!text.ends_with("。")) text += "。";
    // Wrapped lines align with the first character after "抄送：".
    row(p("GwImprint",
          "<w:ind w:left=\"" + std::to_string(4 * kImprintChar) + "\" w:right=\"" +
              std::to_string(kImprintChar) + "\" w:hanging=\"" +
              std::to_string(3 * kImprintChar) + "\"/>",
          run("抄送：" + text)));
  }
  if (!body.empty() || !date.empty()) {
    const std::string tab = "<w:tabs><w:tab w:val=\"right\" w:pos=\"" +
                            std::to_string(kTextWidth - kImprintChar) + "\"/></w:tabs>";
    row(p("GwImprint", tab + "<w:ind w:left=\"" + std::to_string(kImprintChar) + "\"/>",
          run(body + "\t" + (date.empty() ? "" : date + "印发"))));
  }
  return "<w:tbl><w:tblPr><w:tblpPr w:leftFromText=\"0\" w:rightFromText=\"0\" "
         "w:topFromText=\"240\" w:vertAnchor=\"margin\" w:horzAnchor=\"margin\" "
         "w:tblpXSpec=\"center\" w:tblpYSpec=\"bottom\"/><w:tblW w:w=\"" +
         std::to_string(kTextWidth) + "\" w:type=\"dxa\"/><w:tblBorders>" + rule("top", 8) +
         rule("left", 0) + rule("bottom", 8) + rule("right", 0) + rule("insideH", 6) +
         rule("insideV", 0) +
         "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"0\" "
         "w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
         "<w:tblGrid><w:gridCol w:w=\"" + std::to_string(kTextWidth) + "\"/></w:tblGrid>" +
         rows + "</w:tbl>";
}

}  // namespace

core::Result<std::string> DocxBuilder::build() const {
  if (!error_.empty())
    return core::Error{422, "invalid-image", "图片无法读取", error_, {}, {}};

  std::string doc = kDocOpen;
  const bool has_number = !doc_number_.empty();
  if (!header_body_.empty()) {
    // 版头: the name, two lines down the 发文字号, then the red rule and two empty lines.
    const std::string ppr = has_number ? "" : rule_ppr(0, 2 * kLine, kRuleGapPt);
    doc += p("GwHeader", ppr,
             run(header_body_, RunProps{.half_points = header_half_points(header_body_)}));
  }
  if (has_number) {
    const int before = header_body_.empty() ? 0 : 2 * kLine;
    doc += p("GwDocNumber", rule_ppr(before, 2 * kLine, kRuleGapPt), run(doc_number_));
  }
  for (const std::string& block : blocks_) doc += block;
  const bool has_imprint = !copy_to_.empty() || !printed_body_.empty() || !printed_date_.empty();
  // The empty line keeps the 版记 off the 落款 where it is not floated (LibreOffice).
  if (has_imprint) doc += p("Normal", "", "") + imprint(copy_to_, printed_body_, printed_date_);
  // Word wants a paragraph, not a table, before the section properties (1 pt high).
  if (doc.ends_with("</w:tbl>"))
    doc += p("Normal", "<w:spacing w:line=\"20\" w:lineRule=\"exact\"/>", "");
  doc += section_properties() + "</w:body></w:document>";

  std::vector<std::string> media_names;
  for (const Media& m : media_) media_names.push_back(m.name);
  std::vector<ZipEntry> entries = {
      {"[Content_Types].xml", content_types()},
      {"_rels/.rels", package_rels()},
      {"docProps/core.xml", core_props(title_text_, header_body_.empty() ? "envgrid" : header_body_)},
      {"docProps/app.xml", app_props()},
      {"word/document.xml", std::move(doc)},
      {"word/_rels/document.xml.rels", document_rels(media_names)},
      {"word/styles.xml", styles()},
      {"word/settings.xml", settings()},
      {"word/fontTable.xml", font_table()},
      {"word/footer1.xml", footer(false)},
      {"word/footer2.xml", footer(true)},
  };
  for (const Media& m : media_) entries.push_back({"word/media/" + m.name, m.bytes, false});
  return zip_to_memory(entries);
}

}  // namespace envgrid::exporter
