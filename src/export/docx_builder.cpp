#include "export/docx_builder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "export/chinese_date.hpp"
#include "export/docx_parts.hpp"
#include "export/jpeg_info.hpp"
#include "export/xml.hpp"

namespace envgrid::exporter {
namespace {

using namespace docx;

// A paragraph; `ppr` is the pPr content after pStyle, in schema order.
std::string para(const char* style, const std::string& runs, const std::string& ppr = {}) {
  return std::string("<w:p><w:pPr><w:pStyle w:val=\"") + style + "\"/>" + ppr + "</w:pPr>" +
         runs + "</w:p>";
}

std::string spacing(int before, int after) {
  return "<w:spacing w:before=\"" + std::to_string(before) + "\" w:after=\"" +
         std::to_string(after) + "\"/>";
}

std::string border(const char* side, int eighths, const char* color, int space_pt = 0) {
  return std::string("<w:") + side + " w:val=\"single\" w:sz=\"" + std::to_string(eighths) +
         "\" w:space=\"" + std::to_string(space_pt) + "\" w:color=\"" + color + "\"/>";
}

std::string no_border(const char* side) {
  return std::string("<w:") + side + " w:val=\"nil\"/>";
}

std::string cell(int width, const std::string& content, const std::string& extra = {}) {
  return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>" +
         extra + "<w:vAlign w:val=\"center\"/></w:tcPr>" + content + "</w:tc>";
}

std::string grid(const std::vector<int>& widths) {
  std::string s = "<w:tblGrid>";
  for (int w : widths) s += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  return s + "</w:tblGrid>";
}

std::string heading_number(int level, int n) {
  switch (level) {
    case 1: return chinese_number(n) + "、";
    case 2: return "（" + chinese_number(n) + "）";
    case 3: return std::to_string(n) + ".";
    default: return "（" + std::to_string(n) + "）";
  }
}

// Splits on '\n'; an empty string yields one empty line.
std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = text.find('\n', start);
    out.push_back(text.substr(start, nl == std::string::npos ? nl : nl - start));
    if (nl == std::string::npos) return out;
    start = nl + 1;
  }
}

int twips_of_chars(double chars, int char_twips) {
  return static_cast<int>(std::lround(chars * char_twips));
}

}  // namespace

DocxBuilder& DocxBuilder::red_header(std::string body) {
  header_body_ = std::move(body);
  return *this;
}

DocxBuilder& DocxBuilder::doc_number(std::string text) {
  doc_number_ = std::move(text);
  return *this;
}

DocxBuilder& DocxBuilder::title(std::string text) {
  if (title_text_.empty()) title_text_ = text;
  // A second document in the same file (e.g. a summary followed by its 通报) numbers anew.
  std::fill(std::begin(counters_), std::end(counters_), 0);
  // Below the red rule the rule's paragraph already leaves two lines; one line follows.
  blocks_.push_back(para("GwTitle", run(text), spacing(0, kLine)));
  return *this;
}

DocxBuilder& DocxBuilder::addressee(std::string text) {
  blocks_.push_back(para("Normal", run(text)));
  return *this;
}

DocxBuilder& DocxBuilder::heading(int level, std::string text, std::string run_in) {
  level = std::clamp(level, 1, 4);
  const int n = ++counters_[level - 1];
  for (int k = level; k < 4; ++k) counters_[k] = 0;
  std::string runs = run(heading_number(level, n) + text);
  if (!run_in.empty()) runs += run(run_in, RunProps{.font = kFangSong, .not_bold = true});
  blocks_.push_back(para(("Heading" + std::to_string(level)).c_str(), runs));
  return *this;
}

DocxBuilder& DocxBuilder::paragraph(std::string text) {
  for (const std::string& line : lines(text)) blocks_.push_back(para("GwBody", run(line)));
  return *this;
}

DocxBuilder& DocxBuilder::table(std::vector<std::string> columns,
                                std::vector<std::vector<std::string>> rows,
                                std::vector<double> widths) {
  const std::size_t n = std::max<std::size_t>(1, columns.size());
  if (widths.size() != n || std::any_of(widths.begin(), widths.end(),
                                        [](double w) { return !(w > 0); }))
    widths.assign(n, 1.0);
  const double total = std::accumulate(widths.begin(), widths.end(), 0.0);
  std::vector<int> tw;
  for (double w : widths) tw.push_back(static_cast<int>(kTextWidth * w / total));

  auto row_xml = [&](const std::vector<std::string>& cells, bool header) {
    std::string s = "<w:tr><w:trPr><w:cantSplit/>";
    if (header) s += "<w:tblHeader/>";
    s += "</w:trPr>";
    for (std::size_t c = 0; c < n; ++c) {
      const std::string text = c < cells.size() ? cells[c] : std::string();
      // Short values centre; running text reads better justified.
      const bool long_text = !header && display_width(text) > 10;
      const std::string ppr = long_text ? "<w:jc w:val=\"both\"/>" : "";
      const RunProps props = header ? RunProps{.font = kHei, .bold = true} : RunProps{};
      s += cell(tw[c], para("GwTableText", run(text, props), ppr));
    }
    return s + "</w:tr>";
  };

  std::string t = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(kTextWidth) +
                  "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>" +
                  border("top", 4, "000000") + border("left", 4, "000000") +
                  border("bottom", 4, "000000") + border("right", 4, "000000") +
                  border("insideH", 4, "000000") + border("insideV", 4, "000000") +
                  "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr>" + grid(tw);
  columns.resize(n);
  t += row_xml(columns, true);
  for (const auto& r : rows) t += row_xml(r, false);
  blocks_.push_back(t + "</w:tbl>");
  // Keeps a following table from merging into this one and leaves a line of air.
  blocks_.push_back(para("Normal", ""));
  return *this;
}

