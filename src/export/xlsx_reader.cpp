#include "export/xlsx_reader.hpp"

#include <iconv.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>

namespace envgrid::exporter {
namespace {

core::Error file_error(std::string detail) {
  return core::Error{400, "bad-file", "文件无法读取", std::move(detail), {}, {}};
}

// ---- ZIP ----------------------------------------------------------------------------

struct Archive {
  zip_t* za = nullptr;
  ~Archive() {
    if (za) zip_discard(za);
  }
};

// One member's bytes; nullopt-like empty + ok=false when absent.
core::Result<std::string> member(Archive& ar, const std::string& name, std::size_t cap, bool required) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(ar.za, name.c_str(), 0, &st) != 0) {
    if (required) return file_error("XLSX 文件缺少 " + name + "（不是 Excel 2007 及以后的工作簿？）");
    return std::string();
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > cap)
    return file_error(name + " 解压后超过 " + std::to_string(cap >> 20) + " MB，拒绝读取");
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen(ar.za, name.c_str(), 0), zip_fclose);
  if (!f) return file_error("无法解压 " + name + "：" + zip_strerror(ar.za));
  std::string out;
  char buf[64 * 1024];
  for (;;) {
    const zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
    if (n < 0) return file_error("解压 " + name + " 失败（文件损坏或被截断）");
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    // The declared size may lie: count what is actually inflated.
    if (out.size() > cap) return file_error(name + " 解压后超过 " + std::to_string(cap >> 20) + " MB，拒绝读取");
  }
  return out;
}

// ---- a small XML scanner: just what SpreadsheetML needs -----------------------------

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Text content with entities decoded.
std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const auto semi = s.find(';', i);
    if (semi == std::string_view::npos) {
      out += s.substr(i);
      break;
    }
    const auto ent = s.substr(i + 1, semi - i - 1);
    if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "amp") out += '&';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else if (!ent.empty() && ent[0] == '#') {
      unsigned long cp = 0;
      const bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
      const auto digits = ent.substr(hex ? 2 : 1);
      std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      append_utf8(out, cp);
    } else {
      out += s.substr(i, semi - i + 1);
    }
    i = semi;
  }
  return out;
}

struct Tag {
  std::string_view name;   // without namespace prefix
  std::string_view attrs;  // raw attribute text
  bool closing = false, self_closing = false;
};

// Next tag at or after pos; returns false at the end. Skips comments, PIs and CDATA.
bool next_tag(std::string_view x, std::size_t& pos, Tag& t, std::size_t& tag_start) {
  for (;;) {
    const auto lt = x.find('<', pos);
    if (lt == std::string_view::npos) return false;
    if (x.compare(lt, 4, "<!--") == 0) {
      const auto e = x.find("-->", lt);
      pos = e == std::string_view::npos ? x.size() : e + 3;
      continue;
    }
    if (x.compare(lt, 2, "<?") == 0 || x.compare(lt, 2, "<!") == 0) {
      const auto e = x.find('>', lt);
      pos = e == std::string_view::npos ? x.size() : e + 1;
      continue;
    }
    const auto gt = x.find('>', lt);
    if (gt == std::string_view::npos) return false;
    std::string_view body = x.substr(lt + 1, gt - lt - 1);
    t = Tag{};
    if (!body.empty() && body[0] == '/') {
      t.closing = true;
      body.remove_prefix(1);
    }
    if (!body.empty() && body.back() == '/') {
      t.self_closing = true;
      body.remove_suffix(1);
    }
    const auto sp = body.find_first_of(" \t\r\n");
    std::string_view qname = body.substr(0, sp);
    if (const auto colon = qname.find(':'); colon != std::string_view::npos) qname.remove_prefix(colon + 1);
    t.name = qname;
    t.attrs = sp == std::string_view::npos ? std::string_view{} : body.substr(sp);
    tag_start = lt;
    pos = gt + 1;
    return true;
  }
}

std::string attr(std::string_view attrs, std::string_view name) {
  std::size_t i = 0;
  while ((i = attrs.find(name, i)) != std::string_view::npos) {
    const bool starts = i == 0 || attrs[i - 1] == ' ' || attrs[i - 1] == '\t' || attrs[i - 1] == '\n' || attrs[i - 1] == ':';
    std::size_t j = i + name.size();
    while (j < attrs.size() && attrs[j] == ' ') ++j;
    if (starts && j < attrs.size() && attrs[j] == '=') {
      ++j;
      while (j < attrs.size() && attrs[j] == ' ') ++j;
      if (j < attrs.size() && (attrs[j] == '"' || attrs[j] == '\'')) {
        const auto end = attrs.find(attrs[j], j + 1);
        if (end != std::string_view::npos) return unescape(attrs.substr(j + 1, end - j - 1));
      }
    }
    i += name.size();
  }
  return {};
}

