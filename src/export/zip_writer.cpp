#include "export/zip_writer.hpp"

#include <zip.h>

#include <cstdio>
#include <ctime>

namespace envgrid::exporter {
namespace {

core::Error zip_error(const std::string& what, zip_error_t* ze) {
  std::string detail = what;
  if (ze) detail += std::string(": ") + zip_error_strerror(ze);
  return core::Error{500, "export-failed", "导出失败", detail, {}, {}};
}

// 1980-01-02 local time: the earliest DOS date that survives every time zone.
std::time_t fixed_mtime() {
  std::tm tm{};
  tm.tm_year = 80;
  tm.tm_mon = 0;
  tm.tm_mday = 2;
  tm.tm_isdst = -1;
  return std::mktime(&tm);
}

}  // namespace

core::Result<std::string> zip_to_memory(const std::vector<ZipEntry>& entries) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &ze);
  if (!buffer) {
    core::Error e = zip_error("zip_source_buffer_create", &ze);
    zip_error_fini(&ze);
    return e;
  }
  zip_source_keep(buffer);  // survives zip_close so the bytes can be read back
  zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &ze);
  if (!za) {
    core::Error e = zip_error("zip_open_from_source", &ze);
    zip_error_fini(&ze);
    zip_source_free(buffer);
    return e;
  }
  zip_error_fini(&ze);

  const std::time_t mtime = fixed_mtime();
  for (const ZipEntry& entry : entries) {
    zip_source_t* src = zip_source_buffer(za, entry.data.data(), entry.data.size(), 0);
    const zip_int64_t idx =
        src ? zip_file_add(za, entry.name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)
            : -1;
    if (idx < 0) {
      if (src) zip_source_free(src);
      core::Error e = zip_error("zip_file_add " + entry.name, zip_get_error(za));
      zip_discard(za);
      zip_source_free(buffer);
      return e;
    }
    const auto i = static_cast<zip_uint64_t>(idx);
    zip_set_file_compression(za, i, entry.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    zip_file_set_mtime(za, i, mtime, 0);
  }
  if (zip_close(za) != 0) {
    core::Error e = zip_error("zip_close", zip_get_error(za));
    zip_discard(za);
    zip_source_free(buffer);
    return e;
  }

  std::string out;
  if (zip_source_open(buffer) != 0) {
    zip_source_free(buffer);
    return zip_error("zip_source_open", nullptr);
  }
  zip_source_seek(buffer, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  out.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
  const zip_int64_t got = zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  if (got != size) return zip_error("zip_source_read", nullptr);
  return out;
}

}  // namespace envgrid::exporter