std::string DocxBuilder::drawing(std::string jpeg, double width_cm, const std::string& descr) {
  const auto info = jpeg_info(jpeg);
  if (!info) {
    if (error_.empty()) error_ = "第 " + std::to_string(media_.size() + 1) + " 张图片不是有效的 JPEG";
    return {};
  }
  width_cm = std::clamp(width_cm, 0.5, kTextWidth / 567.0);
  const long cx = std::lround(width_cm * kEmuPerCm);
  // Physical aspect ratio, so non-square pixel densities stay undistorted.
  const double aspect = (info->height / info->y_dpi) / (info->width / info->x_dpi);
  const long cy = std::lround(static_cast<double>(cx) * aspect);
  const std::string id = std::to_string(media_.size() + 1);
  media_.push_back({"image" + id + ".jpeg", std::move(jpeg)});
  const std::string ext = "cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) + "\"";
  const std::string d = xml_escape(descr);
  return "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
         "<wp:extent " + ext + "/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
         "<wp:docPr id=\"" + id + "\" name=\"图片 " + id + "\" descr=\"" + d + "\"/>"
         "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
         "</wp:cNvGraphicFramePr><a:graphic><a:graphicData "
         "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
         "<pic:nvPicPr><pic:cNvPr id=\"" + id + "\" name=\"image" + id + ".jpeg\" descr=\"" + d +
         "\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"img" + id +
         "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>"
         "<a:off x=\"0\" y=\"0\"/><a:ext " + ext + "/></a:xfrm><a:prstGeom prst=\"rect\">"
         "<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
         "</wp:inline></w:drawing></w:r>";
}

std::string DocxBuilder::picture_block(std::string jpeg, double width_cm,
                                       const std::string& caption) {
  std::string s = para("GwPicture", drawing(std::move(jpeg), width_cm, caption));
  if (!caption.empty()) s += para("GwCaption", run(caption));
  return s;
}

DocxBuilder& DocxBuilder::image(std::string jpeg, double width_cm, std::string caption) {
  blocks_.push_back(picture_block(std::move(jpeg), width_cm, caption));
  return *this;
}

DocxBuilder& DocxBuilder::image_pair(std::string before, std::string after,
                                     std::string caption_l, std::string caption_r) {
  const int half = kTextWidth / 2;
  const double width_cm = 7.2;  // a half-width cell less its margins
  std::string t = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(2 * half) +
                  "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>" +
                  no_border("top") + no_border("left") + no_border("bottom") +
                  no_border("right") + no_border("insideH") + no_border("insideV") +
                  "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr>" + grid({half, half});
  t += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
  t += cell(half, picture_block(std::move(before), width_cm, caption_l));
  t += cell(half, picture_block(std::move(after), width_cm, caption_r));
  blocks_.push_back(t + "</w:tr></w:tbl>");
  blocks_.push_back(para("Normal", ""));
  return *this;
}

DocxBuilder& DocxBuilder::signature(std::string body, std::string date) {
  // GB/T 9704 7.3.5.1: date right-indented four characters, body centred over the date.
  const double date_w = display_width(date), body_w = display_width(body);
  const double body_right = std::max(0.0, 4 + date_w / 2 - body_w / 2);
  blocks_.push_back(para("GwSignature", run(body),
                         spacing(2 * kLine, 0) + "<w:ind w:right=\"" +
                             std::to_string(twips_of_chars(body_right, kChar)) + "\"/>"));
  blocks_.push_back(para("GwSignature", run(date),
                         "<w:ind w:right=\"" + std::to_string(4 * kChar) + "\"/>"));
  return *this;
}

DocxBuilder& DocxBuilder::signature(std::string body, core::Date date) {
  return signature(std::move(body), chinese_date(date));
}

DocxBuilder& DocxBuilder::copy_to(std::string text) {
  copy_to_ = std::move(text);
  return *this;
}

DocxBuilder& DocxBuilder::printed_by(std::string body, std::string date) {
  printed_body_ = std::move(body);
  printed_date_ = std::move(date);
  return *this;
}

DocxBuilder& DocxBuilder::page_break() {
  blocks_.push_back("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
  return *this;
}

}  // namespace envgrid::exporter
