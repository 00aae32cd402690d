// The importer's driver: file → records (GeoJSON features or CSV rows), check, write.
#include "http/territory_import.hpp"

#include <set>
#include <stdexcept>

#include "export/xlsx_reader.hpp"
#include "http/territory_import_plan.hpp"
#include "http/territory_util.hpp"
#include "http/zone_input.hpp"

namespace envgrid::http::import {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxRecords = 100000;

const std::set<std::string> kUnitColumns = {
    "code", "name", "type", "parent", "parent_code", "region", "region_code", "principal", "phone", "handles",
    "编码", "名称", "单位类型", "上级单位编码", "上级编码", "区划编码", "所属区划编码", "主要负责人", "负责人",
    "电话", "联系电话", "职责", "负责工作"};

void file_error(Result& out, std::string reason) { out.errors.push_back({std::nullopt, "", "", std::move(reason)}); }

bool geojson_records(std::string_view text, std::vector<Record>& recs, Result& out) {
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 64;
  json::value v = json::parse(text, ec, {}, opts);
  if (ec) return file_error(out, "文件不是合法的 JSON：" + ec.message()), false;
  const json::object* fc = v.if_object();
  const json::value* type = fc ? fc->if_contains("type") : nullptr;
  const json::value* features = fc ? fc->if_contains("features") : nullptr;
  if (!type || *type != "FeatureCollection" || !features || !features->is_array())
    return file_error(out, "文件应为 GeoJSON FeatureCollection（含 features 数组）"), false;
  const auto& a = features->as_array();
  if (a.size() > kMaxRecords) return file_error(out, "一次最多导入 100000 项"), false;
  if (a.empty()) return file_error(out, "文件中没有任何要素"), false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    Record r;
    r.index = i;
    const json::object* f = a[i].if_object();
    const json::value* ft = f ? f->if_contains("type") : nullptr;
    if (!ft || *ft != "Feature") {
      out.errors.push_back({i, "", "", "不是 GeoJSON Feature 对象"});
    } else {
      if (const json::value* p = f->if_contains("properties"); p && p->is_object()) r.props = p->as_object();
      else if (p && !p->is_null()) out.errors.push_back({i, "", "properties", "properties 应为对象"});
      if (const json::value* g = f->if_contains("geometry")) r.geometry = *g;
    }
    recs.push_back(std::move(r));
  }
  return true;
}

bool csv_records(std::string_view text, std::vector<Record>& recs, Result& out) {
  // CSV in UTF-8 or GB18030, or the first sheet of an XLSX workbook.
  auto table = exporter::read_table(text);
  if (!table) return file_error(out, table.error().detail), false;
  exporter::Table rows = std::move(*table);
  if (rows.empty()) return file_error(out, "CSV 文件为空（第一行应为表头）"), false;
  auto header = rows.front();
  for (auto& h : header) {
    while (!h.empty() && h.back() == ' ') h.pop_back();
    while (!h.empty() && h.front() == ' ') h.erase(0, 1);
    if (!kUnitColumns.count(h)) file_error(out, "未知列：" + h);
  }
  if (!out.ok()) return false;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    bool blank = true;
    for (const auto& cell : rows[i]) blank = blank && cell.empty();
    if (blank) continue;
    Record r;
    r.index = recs.size();
    r.where = "";
    if (rows[i].size() != header.size())
      out.errors.push_back({r.index, "", "", "列数（" + std::to_string(rows[i].size()) + "）与表头（" +
                                                  std::to_string(header.size()) + "）不一致"});
    for (std::size_t k = 0; k < header.size() && k < rows[i].size(); ++k) r.props[header[k]] = rows[i][k];
    recs.push_back(std::move(r));
    if (recs.size() > kMaxRecords) return file_error(out, "一次最多导入 100000 项"), false;
  }
  if (recs.empty()) return file_error(out, "CSV 文件没有数据行"), false;
  return true;
}

}  // namespace

