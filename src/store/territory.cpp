// Regions, units and the helpers the other territory row files share.
#include "store/territory.hpp"

#include "store/territory_sql.hpp"

namespace envgrid::store {

namespace detail {

QueryResult list_query(Conn& c, const std::string& select, std::int64_t tenant, const ListQuery& q) {
  std::string sql = select + " WHERE tenant_id = ?";
  Params p{tenant};
  for (const auto& [col, v] : q.eq) {
    sql += " AND " + col + " = ?";
    p.push_back(v);
  }
  if (q.after_id) {
    sql += " AND id > ?";
    p.push_back(*q.after_id);
  }
  sql += " ORDER BY id LIMIT ?";
  p.push_back(static_cast<std::int64_t>(q.limit));
  return c.query(sql, p);
}

bool any_row(Conn& c, const std::string& sql, const Params& p) { return c.first(sql + " LIMIT 1", p).has_value(); }

}  // namespace detail

namespace {

constexpr const char* kRegion = "SELECT id, code, name, level, parent_id FROM regions";
constexpr const char* kUnit =
    "SELECT id, code, name, type, parent_id, region_id, principal, phone, handles, disabled, version FROM units";

RegionRow read_region(const Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.str(3), r.opt_i64(4)};
}

UnitRow read_unit(const Row& r) {
  UnitRow u;
  u.id = r.i64(0);
  u.code = r.str(1);
  u.name = r.str(2);
  u.type = r.str(3);
  u.parent_id = r.opt_i64(4);
  u.region_id = r.opt_i64(5);
  u.principal = r.str(6);
  u.phone = r.str(7);
  u.handles = r.str(8);
  u.disabled = r.boolean(9);
  u.version = r.i64(10);
  return u;
}

}  // namespace

std::vector<RegionRow> list_regions(Conn& c, std::int64_t tenant, const ListQuery& q) {
  std::vector<RegionRow> out;
  for (const auto& r : detail::list_query(c, kRegion, tenant, q).rows) out.push_back(read_region(r));
  return out;
}

std::optional<RegionRow> get_region(Conn& c, std::int64_t tenant, std::int64_t id) {
  auto r = c.first(std::string(kRegion) + " WHERE tenant_id = ? AND id = ?", {tenant, id});
  if (!r) return std::nullopt;
  return read_region(*r);
}

std::optional<RegionRow> find_region(Conn& c, std::int64_t tenant, const std::string& code) {
  auto r = c.first(std::string(kRegion) + " WHERE tenant_id = ? AND code = ?", {tenant, code});
  if (!r) return std::nullopt;
  return read_region(*r);
}

std::int64_t insert_region(Conn& c, std::int64_t tenant, const RegionRow& r) {
  return c.insert("INSERT INTO regions (tenant_id, code, name, level, parent_id) VALUES (?, ?, ?, ?, ?) RETURNING id",
                  {tenant, r.code, r.name, r.level, opt_param(r.parent_id)});
}

void update_region(Conn& c, std::int64_t tenant, const RegionRow& r) {
  c.query("UPDATE regions SET code = ?, name = ?, level = ?, parent_id = ? WHERE tenant_id = ? AND id = ?",
          {r.code, r.name, r.level, opt_param(r.parent_id), tenant, r.id});
}

bool delete_region(Conn& c, std::int64_t tenant, std::int64_t id) {
  return c.query("DELETE FROM regions WHERE tenant_id = ? AND id = ?", {tenant, id}).affected > 0;
}

std::vector<UnitRow> list_units(Conn& c, std::int64_t tenant, const ListQuery& q) {
  std::vector<UnitRow> out;
  for (const auto& r : detail::list_query(c, kUnit, tenant, q).rows) out.push_back(read_unit(r));
  return out;
}

std::optional<UnitRow> get_unit(Conn& c, std::int64_t tenant, std::int64_t id) {
  auto r = c.first(std::string(kUnit) + " WHERE tenant_id = ? AND id = ?", {tenant, id});
  if (!r) return std::nullopt;
  return read_unit(*r);
}

std::optional<UnitRow> find_unit(Conn& c, std::int64_t tenant, const std::string& code) {
  auto r = c.first(std::string(kUnit) + " WHERE tenant_id = ? AND code = ?", {tenant, code});
  if (!r) return std::nullopt;
  return read_unit(*r);
}

