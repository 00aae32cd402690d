#include "export/ledger_xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "export/jpeg_info.hpp"
#include "export/xml.hpp"

namespace envgrid::exporter {
namespace {

enum class Align { center, left };

struct Column {
  const char* header;
  double width;  // Excel character units; a CJK character is about 2.1 of them
  Align align;
};

constexpr std::array<Column, 14> kColumns = {{
    {"序号", 6, Align::center},     {"编号", 15, Align::center},
    {"来源", 10, Align::center},    {"类别", 13, Align::center},
    {"位置", 26, Align::left},      {"网格", 16, Align::center},
    {"责任单位", 16, Align::center}, {"问题描述", 40, Align::left},
    {"整改时限", 17, Align::center}, {"状态", 9, Align::center},
    {"整改情况", 30, Align::left},  {"销号时间", 17, Align::center},
    {"整改前", 14, Align::center},  {"整改后", 14, Align::center},
}};
constexpr lxw_col_t kLastCol = kColumns.size() - 1;
constexpr lxw_col_t kBeforeCol = 12, kAfterCol = 13;
constexpr lxw_row_t kHeaderRow = 1, kFirstDataRow = 2;

constexpr double kThumbRowPt = 62;        // row height when a row holds thumbnails
constexpr double kThumbBoxW = 96, kThumbBoxH = 76;  // pixels, inside a 103 x 82 px cell
constexpr double kLinePt = 14.5, kRowPadPt = 5, kMinRowPt = 20;
constexpr std::size_t kMaxCellChars = 32767;  // Excel's limit per cell

// Cuts a string to at most n code points (Excel refuses longer cells).
std::string truncate_chars(std::string s, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == n) {
      s.resize(i);
      break;
    }
  }
  return s;
}

// Lines a wrapped cell needs at the given column width.
int wrapped_lines(std::string_view text, double col_width) {
  const double usable = std::max(1.0, col_width - 1.0);
  int lines = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = text.find('\n', start);
    const auto part = text.substr(start, nl == std::string_view::npos ? nl : nl - start);
    lines += std::max(1, static_cast<int>(std::ceil(display_width(part) * 2.1 / usable)));
    if (nl == std::string_view::npos) return lines;
    start = nl + 1;
  }
}

core::Error export_error(std::string detail) {
  return core::Error{500, "export-failed", "导出失败", std::move(detail), {}, {}};
}

}  // namespace

struct LedgerXlsx::Impl {
  std::string path, title, tmpdir;
  LedgerOptions options;
  lxw_workbook* wb = nullptr;
  lxw_worksheet* ws = nullptr;
  lxw_format *f_title = nullptr, *f_header = nullptr, *f_center = nullptr, *f_left = nullptr,
             *f_note = nullptr;
  lxw_row_t next_row = kFirstDataRow;
  std::size_t rows = 0, image_rows = 0, dropped = 0;
  std::optional<core::Error> error;
  std::optional<core::Result<std::size_t>> outcome;

  void check(lxw_error e, std::string_view what) {
    if (e != LXW_NO_ERROR && !error)
      error = export_error(std::string(what) + ": " + lxw_strerror(e));
  }

  lxw_format* base_format(double size) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, size);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
  }

  void make_formats() {
    f_title = base_format(18);
    format_set_bold(f_title);
    format_set_align(f_title, LXW_ALIGN_CENTER);
    f_header = base_format(11);
    format_set_bold(f_header);
    format_set_align(f_header, LXW_ALIGN_CENTER);
    format_set_text_wrap(f_header);
    format_set_pattern(f_header, LXW_PATTERN_SOLID);
    format_set_bg_color(f_header, 0xD9E1F2);
    format_set_border(f_header, LXW_BORDER_THIN);
    f_center = base_format(10.5);
    format_set_align(f_center, LXW_ALIGN_CENTER);
    format_set_text_wrap(f_center);
    format_set_border(f_center, LXW_BORDER_THIN);
    f_left = base_format(10.5);
    format_set_align(f_left, LXW_ALIGN_LEFT);
    format_set_text_wrap(f_left);
    format_set_border(f_left, LXW_BORDER_THIN);
    f_note = base_format(10.5);
    format_set_align(f_note, LXW_ALIGN_LEFT);
    format_set_text_wrap(f_note);
  }

  void setup_sheet() {
    for (lxw_col_t c = 0; c <= kLastCol; ++c)
      check(worksheet_set_column(ws, c, c, kColumns[c].width, nullptr), "set_column");
    // Images are anchored by libxlsxwriter at close, when constant_memory mode has
    // forgotten every row height; it then assumes the default height. Making the default
    // the thumbnail height keeps the anchors right.
    if (options.thumbnails) worksheet_set_default_row(ws, kThumbRowPt, LXW_FALSE);
    // Rows must be written in order: the merged title and header come first.
    check(worksheet_set_row(ws, 0, 36, nullptr), "title row");
    check(worksheet_merge_range(ws, 0, 0, 0, kLastCol, title.c_str(), f_title), "title");
    check(worksheet_set_row(ws, kHeaderRow, 28, nullptr), "header row");
    for (lxw_col_t c = 0; c <= kLastCol; ++c)
      check(worksheet_write_string(ws, kHeaderRow, c, kColumns[c].header, f_header), "header");
    worksheet_freeze_panes(ws, kFirstDataRow, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.7);
    worksheet_center_horizontally(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    check(worksheet_repeat_rows(ws, kHeaderRow, kHeaderRow), "repeat_rows");
    check(worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"), "footer");
  }

  void insert_thumbnail(lxw_col_t col, const std::string& jpeg, const char* label) {
    const auto info = jpeg_info(jpeg);
    if (!info) return;  // unreadable: leave the cell empty rather than fail the export
    // Size as libxlsxwriter would show it at scale 1, then fit into the box.
    const double w = info->width * 96.0 / info->x_dpi, h = info->height * 96.0 / info->y_dpi;
    const double scale = std::min(kThumbBoxW / w, kThumbBoxH / h);
    const double cell_w = std::floor(kColumns[col].width * 7 + 0.5) + 5;
    const double cell_h = std::floor(kThumbRowPt / 0.75);
    std::string description = label;
    lxw_image_options opt{};
    opt.x_scale = scale;
    opt.y_scale = scale;
    opt.x_offset = static_cast<int32_t>(std::max(0.0, (cell_w - w * scale) / 2));
    opt.y_offset = static_cast<int32_t>(std::max(0.0, (cell_h - h * scale) / 2));
    opt.description = description.data();
    check(worksheet_insert_image_buffer_opt(
              ws, next_row, col, reinterpret_cast<const unsigned char*>(jpeg.data()),
              jpeg.size(), &opt),
          "thumbnail");
  }
};

LedgerXlsx::LedgerXlsx(std::filesystem::path out, std::string title, LedgerOptions options)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = out.string();
  m.title = truncate_chars(sanitize_utf8(title), 255);
  m.tmpdir = options.tmpdir.string();
  m.options = std::move(options);
  lxw_workbook_options wo{};
  wo.constant_memory = LXW_TRUE;
  wo.tmpdir = m.tmpdir.empty() ? nullptr : m.tmpdir.data();
  wo.use_zip64 = LXW_FALSE;
  m.wb = workbook_new_opt(m.path.c_str(), &wo);
  if (m.wb) m.ws = workbook_add_worksheet(m.wb, "问题台账");
  if (!m.wb || !m.ws) {
    m.error = export_error("无法创建工作簿: " + m.path);
    return;
  }
  lxw_doc_properties props{};
  props.title = m.title.data();
  props.author = const_cast<char*>("envgrid");
  m.check(workbook_set_properties(m.wb, &props), "properties");
  m.make_formats();
  m.setup_sheet();
}

