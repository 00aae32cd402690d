// Checking an import file record by record: required properties, codes (format, duplicates
// in the file, create or update against existing rows), references and geometry.
#include <cmath>
#include <map>
#include <set>

#include "geo/geojson.hpp"
#include "http/territory_import_plan.hpp"
#include "http/territory_util.hpp"
#include "http/zone_input.hpp"

namespace envgrid::http::import {

namespace json = boost::json;
using namespace territory;

namespace {

// Property names with the Chinese column names people use in spreadsheets and GIS tools.
const std::map<std::string, std::vector<std::string>> kAliases = {
    {"code", {"编码"}},          {"name", {"名称"}},
    {"community", {"community_code", "社区编码", "所属社区编码"}},
    {"region", {"region_code", "区划编码", "所属区划编码"}},
    {"kind", {"类型", "责任区类型"}}, {"buffer_m", {"缓冲距离", "缓冲距离（米）"}},
    {"attrs", {"属性"}},          {"units", {"责任单位"}},
    {"type", {"单位类型"}},      {"parent", {"parent_code", "上级单位编码", "上级编码"}},
    {"principal", {"主要负责人", "负责人"}}, {"phone", {"电话", "联系电话"}},
    {"handles", {"职责", "负责工作"}}};

struct Ctx {
  const Record& rec;
  Result& out;
  std::string code;
  bool bad = false;

