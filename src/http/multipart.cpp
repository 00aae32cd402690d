#include "http/multipart.hpp"

#include "core/error.hpp"

namespace envgrid::http {
namespace {

std::string lower(std::string_view s) {
  std::string o(s);
  for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

// Value of param (e.g. boundary=, name=) in a header value; handles quotes.
std::string param(std::string_view header, std::string_view key) {
  std::string h = lower(header);
  std::string k = std::string(key) + "=";
  size_t pos = 0;
  while ((pos = h.find(k, pos)) != std::string::npos) {
    if (pos == 0 || h[pos - 1] == ';' || h[pos - 1] == ' ') break;
    pos += k.size();
  }
  if (pos == std::string::npos) return {};
  pos += k.size();
  if (pos < header.size() && header[pos] == '"') {
    auto end = header.find('"', pos + 1);
    if (end == std::string_view::npos) return {};
    return std::string(header.substr(pos + 1, end - pos - 1));
  }
  auto end = header.find(';', pos);
  std::string v(header.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
  while (!v.empty() && v.back() == ' ') v.pop_back();
  return v;
}

[[noreturn]] void malformed(const char* why) { throw core::bad_request("上传内容格式错误", why); }

}  // namespace

std::vector<Part> parse_multipart(std::string_view content_type, std::string_view body) {
  if (lower(content_type).rfind("multipart/form-data", 0) != 0)
    throw core::ApiError(415, "unsupported-media-type", "请以 multipart/form-data 方式上传文件");
  const std::string boundary = param(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) malformed("缺少 boundary");
  const std::string delim = "--" + boundary;
  std::vector<Part> parts;
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) malformed("找不到分隔符");
  pos += delim.size();
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") malformed("分隔符后缺少换行");
    pos += 2;
    const size_t hdr_end = body.find("\r\n\r\n", pos);
    if (hdr_end == std::string_view::npos) malformed("分段头不完整");
    Part p;
    std::string_view headers = body.substr(pos, hdr_end - pos);
    while (!headers.empty()) {
      auto eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      auto colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string name = lower(line.substr(0, colon));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        if (name == "content-disposition") {
          p.name = param(value, "name");
          p.filename = param(value, "filename");
        } else if (name == "content-type") {
          p.content_type = std::string(value);
        }
      }
      if (eol == std::string_view::npos) break;
      headers.remove_prefix(eol + 2);
    }
    const size_t data = hdr_end + 4;
    const size_t next = body.find("\r\n" + delim, data);
    if (next == std::string_view::npos) malformed("上传内容不完整（可能被截断）");
    p.body = body.substr(data, next - data);
    parts.push_back(p);
    if (parts.size() > 20) malformed("分段过多");
    pos = next + 2 + delim.size();
  }
}

}  // namespace envgrid::http
