#pragma once
// Internal to DocxBuilder: the fixed parts of a GB/T 9704 document package and the small
// WordprocessingML fragments (runs, paragraph properties) its blocks are made of.
#include <string>
#include <string_view>
#include <vector>

namespace envgrid::exporter::docx {

// Twips (1/20 pt). A4 with GB/T 9704 margins: top 37, bottom 35, left 28, right 26 mm.
inline constexpr int kPageW = 11906, kPageH = 16838;
inline constexpr int kMarginTop = 2098, kMarginBottom = 1984, kMarginLeft = 1587,
                     kMarginRight = 1474;
inline constexpr int kTextWidth = kPageW - kMarginLeft - kMarginRight;  // 156 mm
inline constexpr int kLine = 579;   // 28.95 pt: 22 lines to the 225 mm type area
inline constexpr int kChar = 320;   // one 三号 (16 pt) character
inline constexpr long kEmuPerCm = 360000;

inline constexpr const char* kFangSong = "仿宋_GB2312";
inline constexpr const char* kHei = "黑体";
inline constexpr const char* kKai = "楷体_GB2312";
inline constexpr const char* kXiaoBiaoSong = "方正小标宋简体";
inline constexpr const char* kSong = "宋体";

struct RunProps {
  const char* font = nullptr;  // nullptr: inherit from the paragraph style
  int half_points = 0;         // 0: inherit
  bool bold = false;
  const char* color = nullptr;  // "FF0000"
  bool not_bold = false;        // switch off bold inherited from the style
};

// A <w:r> with escaped text; '\n' becomes a line break, '\t' a tab.
std::string run(std::string_view text, const RunProps& props = {});

// Package parts, each a complete XML document.
std::string content_types();
std::string package_rels();
// Relationships of document.xml: fixed parts plus one per media file (rId "img<N>").
std::string document_rels(const std::vector<std::string>& media_names);
std::string styles();
std::string settings();
std::string font_table();
std::string footer(bool even_page);
std::string core_props(std::string_view title, std::string_view creator);
std::string app_props();
// The closing <w:sectPr>: page size, margins, odd/even footers, line grid.
std::string section_properties();

}  // namespace envgrid::exporter::docx
