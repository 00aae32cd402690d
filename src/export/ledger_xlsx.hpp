#pragma once
// The problem ledger (问题台账) as an XLSX workbook, written row by row in libxlsxwriter's
// constant_memory mode so a 100 000-row export runs in flat memory.
//
// Thumbnails: libxlsxwriter keeps a copy of every inserted image in memory until the
// workbook is closed, so embedding pictures is not flat. A ledger therefore embeds the
// before/after thumbnails of at most `max_thumbnail_rows` rows; images of later rows are
// dropped, counted, and a note row at the end says so. Callers that know the row count up
// front should pass `thumbnails = count <= kMaxThumbnailRows`.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace envgrid::exporter {

inline constexpr std::size_t kMaxThumbnailRows = 2000;

struct LedgerRow {
  std::string number, source, category, address, grid, unit, description, deadline, state,
      handling /*整改情况*/, closed_at /*销号时间*/;
  std::optional<std::string> before_jpeg, after_jpeg;  // small thumbnail JPEG bytes
};

struct LedgerOptions {
  // Embed thumbnails; data rows become tall enough to hold them (62 pt).
  bool thumbnails = true;
  std::size_t max_thumbnail_rows = kMaxThumbnailRows;
  // Directory for libxlsxwriter's temporary files (the sheet data); empty = system default.
  std::filesystem::path tmpdir;
};

class LedgerXlsx {
 public:
  // Starts a workbook at `out` with one sheet "问题台账"; `title` fills the merged title
  // row, e.g. "示范街道问题台账（2024-09-01 至 2024-09-30）". Nothing is on disk until finish().
  LedgerXlsx(std::filesystem::path out, std::string title, LedgerOptions options = {});
  ~LedgerXlsx();
  LedgerXlsx(const LedgerXlsx&) = delete;
  LedgerXlsx& operator=(const LedgerXlsx&) = delete;

  // Appends one data row (序号 is numbered automatically). Text is sanitised to valid
  // UTF-8; a JPEG that cannot be read is skipped. Errors surface in finish(). REQUIRES: not
  // finished.
  void add(const LedgerRow& row);

  // Adds autofilter and closing note, writes the file; returns the number of data rows.
  // Calling it twice returns the same outcome.
  core::Result<std::size_t> finish();

  std::size_t rows() const;               // data rows added so far
  std::size_t thumbnails_dropped() const; // rows whose images were dropped by the cap

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace envgrid::exporter
