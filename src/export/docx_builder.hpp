#pragma once
// A .docx in the layout of GB/T 9704-2012 党政机关公文格式: A4, type area 156 x 225 mm,
// red 版头 and rule, 二号小标宋 title, 三号仿宋 body at 28.95 pt, 一、（一）1.（1） headings,
// page numbers "— 1 —" outside on odd/even pages, 落款 and 版记. Bulletins (通报) and work
// reports (汇报材料) are built with it.
//
// Calls append in document order, except red_header/doc_number (always first) and
// copy_to/printed_by (always last, as the 版记). Fonts are named as on government PCs
// (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) with 宋体-family substitutes declared.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"

namespace envgrid::exporter {

class DocxBuilder {
 public:
  // 发文机关标志, e.g. "示范街道办事处文件", in red; its size shrinks to fit one line.
  DocxBuilder& red_header(std::string body);
  // 发文字号, e.g. "示街发〔2024〕12号", centred above the red rule.
  DocxBuilder& doc_number(std::string text);
  // 标题 in 二号 bold, centred; '\n' breaks a long title where the caller wants. Headings
  // after it are numbered from 一、 again.
  DocxBuilder& title(std::string text);
  // 主送机关, e.g. "各社区居委会、街道各相关部门：", flush left.
  DocxBuilder& addressee(std::string text);
  // A numbered heading; level 1..4 numbers itself 一、 （一） 1. （1） and restarts the
  // lower levels. `run_in` continues the same paragraph in body type (（一）高度重视。正文…).
  DocxBuilder& heading(int level, std::string text, std::string run_in = {});
  // Body text, 2-character first-line indent; each '\n' starts a new paragraph.
  DocxBuilder& paragraph(std::string text);
  // A bordered table across the type area. `widths` are relative column weights (empty:
  // equal); the header row is bold and repeats on each page. Rows may be ragged.
  DocxBuilder& table(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows,
                     std::vector<double> widths = {});
  // A centred picture `width_cm` wide (at most the type area), height from its aspect ratio,
  // with an optional caption below. A non-JPEG makes build() fail.
  DocxBuilder& image(std::string jpeg, double width_cm, std::string caption = {});
  // Before/after pictures side by side, each captioned (整改前 / 整改后).
  DocxBuilder& image_pair(std::string before, std::string after, std::string caption_l,
                          std::string caption_r);
  // 落款: signing body centred over the date; the date is right-indented four characters.
  DocxBuilder& signature(std::string body, std::string date);
  DocxBuilder& signature(std::string body, core::Date date);  // date as chinese_date()
  // 版记: 抄送 line ("抄送：" is added) and 印发机关 + 印发日期 line.
  DocxBuilder& copy_to(std::string text);
  DocxBuilder& printed_by(std::string body, std::string date);
  DocxBuilder& page_break();

  // The .docx bytes, or the first error met (a bad image).
  core::Result<std::string> build() const;

 private:
  struct Media {
    std::string name, bytes;
  };
  // Registers a JPEG and returns the inline drawing run, or "" after recording an error.
  std::string drawing(std::string jpeg, double width_cm, const std::string& descr);
  std::string picture_block(std::string jpeg, double width_cm, const std::string& caption);

  std::string header_body_, doc_number_, title_text_, copy_to_, printed_body_, printed_date_;
  std::vector<std::string> blocks_;  // body XML in document order
  std::vector<Media> media_;
  int counters_[4] = {0, 0, 0, 0};
  std::string error_;
};

}  // namespace envgrid::exporter
