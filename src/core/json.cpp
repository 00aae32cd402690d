#include "core/json.hpp"

#include <cmath>

namespace envgrid::core {

namespace json = boost::json;

json::object parse_object(std::string_view body) {
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 64;
  json::value v = json::parse(body, ec, {}, opts);
  if (ec) throw bad_request("请求体不是合法的 JSON", "JSON 解析失败：" + ec.message());
  if (!v.is_object()) throw bad_request("请求体必须是 JSON 对象");
  return std::move(v.as_object());
}

JsonReader::JsonReader(const json::object& o, std::string prefix) : o_(o), prefix_(std::move(prefix)) {}

std::string JsonReader::path(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

bool JsonReader::has(std::string_view key) const {
  auto it = o_.find(key);
  return it != o_.end() && !it->value().is_null();
}

void JsonReader::fail(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

const json::value* JsonReader::get(std::string_view key, bool required) {
  known_.emplace(key);
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) {
    if (required) fail(path(key), "必填");
    return nullptr;
  }
  return &it->value();
}

const json::value* JsonReader::raw(std::string_view key, bool required) { return get(key, required); }

std::optional<std::string> JsonReader::str(std::string_view key, bool required, size_t max_len,
                                           size_t min_len) {
  auto v = get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(path(key), "应为字符串");
    return std::nullopt;
  }
  std::string s(v->as_string());
  // Count characters, not bytes, for the limit a person sees.
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars > max_len) {
    fail(path(key), "不能超过 " + std::to_string(max_len) + " 个字符");
    return std::nullopt;
  }
  if (chars < min_len) {
    fail(path(key), min_len == 1 ? "不能为空" : "至少 " + std::to_string(min_len) + " 个字符");
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> JsonReader::int64(std::string_view key, bool required, std::int64_t min,
                                              std::int64_t max) {
  auto v = get(key, required);
  if (!v) return std::nullopt;
  std::int64_t x;
  if (v->is_int64()) x = v->as_int64();
  else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) x = static_cast<std::int64_t>(v->as_uint64());
  else if (v->is_double() && std::floor(v->as_double()) == v->as_double() && std::fabs(v->as_double()) < 9e15) x = static_cast<std::int64_t>(v->as_double());
  else {
    fail(path(key), "应为整数");
    return std::nullopt;
  }
  if (x < min || x > max) {
    fail(path(key), "应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间");
    return std::nullopt;
  }
  return x;
}

std::optional<double> JsonReader::num(std::string_view key, bool required, double min, double max) {
  auto v = get(key, required);
  if (!v) return std::nullopt;
  double x;
  if (v->is_double()) x = v->as_double();
  else if (v->is_int64()) x = static_cast<double>(v->as_int64());
  else if (v->is_uint64()) x = static_cast<double>(v->as_uint64());
  else {
    fail(path(key), "应为数字");
    return std::nullopt;
  }
  if (!std::isfinite(x) || x < min || x > max) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "应在 %g 到 %g 之间", min, max);
    fail(path(key), buf);
    return std::nullopt;
  }
  return x;
}

std::optional<bool> JsonReader::boolean(std::string_view key, bool required) {
  auto v = get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    fail(path(key), "应为 true 或 false");
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<std::string> JsonReader::one_of(std::string_view key, bool required,
                                              const std::vector<std::string>& allowed) {
  auto s = str(key, required, 200);
  if (!s) return std::nullopt;
  for (const auto& a : allowed)
    if (a == *s) return s;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : "、") + a;
  fail(path(key), "取值应为：" + list);
  return std::nullopt;
}

std::optional<std::vector<std::int64_t>> JsonReader::int_array(std::string_view key, bool required,
                                                               size_t max_items) {
  auto v = get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(path(key), "应为整数数组");
    return std::nullopt;
  }
  const auto& a = v->as_array();
  if (a.size() > max_items) {
    fail(path(key), "最多 " + std::to_string(max_items) + " 项");
    return std::nullopt;
  }
  std::vector<std::int64_t> out;
  bool ok = true;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_int64()) out.push_back(a[i].as_int64());
    else if (a[i].is_uint64() && a[i].as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) out.push_back(static_cast<std::int64_t>(a[i].as_uint64()));
    else {
      fail(path(key) + "[" + std::to_string(i) + "]", "应为整数");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> JsonReader::str_array(std::string_view key, bool required,
                                                              size_t max_items, size_t max_len) {
  auto v = get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(path(key), "应为字符串数组");
    return std::nullopt;
  }
  const auto& a = v->as_array();
  if (a.size() > max_items) {
    fail(path(key), "最多 " + std::to_string(max_items) + " 项");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_string() || a[i].as_string().size() > max_len * 4) {
      fail(path(key) + "[" + std::to_string(i) + "]", "应为不超过 " + std::to_string(max_len) + " 字的字符串");
      ok = false;
    } else {
      out.emplace_back(a[i].as_string());
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

void JsonReader::finish() {
  for (const auto& kv : o_)
    if (!known_.count(std::string_view(kv.key()))) fail(path(kv.key()), "未知字段");
  if (!errors_.empty()) throw validation_error(errors_);
}

std::string serialize(const json::value& v) { return json::serialize(v); }
json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value opt(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value opt(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

}  // namespace envgrid::core
