#include "http/territory_util.hpp"

#include <algorithm>

namespace envgrid::http::territory {

namespace json = boost::json;

const Labels& region_levels() {
  static const Labels l = {{"county", "区县"}, {"street", "街道/镇"}, {"community", "社区"}, {"village", "村"}};
  return l;
}

const Labels& unit_types() {
  static const Labels l = {{"command", "指挥中心"}, {"department", "职能部门"}, {"street", "街道/镇"},
                           {"community", "社区"},   {"village", "村"},          {"enterprise", "企业"},
                           {"agency", "站所/事业单位"}, {"team", "中队/队伍"}};
  return l;
}

const Labels& zone_kinds() {
  static const Labels l = {{"road", "道路"},           {"river", "河道"},
                           {"frontage", "门前责任区"}, {"construction_site", "建筑工地"},
                           {"enterprise", "企业"},     {"monitoring_station", "空气监测站点周边"},
                           {"back_street", "背街小巷"}, {"old_compound", "老旧小区"},
                           {"urban_village", "城中村"}, {"market", "农贸市场"},
                           {"school_area", "校园周边"}, {"vendor_area", "便民疏导点"},
                           {"railway", "铁路沿线"}};
  return l;
}

const Labels& assignment_kinds() {
  static const Labels l = {{"village", "包村"}, {"community", "包社区"}, {"street", "包街巷"},
                           {"compound", "包小区"}, {"point", "划点包保"}};
  return l;
}

std::vector<std::string> ids_of(const Labels& l) {
  std::vector<std::string> out;
  for (const auto& [id, label] : l) out.push_back(id);
  return out;
}

std::string label_of(const Labels& l, const std::string& id) {
  for (const auto& [k, v] : l)
    if (k == id) return v;
  return "";
}

std::optional<std::string> id_from(const Labels& l, const std::string& text) {
  for (const auto& [k, v] : l)
    if (k == text || v == text) return k;
  return std::nullopt;
}

std::vector<std::string> default_duties(const std::string& scheme) {
  if (scheme == "门前三包") return {"包卫生", "包秩序", "包绿化"};
  return {"包卫生", "包秩序", "包绿化", "包设施", "包市容"};
}

bool digits(const std::string& s, size_t n) {
  return s.size() == n && s.find_first_not_of("0123456789") == std::string::npos;
}

bool plain_code(const std::string& s) {
  return !s.empty() && s.size() <= 64 &&
         s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == std::string::npos;
}

std::vector<std::string> split_list(const std::string& s) {
  static const std::vector<std::string> seps = {",", "、", ";", "；", "|", "，"};
  std::vector<std::string> out;
  std::string cur;
  auto push = [&] {
    size_t b = cur.find_first_not_of(" \t"), e = cur.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (size_t i = 0; i < s.size();) {
    bool sep = false;
    for (const auto& x : seps)
      if (s.compare(i, x.size(), x) == 0) {
        push();
        i += x.size();
        sep = true;
        break;
      }
    if (!sep) cur += s[i++];
  }
  push();
  return out;
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

store::ListQuery page_query(const Request& req) {
  store::ListQuery q;
  q.limit = static_cast<int>(query_int(req, "limit", 1, 5000).value_or(500));
  q.after_id = query_int(req, "cursor", 0, INT64_MAX);
  return q;
}

Response page_response(json::array items, std::int64_t last_id, const store::ListQuery& q) {
  const bool full = static_cast<int>(items.size()) == q.limit;
  return Response::json(json::object{{"items", std::move(items)},
                                     {"next_cursor", full ? json::value(std::to_string(last_id)) : json::value(nullptr)}});
}

void filter_id(const Request& req, store::ListQuery& q, const std::string& param, const std::string& column) {
  if (auto v = query_int(req, param, 1, INT64_MAX)) q.eq.emplace_back(column, *v);
}

void filter_text(const Request& req, store::ListQuery& q, const std::string& param, const std::string& column,
                 const std::vector<std::string>& allowed) {
  auto v = req.q(param);
  if (!v || v->empty()) return;
  if (std::find(allowed.begin(), allowed.end(), *v) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : "、") + a;
    throw core::validation_error({{param, "取值应为：" + list}});
  }
  q.eq.emplace_back(column, *v);
}

static bool explicit_null(const json::object& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->value().is_null();
}

void read_ref(core::JsonReader& r, const json::object& body, const char* key, std::optional<std::int64_t>& target) {
  if (explicit_null(body, key)) {
    r.raw(key, false);
    target.reset();
  } else if (auto v = r.int64(key, false, 1)) {
    target = v;
  }
}

void read_opt_str(core::JsonReader& r, const json::object& body, const char* key, size_t max_len,
                  std::optional<std::string>& target) {
  if (explicit_null(body, key)) {
    r.raw(key, false);
    target.reset();
  } else if (auto v = r.str(key, false, max_len)) {
    target = v->empty() ? std::nullopt : v;
  }
}

std::optional<std::int64_t> read_version(core::JsonReader& r) {
  auto v = r.int64("version", false, 1);
  if (!v && !r.has("version")) r.fail("version", "修改时必须提供当前版本号 version");
  return v;
}

void check_ref(store::Conn& c, std::int64_t tenant, core::JsonReader& r, const std::string& table,
               const std::optional<std::int64_t>& id, const std::string& field, const std::string& what) {
  if (id && !store::exists_in(c, tenant, table, *id)) r.fail(field, what + "不存在");
}

void throw_stale(const std::string& what) {
  throw core::conflict("stale-version", what + "已被他人修改，请刷新后重试",
                       "提交的版本号不是最新版本（乐观并发控制）");
}

void throw_duplicate(const std::string& what, const std::string& field, const std::string& code) {
  core::Error e;
  e.status = 409;
  e.type = "duplicate";
  e.title = what + "编码已存在";
  e.detail = "编码 " + code + " 已被使用";
  e.errors.push_back({field, "编码已被使用"});
  throw core::ApiError(std::move(e));
}

void throw_in_use(const std::string& what, const std::string& reason) {
  throw core::conflict("in-use", what + "正在被使用，不能删除", reason);
}

json::value parse_stored(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return nullptr;
  return v;
}

json::value ref_json(const std::optional<std::int64_t>& id, const std::optional<std::string>& name) {
  if (!id) return nullptr;
  return json::object{{"id", *id}, {"name", core::opt(name)}};
}

}  // namespace envgrid::http::territory