Result run(store::Database& db, std::int64_t tenant, const std::string& kind, std::string_view body, bool dry_run) {
  Result out;
  out.kind = kind;
  out.dry_run = dry_run;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  const auto first = body.find_first_not_of(" \t\r\n");
  const bool json_file = first != std::string_view::npos && (body[first] == '{' || body[first] == '[');
  std::vector<Record> recs;
  if (json_file) {
    if (!geojson_records(body, recs, out)) return out;
  } else if (kind == "units") {
    if (!csv_records(body, recs, out)) return out;
  } else {
    file_error(out, kind == "grids" ? "网格请使用 GeoJSON FeatureCollection 文件导入" : "责任区请使用 GeoJSON FeatureCollection 文件导入");
    return out;
  }
  Plan plan;
  db.read([&](store::Conn& c) {
    if (kind == "grids") check_grids(c, tenant, recs, plan, out);
    else if (kind == "zones") check_zones(c, tenant, recs, plan, out);
    else check_units(c, tenant, recs, plan, out);
  });
  if (!out.ok()) {
    out.items.clear();
    return out;
  }
  if (!dry_run) db.write([&](store::Conn& c) { write_plan(c, tenant, plan); });
  return out;
}

json::object result_json(const Result& r) {
  json::array items;
  std::int64_t created = 0, updated = 0;
  for (const auto& it : r.items) {
    (it.update ? updated : created)++;
    items.push_back(json::object{{"index", it.index}, {"code", it.code}, {"name", it.name},
                                 {"action", it.update ? "update" : "create"}});
  }
  return {{"ok", r.ok()}, {"dry_run", r.dry_run}, {"kind", r.kind}, {"created", created},
          {"updated", updated}, {"items", std::move(items)}};
}

json::array errors_json(const Result& r) {
  json::array a;
  for (const auto& e : r.errors)
    a.push_back(json::object{{"index", e.index ? json::value(*e.index) : json::value(nullptr)},
                             {"code", e.code},
                             {"field", e.field},
                             {"reason", e.reason}});
  return a;
}

void write_plan(store::Conn& c, std::int64_t tenant, const Plan& plan) {
  auto stale = [] { throw store::DbError(store::DbError::Kind::other, "row changed during import"); };
  for (const auto& g : plan.grids) {
    auto existing = store::find_grid(c, tenant, g.code);
    store::GridRow row = existing ? *existing : store::GridRow{};
    row.code = g.code;
    row.name = g.name;
    row.geometry = g.geometry;
    if (g.community_given) row.community_unit_id = g.community_id;
    if (g.region_given) row.region_id = g.region_id;
    if (!existing) store::insert_grid(c, tenant, row);
    else if (!store::update_grid(c, tenant, row)) stale();
  }
  for (const auto& z : plan.zones) {
    auto existing = store::find_zone(c, tenant, z.code);
    store::ZoneRow row = existing ? *existing : store::ZoneRow{};
    const bool kind_changed = row.kind != z.kind;
    row.code = z.code;
    row.name = z.name;
    row.kind = z.kind;
    row.geometry = z.geometry;
    row.buffer_m = z.buffer_m;
    if (z.attrs) {
      row.attrs = *z.attrs;
    } else if (!existing || kind_changed) {
      static const json::object empty;
      core::JsonReader sink(empty);
      row.attrs = zone_attrs(sink, z.kind, json::object{}).value_or("{}");
    }
    if (z.units) row.units = *z.units;
    if (!existing) store::insert_zone(c, tenant, row);
    else if (!store::update_zone(c, tenant, row)) stale();
  }
  for (const auto& u : plan.units) {
    auto existing = store::find_unit(c, tenant, u.code);
    store::UnitRow row = existing ? *existing : store::UnitRow{};
    row.code = u.code;
    row.name = u.name;
    row.type = u.type;
    if (u.region_id) row.region_id = *u.region_id;
    if (u.principal) row.principal = *u.principal;
    if (u.phone) row.phone = *u.phone;
    if (u.handles) row.handles = *u.handles;
    if (!existing) store::insert_unit(c, tenant, row);
    else if (!store::update_unit(c, tenant, row)) stale();
  }
  // Parents last: a parent may be a later row of the same file.
  for (const auto& u : plan.units) {
    if (!u.parent_code) continue;
    std::optional<std::int64_t> parent;
    if (!u.parent_code->empty()) parent = store::find_unit(c, tenant, *u.parent_code)->id;
    c.query("UPDATE units SET parent_id = ? WHERE tenant_id = ? AND code = ?", {store::opt_param(parent), tenant, u.code});
  }
}

}  // namespace envgrid::http::import
