// Helpers for report handlers: number formatting, photos, the download response.
#include "http/reports_util.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "media/attachment_store.hpp"

namespace envgrid::http::reports {

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", std::round(v * 100.0) / 100.0);
  std::string s = buf;
  while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
    const bool dot = s.back() == '.';
    s.pop_back();
    if (dot) break;
  }
  return s == "-0" ? "0" : s;
}

std::string state_label(const std::string& state) {
  static const std::map<std::string, std::string> m = {
      {"reported", "待受理"}, {"rejected", "不予受理"}, {"registered", "已立案"}, {"dispatched", "处置中"},
      {"handled", "待核查"},  {"closed", "已结案"},     {"voided", "已作废"}};
  auto it = m.find(state);
  return it == m.end() ? state : it->second;
}

static bool is_jpeg(const std::string& b) {
  return b.size() > 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8;
}

std::optional<std::string> photo(App& app, const std::string& sha) {
  if (sha.empty() || !media::AttachmentStore::valid_sha(sha)) return std::nullopt;
  if (auto t = app.files->read_derived(sha, "thumb.jpg"); t && is_jpeg(*t)) return t;
  if (auto o = app.files->read(sha); o && is_jpeg(*o)) return o;
  return std::nullopt;
}

std::string tenant_name(store::Conn& c, std::int64_t tenant) {
  auto r = c.first("SELECT name FROM tenants WHERE id = ?", {tenant});
  return r ? r->str(0) : std::string();
}

Response docx_response(const exporter::DocxBuilder& d, const std::string& filename) {
  auto bytes = d.build();
  if (!bytes.ok()) throw core::ApiError(500, "document-failed", "文档生成失败", bytes.error().title);
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  r.body = std::move(bytes.value());
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

}  // namespace envgrid::http::reports
