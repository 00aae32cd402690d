#include "http/zone_input.hpp"

#include <algorithm>
#include <set>

#include "geo/geojson.hpp"
#include "http/territory_util.hpp"

namespace envgrid::http {

namespace json = boost::json;
using namespace territory;

namespace {

size_t chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void read_units(core::JsonReader& r, const json::value& v, std::vector<store::ZoneUnitRow>& out) {
  if (!v.is_array()) {
    r.fail("units", "应为数组：[{unit_id, person, duty}]");
    return;
  }
  const auto& a = v.as_array();
  if (a.size() > 20) {
    r.fail("units", "最多 20 个责任单位");
    return;
  }
  std::vector<store::ZoneUnitRow> units;
  std::set<std::pair<std::int64_t, std::string>> seen;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string path = "units[" + std::to_string(i) + "]";
    if (!a[i].is_object()) {
      r.fail(path, "应为对象 {unit_id, person, duty}");
      continue;
    }
    core::JsonReader sub(a[i].as_object(), path);
    store::ZoneUnitRow u;
    auto id = sub.int64("unit_id", true, 1);
    u.person = sub.str("person", false, 32).value_or("");
    u.duty = sub.str("duty", false, 16).value_or("");
    for (const auto& kv : a[i].as_object())
      if (kv.key() != "unit_id" && kv.key() != "person" && kv.key() != "duty" && kv.key() != "unit_name")
        r.fail(path + "." + std::string(kv.key()), "未知字段");
    for (const auto& e : sub.errors()) r.fail(e.field, e.message);
    if (!id) continue;
    u.unit_id = *id;
    if (!seen.insert({u.unit_id, u.duty}).second) r.fail(path, "同一单位的同一职责重复");
    units.push_back(std::move(u));
  }
  out = std::move(units);
}

}  // namespace

std::optional<std::string> zone_geometry(core::JsonReader& r, const json::value& geometry, double buffer_m,
                                         const std::string& field) {
  auto area = geo::parse_area(geometry, buffer_m);
  if (!area) {
    for (const auto& e : area.error().errors)
      r.fail(e.field == "buffer_m" ? e.field : e.field.empty() ? field : field + "." + e.field, e.message);
    return std::nullopt;
  }
  // Store what was drawn: a line stays a line (the router grows it by buffer_m on load).
  const json::object* o = geometry.if_object();
  const json::value* g = &geometry;
  if (o && o->if_contains("type") && o->at("type") == "Feature") g = o->if_contains("geometry");
  const json::value& t = g->as_object().at("type");
  if (buffer_m == 0 && (t == "Polygon" || t == "MultiPolygon")) return json::serialize(geo::to_geojson(*area));
  json::object plain{{"type", t}, {"coordinates", g->as_object().at("coordinates")}};
  return json::serialize(plain);
}

std::optional<std::string> zone_attrs(core::JsonReader& r, const std::string& kind, const json::object& attrs,
                                      const std::string& field) {
  json::object out = attrs;
  const size_t before = r.errors().size();
  auto fail = [&](const std::string& key, const std::string& msg) { r.fail(field + "." + key, msg); };
  auto str_of = [&](const char* key, size_t max) {
    auto it = out.find(key);
    if (it == out.end() || it->value().is_null()) return;
    if (!it->value().is_string() || chars(std::string(it->value().as_string())) > max)
      fail(key, "应为不超过 " + std::to_string(max) + " 字的字符串");
  };
  if (kind == "frontage") {
    std::string scheme = "门前五包";
    if (auto it = out.find("duty_scheme"); it != out.end()) {
      if (it->value() != "门前三包" && it->value() != "门前五包") fail("duty_scheme", "取值应为：门前三包、门前五包");
      else scheme = std::string(it->value().as_string());
    }
    out["duty_scheme"] = scheme;
    if (auto it = out.find("duties"); it != out.end()) {
      const json::array* a = it->value().if_array();
      bool ok = a && !a->empty() && a->size() <= 10;
      if (a)
        for (const auto& d : *a) ok = ok && d.is_string() && !d.as_string().empty() && chars(std::string(d.as_string())) <= 20;
      if (!ok) fail("duties", "应为 1–10 项责任内容（每项不超过 20 字），如 [\"包卫生\",\"包秩序\"]");
    } else {
      json::array d;
      for (const auto& s : default_duties(scheme)) d.emplace_back(s);
      out["duties"] = std::move(d);
    }
  } else if (kind == "old_compound") {
    if (auto it = out.find("property_status"); it != out.end() &&
        (!it->value().is_string() ||
         std::find(kPropertyStatus.begin(), kPropertyStatus.end(), std::string(it->value().as_string())) ==
             kPropertyStatus.end()))
      fail("property_status", "取值应为：professional（专业物业）、self_managed（单位自管）、community_managed（社区托管）、none（无物业）");
    if (auto it = out.find("households"); it != out.end() && !(it->value().is_int64() && it->value().as_int64() >= 0))
      fail("households", "应为非负整数");
  } else if (kind == "construction_site") {
    str_of("project", 64);
    str_of("contractor", 64);
    str_of("permit_no", 64);
  } else if (kind == "monitoring_station") {
    str_of("station", 64);
  }
  std::string text = json::serialize(out);
  if (text.size() > 8000) fail("", "附加属性过大（不超过 8000 字节）");
  if (r.errors().size() != before) return std::nullopt;
  return text;
}

void read_zone(core::JsonReader& r, store::ZoneRow& z, bool create) {
  if (auto v = r.str("code", create, 64, 1)) {
    if (!plain_code(*v)) r.fail("code", "责任区编码只能包含字母、数字、-、_ 和 .");
    z.code = *v;
  }
  if (auto v = r.str("name", create, 64, 1)) z.name = *v;
  const std::string old_kind = z.kind;
  if (auto v = r.one_of("kind", create, ids_of(zone_kinds()))) z.kind = *v;
  const double old_buffer = z.buffer_m;
  if (auto v = r.num("buffer_m", false, 0, geo::kMaxBufferM)) z.buffer_m = *v;
  if (auto g = r.raw("geometry", create)) {
    if (auto text = zone_geometry(r, *g, z.buffer_m)) z.geometry = *text;
  } else if (!create && z.buffer_m != old_buffer) {
    // The stored shape must still make an area with the new buffer (a line needs > 0).
    if (auto text = zone_geometry(r, parse_stored(z.geometry), z.buffer_m, "buffer_m")) z.geometry = *text;
  }
  if (auto a = r.raw("attrs", false)) {
    if (!a->is_object()) r.fail("attrs", "应为 JSON 对象");
    else if (auto text = zone_attrs(r, z.kind, a->as_object())) z.attrs = *text;
  } else if (create || z.kind != old_kind) {
    auto stored = parse_stored(z.attrs);
    if (auto text = zone_attrs(r, z.kind, stored.is_object() ? stored.as_object() : json::object{})) z.attrs = *text;
  }
  if (auto u = r.raw("units", false)) read_units(r, *u, z.units);
}

}  // namespace envgrid::http