// Concatenated <t> texts inside [pos, until), skipping phonetic runs (<rPh>).
std::string texts(std::string_view x, std::size_t pos, std::size_t until) {
  std::string out;
  Tag t;
  std::size_t start = 0;
  bool phonetic = false;
  while (pos < until && next_tag(x, pos, t, start) && start < until) {
    if (t.name == "rPh") phonetic = !t.closing && !t.self_closing;
    if (t.name == "t" && !t.closing && !t.self_closing && !phonetic) {
      const auto end = x.find('<', pos);
      if (end == std::string_view::npos) break;
      out += unescape(x.substr(pos, end - pos));
      pos = end;
    }
  }
  return out;
}

// Start of the closing tag </name> (any prefix) after pos; x.size() when missing.
std::size_t close_of(std::string_view x, std::size_t pos, std::string_view name) {
  Tag t;
  std::size_t start = 0;
  while (next_tag(x, pos, t, start))
    if (t.closing && t.name == name) return start;
  return x.size();
}

std::vector<std::string> shared_strings(std::string_view x) {
  std::vector<std::string> out;
  std::size_t pos = 0, start = 0;
  Tag t;
  while (next_tag(x, pos, t, start)) {
    if (t.name != "si" || t.closing) continue;
    if (t.self_closing) {
      out.emplace_back();
      continue;
    }
    const std::size_t until = close_of(x, pos, "si");
    out.push_back(texts(x, pos, until));
    pos = until;
  }
  return out;
}

// "BC12" → column 54 (0-based), row ignored.
std::size_t column_of(std::string_view ref) {
  std::size_t col = 0;
  bool any = false;
  for (char ch : ref) {
    if (ch >= 'A' && ch <= 'Z') col = col * 26 + static_cast<std::size_t>(ch - 'A' + 1), any = true;
    else break;
  }
  return any ? col - 1 : SIZE_MAX;
}

core::Result<Table> sheet_rows(std::string_view x, const std::vector<std::string>& sst, const TableLimits& lim) {
  Table rows;
  std::size_t pos = 0, start = 0;
  Tag t;
  std::vector<std::string>* row = nullptr;
  std::size_t next_col = 0;
  while (next_tag(x, pos, t, start)) {
    if (t.name == "row" && !t.closing) {
      std::size_t r = rows.size();
      if (auto rs = attr(t.attrs, "r"); !rs.empty()) {
        std::size_t n = 0;
        const auto [ptr, ec] = std::from_chars(rs.data(), rs.data() + rs.size(), n);
        if (ec == std::errc() && n >= 1) r = n - 1;
      }
      if (r >= lim.max_rows) return file_error("工作表超过 " + std::to_string(lim.max_rows) + " 行，请分批导入");
      if (r + 1 > rows.size()) rows.resize(r + 1);
      row = &rows[r];
      next_col = 0;
      if (t.self_closing) row = nullptr;
      continue;
    }
    if (t.name == "row" && t.closing) {
      row = nullptr;
      continue;
    }
    if (t.name != "c" || t.closing || !row) continue;
    std::size_t col = column_of(attr(t.attrs, "r"));
    if (col == SIZE_MAX) col = next_col;
    next_col = col + 1;
    if (col >= lim.max_columns) return file_error("工作表超过 " + std::to_string(lim.max_columns) + " 列");
    if (t.self_closing) continue;
    const auto type = attr(t.attrs, "t");
    const std::size_t until = close_of(x, pos, "c");
    std::string value;
    if (type == "inlineStr") {
      value = texts(x, pos, until);
    } else {
      std::size_t p = pos, s = 0;
      Tag v;
      while (next_tag(x, p, v, s) && s < until) {
        if (v.name == "v" && !v.closing && !v.self_closing) {
          const auto end = x.find('<', p);
          value = unescape(x.substr(p, end - p));
          break;
        }
      }
      if (type == "s") {
        std::size_t idx = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), idx);
        if (ec != std::errc() || idx >= sst.size()) return file_error("共享字符串索引 " + value + " 无效（文件损坏）");
        value = sst[idx];
      } else if (type == "b") {
        value = value == "1" ? "TRUE" : "FALSE";
      }
    }
    if (row->size() < col + 1) row->resize(col + 1);
    (*row)[col] = std::move(value);
    pos = until;
  }
  return rows;
}