LedgerXlsx::~LedgerXlsx() {
  // Abandoned without finish(): free without writing a file.
  if (impl_ && impl_->wb) lxw_workbook_free(impl_->wb);
}

void LedgerXlsx::add(const LedgerRow& row) {
  Impl& m = *impl_;
  if (!m.ws || m.outcome) return;
  const lxw_row_t r = m.next_row;
  const std::array<const std::string*, 11> text = {
      &row.number, &row.source, &row.category, &row.address, &row.grid, &row.unit,
      &row.description, &row.deadline, &row.state, &row.handling, &row.closed_at};

  double height = kMinRowPt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const lxw_col_t c = static_cast<lxw_col_t>(i + 1);
    const std::string s = truncate_chars(sanitize_utf8(*text[i]), kMaxCellChars);
    height = std::max(height, wrapped_lines(s, kColumns[c].width) * kLinePt + kRowPadPt);
    lxw_format* f = kColumns[c].align == Align::left ? m.f_left : m.f_center;
    m.check(worksheet_write_string(m.ws, r, c, s.c_str(), f), "write");
  }
  m.check(worksheet_write_number(m.ws, r, 0, static_cast<double>(m.rows + 1), m.f_center),
          "write");
  m.check(worksheet_write_blank(m.ws, r, kBeforeCol, m.f_center), "write");
  m.check(worksheet_write_blank(m.ws, r, kAfterCol, m.f_center), "write");

  if (m.options.thumbnails) {
    height = std::max(height, kThumbRowPt);
    if (row.before_jpeg || row.after_jpeg) {
      if (m.image_rows < m.options.max_thumbnail_rows) {
        ++m.image_rows;
        if (row.before_jpeg) m.insert_thumbnail(kBeforeCol, *row.before_jpeg, "整改前");
        if (row.after_jpeg) m.insert_thumbnail(kAfterCol, *row.after_jpeg, "整改后");
      } else {
        ++m.dropped;
      }
    }
  }
  m.check(worksheet_set_row(m.ws, r, height, nullptr), "row height");
  ++m.rows;
  ++m.next_row;
}

core::Result<std::size_t> LedgerXlsx::finish() {
  Impl& m = *impl_;
  if (m.outcome) return *m.outcome;
  if (m.ws) {
    const lxw_row_t last = m.rows == 0 ? kHeaderRow : m.next_row - 1;
    // Before the note row: constant_memory refuses ranges ending above the current row.
    m.check(worksheet_autofilter(m.ws, kHeaderRow, 0, last, kLastCol), "autofilter");
    if (m.dropped > 0) {
      const std::string note = "注：为控制导出文件大小，仅前 " +
                               std::to_string(m.options.max_thumbnail_rows) +
                               " 条带照片的问题嵌入了缩略图，其余 " +
                               std::to_string(m.dropped) + " 条请在系统中查看照片。";
      m.check(worksheet_set_row(m.ws, m.next_row, 30, nullptr), "note row");
      m.check(worksheet_merge_range(m.ws, m.next_row, 0, m.next_row, kLastCol, note.c_str(),
                                    m.f_note),
              "note");
    }
  }
  if (m.wb) {
    const lxw_error e = workbook_close(m.wb);  // frees the workbook whatever happens
    m.wb = nullptr;
    m.ws = nullptr;
    m.check(e, "写入 " + m.path);
  }
  m.outcome = m.error ? core::Result<std::size_t>(*m.error) : core::Result<std::size_t>(m.rows);
  return *m.outcome;
}

std::size_t LedgerXlsx::rows() const { return impl_->rows; }
std::size_t LedgerXlsx::thumbnails_dropped() const { return impl_->dropped; }

}  // namespace envgrid::exporter