std::int64_t insert_unit(Conn& c, std::int64_t tenant, const UnitRow& u) {
  return c.insert(
      "INSERT INTO units (tenant_id, code, name, type, parent_id, region_id, principal, phone, handles, disabled) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {tenant, u.code, u.name, u.type, opt_param(u.parent_id), opt_param(u.region_id), u.principal, u.phone,
       u.handles, static_cast<std::int64_t>(u.disabled)});
}

bool update_unit(Conn& c, std::int64_t tenant, const UnitRow& u) {
  return c.query("UPDATE units SET code = ?, name = ?, type = ?, parent_id = ?, region_id = ?, principal = ?, "
                 "phone = ?, handles = ?, disabled = ?, version = version + 1 "
                 "WHERE tenant_id = ? AND id = ? AND version = ?",
                 {u.code, u.name, u.type, opt_param(u.parent_id), opt_param(u.region_id), u.principal, u.phone,
                  u.handles, static_cast<std::int64_t>(u.disabled), tenant, u.id, u.version})
             .affected > 0;
}

bool delete_unit(Conn& c, std::int64_t tenant, std::int64_t id) {
  return c.query("DELETE FROM units WHERE tenant_id = ? AND id = ?", {tenant, id}).affected > 0;
}

std::optional<std::string> region_in_use(Conn& c, std::int64_t tenant, std::int64_t id) {
  const Params p{tenant, id};
  if (detail::any_row(c, "SELECT 1 FROM regions WHERE tenant_id = ? AND parent_id = ?", p)) return "该区划下还有下级区划";
  if (detail::any_row(c, "SELECT 1 FROM units WHERE tenant_id = ? AND region_id = ?", p)) return "有单位属于该区划";
  if (detail::any_row(c, "SELECT 1 FROM grids WHERE tenant_id = ? AND region_id = ?", p)) return "有网格属于该区划";
  return std::nullopt;
}

std::optional<std::string> unit_in_use(Conn& c, std::int64_t tenant, std::int64_t id) {
  const Params p{tenant, id};
  if (detail::any_row(c, "SELECT 1 FROM units WHERE tenant_id = ? AND parent_id = ?", p)) return "该单位还有下级单位";
  if (detail::any_row(c, "SELECT 1 FROM users WHERE tenant_id = ? AND unit_id = ?", p)) return "有账号属于该单位";
  if (detail::any_row(c, "SELECT 1 FROM grids WHERE tenant_id = ? AND community_unit_id = ?", p))
    return "有网格属于该社区/村";
  if (detail::any_row(c, "SELECT 1 FROM zone_units WHERE tenant_id = ? AND unit_id = ?", p)) return "该单位是责任区的责任单位";
  if (detail::any_row(c, "SELECT 1 FROM assignments WHERE tenant_id = ? AND (unit_id = ? OR target_unit_id = ?)",
                      {tenant, id, id}))
    return "有包保关系涉及该单位";
  if (detail::any_row(c, "SELECT 1 FROM problems WHERE tenant_id = ? AND (unit_id = ? OR suggested_unit_id = ?)",
                      {tenant, id, id}))
    return "有问题记录涉及该单位";
  return std::nullopt;
}

std::vector<std::pair<std::int64_t, std::string>> names_of(Conn& c, std::int64_t tenant, const std::string& table,
                                                           const std::vector<std::int64_t>& ids) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  if (ids.empty()) return out;
  const std::string col = table == "users" ? "display_name" : "name";
  std::string sql = "SELECT id, " + col + " FROM " + table + " WHERE tenant_id = ? AND id IN (";
  Params p{tenant};
  for (size_t i = 0; i < ids.size(); ++i) {
    sql += i ? ", ?" : "?";
    p.push_back(ids[i]);
  }
  for (const auto& r : c.query(sql + ")", p).rows) out.emplace_back(r.i64(0), r.str(1));
  return out;
}

bool exists_in(Conn& c, std::int64_t tenant, const std::string& table, std::int64_t id) {
  return c.first("SELECT 1 FROM " + table + " WHERE tenant_id = ? AND id = ?", {tenant, id}).has_value();
}

}  // namespace envgrid::store
