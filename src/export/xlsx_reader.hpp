#pragma once
// Reads uploaded spreadsheets as rows of text cells: the first worksheet of an XLSX
// workbook (shared strings, inline strings, numbers as written), or a CSV file in UTF-8
// (with or without BOM) or GB18030 as saved by Chinese Excel. Used by the 交办清单 import.
// Size limits keep a zip bomb or a huge sheet from exhausting memory; every failure is a
// Chinese 400 naming what is wrong with the file.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace envgrid::exporter {

using Table = std::vector<std::vector<std::string>>;  // rows of cells; row 0 = the sheet's first row

struct TableLimits {
  std::size_t max_part_bytes = 64u << 20;  // one decompressed XML part
  std::size_t max_rows = 20000;
  std::size_t max_columns = 200;
};

// The first worksheet of an XLSX file. Cells keep their text; numbers keep the digits as
// stored (a date cell is its serial day number, see excel_serial_date()).
core::Result<Table> read_xlsx(std::string_view bytes, const TableLimits& limits = {});
// A CSV file (RFC 4180 quoting; comma, or tab when the header line has tabs and no comma).
core::Result<Table> read_csv(std::string_view bytes, const TableLimits& limits = {});
// By content: "PK\x03\x04" → XLSX, else CSV.
core::Result<Table> read_table(std::string_view bytes, const TableLimits& limits = {});

// Excel's 1900 date system: serial day number → "YYYY-MM-DD" (empty when out of range).
std::string excel_serial_date(double serial);

}  // namespace envgrid::exporter