// The first sheet's part name, following workbook.xml → workbook.xml.rels.
std::string first_sheet_part(Archive& ar, const TableLimits& lim) {
  auto wb = member(ar, "xl/workbook.xml", lim.max_part_bytes, false);
  auto rels = member(ar, "xl/_rels/workbook.xml.rels", lim.max_part_bytes, false);
  if (!wb || !rels || wb->empty() || rels->empty()) return "xl/worksheets/sheet1.xml";
  std::size_t pos = 0, start = 0;
  Tag t;
  std::string rid;
  while (next_tag(*wb, pos, t, start))
    if (t.name == "sheet" && !t.closing) {
      rid = attr(t.attrs, "r:id");
      if (rid.empty()) rid = attr(t.attrs, "id");
      break;
    }
  pos = 0;
  while (!rid.empty() && next_tag(*rels, pos, t, start))
    if (t.name == "Relationship" && attr(t.attrs, "Id") == rid) {
      std::string target = attr(t.attrs, "Target");
      if (!target.empty() && target[0] == '/') return target.substr(1);
      return "xl/" + target;
    }
  return "xl/worksheets/sheet1.xml";
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (!n || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

// GB18030 (what Chinese Excel writes for "CSV") → UTF-8; nullopt-ish empty+false on failure.
bool from_gb18030(std::string_view in, std::string& out) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out.assign(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size(), dst_left = out.size();
  char* dst = out.data();
  const std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) return false;
  out.resize(out.size() - dst_left);
  return true;
}

}  // namespace

core::Result<Table> read_xlsx(std::string_view bytes, const TableLimits& limits) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
  Archive ar;
  if (src) ar.za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!ar.za) {
    std::string why = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    if (src) zip_source_free(src);
    return file_error("不是有效的 XLSX 文件（" + why + "），文件可能损坏或上传不完整");
  }
  zip_error_fini(&ze);
  auto sst_xml = member(ar, "xl/sharedStrings.xml", limits.max_part_bytes, false);
  if (!sst_xml) return sst_xml.error();
  const auto sst = shared_strings(*sst_xml);
  auto sheet = member(ar, first_sheet_part(ar, limits), limits.max_part_bytes, true);
  if (!sheet) return sheet.error();
  return sheet_rows(*sheet, sst, limits);
}

core::Result<Table> read_csv(std::string_view bytes, const TableLimits& limits) {
  std::string converted;
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!valid_utf8(text)) {
    if (!from_gb18030(text, converted)) return file_error("CSV 文件编码无法识别：请另存为 UTF-8 或 GB18030（GBK）编码");
    text = converted;
  }
  const auto first_nl = text.find('\n');
  const auto header = text.substr(0, first_nl);
  const char sep = header.find(',') == std::string_view::npos && header.find('\t') != std::string_view::npos ? '\t' : ',';
  Table rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  std::size_t line = 1;
  auto end_row = [&]() -> bool {
    row.push_back(std::move(cell));
    cell.clear();
    rows.push_back(std::move(row));
    row.clear();
    any = false;
    return rows.size() <= limits.max_rows;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        if (ch == '\n') ++line;
        cell += ch;
      }
      continue;
    }
    if (ch == '"' && cell.empty()) {
      quoted = any = true;
    } else if (ch == sep) {
      row.push_back(std::move(cell));
      cell.clear();
      any = true;
      if (row.size() > limits.max_columns) return file_error("CSV 超过 " + std::to_string(limits.max_columns) + " 列");
    } else if (ch == '\n' || ch == '\r') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (!end_row()) return file_error("CSV 超过 " + std::to_string(limits.max_rows) + " 行，请分批导入");
      ++line;
    } else {
      cell += ch;
      any = true;
    }
  }
  if (quoted) return file_error("CSV 第 " + std::to_string(line) + " 行的引号没有闭合");
  if (any || !cell.empty())
    if (!end_row()) return file_error("CSV 超过 " + std::to_string(limits.max_rows) + " 行，请分批导入");
  return rows;
}

core::Result<Table> read_table(std::string_view bytes, const TableLimits& limits) {
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return read_xlsx(bytes, limits);
  if (bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    return file_error("这是旧版 Excel（.xls）文件：请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再导入");
  return read_csv(bytes, limits);
}

std::string excel_serial_date(double serial) {
  if (!std::isfinite(serial) || serial < 1 || serial > 2958465) return {};
  // Serial 60 is the fictitious 1900-02-29; days after it are shifted by one.
  long days = static_cast<long>(std::floor(serial));
  if (days > 59) --days;
  // Day 1 = 1900-01-01. Civil-from-days (Howard Hinnant) from 1970-01-01 = serial 25569 (shifted: 25568).
  long z = days - 25568 + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y, m, d);
  return buf;
}

}  // namespace envgrid::exporter