  const json::value* get(const std::string& key) const {
    auto probe = [&](std::string_view k) -> const json::value* {
      auto it = rec.props.find(k);
      return it == rec.props.end() || it->value().is_null() ? nullptr : &it->value();
    };
    if (auto v = probe(key)) return v;
    if (auto a = kAliases.find(key); a != kAliases.end())
      for (const auto& alias : a->second)
        if (auto v = probe(alias)) return v;
    return nullptr;
  }
  bool has(const std::string& key) const {
    if (rec.props.contains(key)) return true;
    if (auto a = kAliases.find(key); a != kAliases.end())
      for (const auto& alias : a->second)
        if (rec.props.contains(alias)) return true;
    return false;
  }
  void fail(const std::string& field, const std::string& reason) {
    out.errors.push_back({rec.index, code, field.empty() || field.rfind("geometry", 0) == 0 ? field : rec.where + field,
                          reason});
    bad = true;
  }
  // Text of a property; integral numbers become their digits (codes stored as numbers).
  std::optional<std::string> text(const std::string& key, bool required, size_t max_len = 64) {
    const json::value* v = get(key);
    if (!v) {
      if (required) fail(key, "缺少必填属性 " + key);
      return std::nullopt;
    }
    std::string s;
    if (v->is_string()) s = std::string(v->as_string());
    else if (v->is_int64()) s = std::to_string(v->as_int64());
    else if (v->is_uint64()) s = std::to_string(v->as_uint64());
    else if (v->is_double() && v->as_double() == std::floor(v->as_double()) && std::fabs(v->as_double()) < 1e16)
      s = std::to_string(static_cast<long long>(v->as_double()));
    else {
      fail(key, key + " 应为文本");
      return std::nullopt;
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(0, 1);
    if (s.empty() && required) {
      fail(key, key + " 不能为空");
      return std::nullopt;
    }
    size_t chars = 0;
    for (unsigned char ch : s) chars += (ch & 0xC0) != 0x80;
    if (chars > max_len) {
      fail(key, key + " 不能超过 " + std::to_string(max_len) + " 个字符");
      return std::nullopt;
    }
    return s;
  }
  void take_errors(const core::JsonReader& r) {
    for (const auto& e : r.errors()) fail(e.field, e.message);
  }
};

// The code of a record, checked for format and duplicates within the file.
std::optional<std::string> take_code(Ctx& x, std::map<std::string, std::size_t>& seen, bool (*valid)(const std::string&),
                                     const char* format_msg) {
  auto code = x.text("code", true);
  if (!code) return std::nullopt;
  x.code = *code;
  if (!valid(*code)) {
    x.fail("code", format_msg);
    return std::nullopt;
  }
  auto [it, fresh] = seen.emplace(*code, x.rec.index);
  if (!fresh) x.fail("code", "编码与第 " + std::to_string(it->second) + " 项重复");
  return code;
}

bool grid_code(const std::string& s) { return digits(s, 15); }

const json::object kEmpty;

}  // namespace

void check_grids(store::Conn& c, std::int64_t tenant, const std::vector<Record>& recs, Plan& plan, Result& out) {
  std::map<std::string, std::size_t> seen;
  for (const auto& rec : recs) {
    Ctx x{rec, out};
    GridPlan g;
    g.index = rec.index;
    auto code = take_code(x, seen, grid_code, "网格编码应为 15 位数字（6 位区县 + 3 位街道 + 3 位社区 + 3 位序号）");
    if (code) g.code = *code;
    if (auto v = x.text("name", true)) g.name = *v;
    if ((g.community_given = x.has("community")))
      if (auto v = x.text("community", false); v && !v->empty()) {
        auto u = store::find_unit(c, tenant, *v);
        if (!u) x.fail("community", "所属社区/村编码 " + *v + " 不存在");
        else if (u->type != "community" && u->type != "village") x.fail("community", "单位 " + *v + " 不是社区或村");
        else g.community_id = u->id;
      }
    if ((g.region_given = x.has("region")))
      if (auto v = x.text("region", false); v && !v->empty()) {
        auto reg = store::find_region(c, tenant, *v);
        if (!reg) x.fail("region", "所属区划编码 " + *v + " 不存在");
        else if (code && (reg->level == "community" || reg->level == "village") && code->compare(0, 12, reg->code) != 0)
          x.fail("code", "网格编码前 12 位应与所属区划编码 " + reg->code + " 一致");
        else g.region_id = reg->id;
      }
    const json::object* geom = rec.geometry.if_object();
    const json::value* type = geom ? geom->if_contains("type") : nullptr;
    if (!geom) x.fail("geometry", "缺少几何图形");
    else if (!type || (*type != "Polygon" && *type != "MultiPolygon")) x.fail("geometry", "网格图形应为 Polygon 或 MultiPolygon");
    else if (auto area = geo::parse_area(rec.geometry, 0); !area) {
      for (const auto& e : area.error().errors) x.fail(e.field.empty() ? "geometry" : "geometry." + e.field, e.message);
    } else {
      g.geometry = json::serialize(geo::to_geojson(*area));
    }
    if (x.bad) continue;
    out.items.push_back({rec.index, g.code, g.name, store::find_grid(c, tenant, g.code).has_value()});
    plan.grids.push_back(std::move(g));
  }
}

void check_zones(store::Conn& c, std::int64_t tenant, const std::vector<Record>& recs, Plan& plan, Result& out) {
  std::map<std::string, std::size_t> seen;
  for (const auto& rec : recs) {
    Ctx x{rec, out};
    ZonePlan z;
    z.index = rec.index;
    if (auto code = take_code(x, seen, plain_code, "责任区编码只能包含字母、数字、-、_ 和 .（1–64 个字符）")) z.code = *code;
    if (auto v = x.text("name", true)) z.name = *v;
    if (auto v = x.text("kind", true)) {
      if (auto k = id_from(zone_kinds(), *v)) z.kind = *k;
      else x.fail("kind", "未知的责任区类型 " + *v);
    }
    if (const json::value* b = x.get("buffer_m")) {
      if (!b->is_number() || b->to_number<double>() < 0 || b->to_number<double>() > geo::kMaxBufferM)
        x.fail("buffer_m", "缓冲距离应为 0 到 5000 之间的数字（米）");
      else z.buffer_m = b->to_number<double>();
    }
    core::JsonReader sink(kEmpty);
    if (rec.geometry.is_null()) x.fail("geometry", "缺少几何图形");
    else if (auto text = zone_geometry(sink, rec.geometry, z.buffer_m)) z.geometry = *text;
    if (const json::value* a = x.get("attrs")) {
      if (!a->is_object()) x.fail("attrs", "attrs 应为 JSON 对象");
      else if (!z.kind.empty()) z.attrs = zone_attrs(sink, z.kind, a->as_object(), "attrs");
    }
    if (const json::value* us = x.get("units")) {
      std::vector<store::ZoneUnitRow> units;
      if (!us->is_array()) x.fail("units", "units 应为数组 [{unit, person, duty}]（unit 为单位编码）");
      else
        for (size_t i = 0; i < us->as_array().size(); ++i) {
          const auto* o = us->as_array()[i].if_object();
          const std::string f = "units[" + std::to_string(i) + "]";
          const json::value* uc = o ? o->if_contains("unit") : nullptr;
          if (!uc || !uc->is_string()) {
            x.fail(f, "应为 {unit: 单位编码, person, duty}");
            continue;
          }
          auto u = store::find_unit(c, tenant, std::string(uc->as_string()));
          if (!u) {
            x.fail(f + ".unit", "单位编码 " + std::string(uc->as_string()) + " 不存在");
            continue;
          }
          auto field = [&](const char* k, size_t max) {
            const json::value* v = o->if_contains(k);
            if (!v || v->is_null()) return std::string();
            std::string s = v->is_string() ? std::string(v->as_string()) : std::string();
            size_t chars = 0;
            for (unsigned char ch : s) chars += (ch & 0xC0) != 0x80;
            if (!v->is_string() || chars > max)
              x.fail(f + "." + k, std::string(k) + " 应为不超过 " + std::to_string(max) + " 字的文本");
            return s;
          };
          store::ZoneUnitRow row{u->id, field("person", 32), field("duty", 16), u->name};
          for (const auto& prev : units)
            if (prev.unit_id == row.unit_id && prev.duty == row.duty) x.fail(f, "同一单位的同一职责重复");
          units.push_back(std::move(row));
        }
      z.units = std::move(units);
    }
    x.take_errors(sink);
    if (x.bad) continue;
    out.items.push_back({rec.index, z.code, z.name, store::find_zone(c, tenant, z.code).has_value()});
    plan.zones.push_back(std::move(z));
  }
}

void check_units(store::Conn& c, std::int64_t tenant, const std::vector<Record>& recs, Plan& plan, Result& out) {
  std::map<std::string, std::size_t> seen;
  std::map<std::string, std::string> parent_in_file;  // code → parent code
  for (const auto& rec : recs) {
    Ctx x{rec, out};
    UnitPlan u;
    u.index = rec.index;
    if (auto code = take_code(x, seen, plain_code, "单位编码只能包含字母、数字、-、_ 和 .（1–64 个字符）")) u.code = *code;
    if (auto v = x.text("name", true)) u.name = *v;
    if (auto v = x.text("type", true)) {
      if (auto t = id_from(unit_types(), *v)) u.type = *t;
      else x.fail("type", "未知的单位类型 " + *v);
    }
    if (x.has("parent")) u.parent_code = x.text("parent", false).value_or("");
    if (x.has("region")) {
      u.region_id.emplace();
      if (auto v = x.text("region", false); v && !v->empty()) {
        if (auto reg = store::find_region(c, tenant, *v)) *u.region_id = reg->id;
        else x.fail("region", "所属区划编码 " + *v + " 不存在");
      }
    }
    if (x.has("principal")) u.principal = x.text("principal", false, 32).value_or("");
    if (x.has("phone")) u.phone = x.text("phone", false, 32).value_or("");
    if (x.has("handles")) {
      const json::value* h = x.get("handles");
      std::vector<std::string> items;
      if (h && h->is_array()) {
        for (const auto& e : h->as_array())
          if (e.is_string()) items.emplace_back(e.as_string());
      } else if (auto t = x.text("handles", false, 200)) {
        items = split_list(*t);
      }
      u.handles = join_list(items);
    }
    if (u.parent_code && !u.parent_code->empty()) parent_in_file[u.code] = *u.parent_code;
    if (x.bad) continue;
    out.items.push_back({rec.index, u.code, u.name, store::find_unit(c, tenant, u.code).has_value()});
    plan.units.push_back(std::move(u));
  }
  // Parents: in the file or already stored, and no loop through the file's rows.
  for (const auto& u : plan.units) {
    if (!u.parent_code || u.parent_code->empty()) continue;
    Ctx x{recs[u.index], out};
    x.code = u.code;
    if (!seen.count(*u.parent_code) && !store::find_unit(c, tenant, *u.parent_code)) {
      x.fail("parent", "上级单位编码 " + *u.parent_code + " 不存在");
      continue;
    }
    // Follow the parents given in the file; reaching the row itself closes a loop.
    std::string cur = *u.parent_code;
    for (int depth = 0; depth < 64 && cur != u.code && parent_in_file.count(cur); ++depth) cur = parent_in_file[cur];
    if (cur == u.code) x.fail("parent", "上级单位形成循环");
  }
}

}  // namespace envgrid::http::import
