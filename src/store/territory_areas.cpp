// Grids with their workers, zones with their responsible units.
#include <map>

#include "store/territory.hpp"
#include "store/territory_sql.hpp"

namespace envgrid::store {

namespace {

constexpr const char* kGrid =
    "SELECT id, code, name, community_unit_id, region_id, leader_user_id, geometry, version FROM grids";
constexpr const char* kZone = "SELECT id, code, name, kind, geometry, buffer_m, attrs, version FROM zones";

GridRow read_grid(const Row& r) {
  GridRow g;
  g.id = r.i64(0);
  g.code = r.str(1);
  g.name = r.str(2);
  g.community_unit_id = r.opt_i64(3);
  g.region_id = r.opt_i64(4);
  g.leader_user_id = r.opt_i64(5);
  g.geometry = r.str(6);
  g.version = r.i64(7);
  return g;
}

ZoneRow read_zone(const Row& r) {
  ZoneRow z;
  z.id = r.i64(0);
  z.code = r.str(1);
  z.name = r.str(2);
  z.kind = r.str(3);
  z.geometry = r.str(4);
  z.buffer_m = r.f64(5);
  z.attrs = r.str(6);
  z.version = r.i64(7);
  return z;
}

// Children of the rows with ids in [lo, hi], in one query for a whole page.
void fill_workers(Conn& c, std::int64_t tenant, std::vector<GridRow>& grids) {
  if (grids.empty()) return;
  std::map<std::int64_t, GridRow*> by_id;
  for (auto& g : grids) by_id[g.id] = &g;
  auto rows = c.query("SELECT grid_id, user_id FROM grid_workers WHERE tenant_id = ? AND grid_id BETWEEN ? AND ? "
                      "ORDER BY grid_id, user_id",
                      {tenant, by_id.begin()->first, by_id.rbegin()->first});
  for (const auto& r : rows.rows)
    if (auto it = by_id.find(r.i64(0)); it != by_id.end()) it->second->worker_ids.push_back(r.i64(1));
}

void fill_units(Conn& c, std::int64_t tenant, std::vector<ZoneRow>& zones) {
  if (zones.empty()) return;
  std::map<std::int64_t, ZoneRow*> by_id;
  for (auto& z : zones) by_id[z.id] = &z;
  auto rows = c.query(
      "SELECT zu.zone_id, zu.unit_id, zu.person, zu.duty, u.name FROM zone_units zu JOIN units u ON u.id = zu.unit_id "
      "WHERE zu.tenant_id = ? AND zu.zone_id BETWEEN ? AND ? ORDER BY zu.zone_id, zu.unit_id, zu.duty",
      {tenant, by_id.begin()->first, by_id.rbegin()->first});
  for (const auto& r : rows.rows)
    if (auto it = by_id.find(r.i64(0)); it != by_id.end())
      it->second->units.push_back({r.i64(1), r.str(2), r.str(3), r.str(4)});
}

}  // namespace

std::vector<GridRow> list_grids(Conn& c, std::int64_t tenant, const ListQuery& q) {
  std::vector<GridRow> out;
  for (const auto& r : detail::list_query(c, kGrid, tenant, q).rows) out.push_back(read_grid(r));
  fill_workers(c, tenant, out);
  return out;
}

static std::optional<GridRow> one_grid(Conn& c, std::int64_t tenant, const char* col, const Param& v) {
  auto r = c.first(std::string(kGrid) + " WHERE tenant_id = ? AND " + col + " = ?", {tenant, v});
  if (!r) return std::nullopt;
  std::vector<GridRow> one{read_grid(*r)};
  fill_workers(c, tenant, one);
  return std::move(one.front());
}

std::optional<GridRow> get_grid(Conn& c, std::int64_t tenant, std::int64_t id) { return one_grid(c, tenant, "id", id); }
std::optional<GridRow> find_grid(Conn& c, std::int64_t tenant, const std::string& code) {
  return one_grid(c, tenant, "code", code);
}

std::int64_t insert_grid(Conn& c, std::int64_t tenant, const GridRow& g) {
  auto id = c.insert(
      "INSERT INTO grids (tenant_id, code, name, community_unit_id, region_id, leader_user_id, geometry) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {tenant, g.code, g.name, opt_param(g.community_unit_id), opt_param(g.region_id), opt_param(g.leader_user_id),
       g.geometry});
  replace_grid_workers(c, tenant, id, g.worker_ids);
  return id;
}

bool update_grid(Conn& c, std::int64_t tenant, const GridRow& g) {
  bool ok = c.query("UPDATE grids SET code = ?, name = ?, community_unit_id = ?, region_id = ?, leader_user_id = ?, "
                    "geometry = ?, version = version + 1 WHERE tenant_id = ? AND id = ? AND version = ?",
                    {g.code, g.name, opt_param(g.community_unit_id), opt_param(g.region_id),
                     opt_param(g.leader_user_id), g.geometry, tenant, g.id, g.version})
                .affected > 0;
  if (ok) replace_grid_workers(c, tenant, g.id, g.worker_ids);
  return ok;
}

bool delete_grid(Conn& c, std::int64_t tenant, std::int64_t id) {
  c.query("DELETE FROM grid_workers WHERE tenant_id = ? AND grid_id = ?", {tenant, id});
  return c.query("DELETE FROM grids WHERE tenant_id = ? AND id = ?", {tenant, id}).affected > 0;
}

void replace_grid_workers(Conn& c, std::int64_t tenant, std::int64_t grid_id, const std::vector<std::int64_t>& users) {
  c.query("DELETE FROM grid_workers WHERE tenant_id = ? AND grid_id = ?", {tenant, grid_id});
  for (auto u : users)
    c.query("INSERT INTO grid_workers (tenant_id, grid_id, user_id) VALUES (?, ?, ?)", {tenant, grid_id, u});
}

std::optional<std::string> grid_in_use(Conn& c, std::int64_t tenant, std::int64_t id) {
  if (detail::any_row(c, "SELECT 1 FROM problems WHERE tenant_id = ? AND grid_id = ?", {tenant, id}))
    return "该网格已有问题记录";
  return std::nullopt;
}

std::vector<ZoneRow> list_zones(Conn& c, std::int64_t tenant, const ListQuery& q) {
  std::vector<ZoneRow> out;
  for (const auto& r : detail::list_query(c, kZone, tenant, q).rows) out.push_back(read_zone(r));
  fill_units(c, tenant, out);
  return out;
}

static std::optional<ZoneRow> one_zone(Conn& c, std::int64_t tenant, const char* col, const Param& v) {
  auto r = c.first(std::string(kZone) + " WHERE tenant_id = ? AND " + col + " = ?", {tenant, v});
  if (!r) return std::nullopt;
  std::vector<ZoneRow> one{read_zone(*r)};
  fill_units(c, tenant, one);
  return std::move(one.front());
}

std::optional<ZoneRow> get_zone(Conn& c, std::int64_t tenant, std::int64_t id) { return one_zone(c, tenant, "id", id); }
std::optional<ZoneRow> find_zone(Conn& c, std::int64_t tenant, const std::string& code) {
  return one_zone(c, tenant, "code", code);
}

std::int64_t insert_zone(Conn& c, std::int64_t tenant, const ZoneRow& z) {
  auto id = c.insert(
      "INSERT INTO zones (tenant_id, code, name, kind, geometry, buffer_m, attrs) VALUES (?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {tenant, z.code, z.name, z.kind, z.geometry, z.buffer_m, z.attrs});
  replace_zone_units(c, tenant, id, z.units);
  return id;
}

bool update_zone(Conn& c, std::int64_t tenant, const ZoneRow& z) {
  bool ok = c.query("UPDATE zones SET code = ?, name = ?, kind = ?, geometry = ?, buffer_m = ?, attrs = ?, "
                    "version = version + 1 WHERE tenant_id = ? AND id = ? AND version = ?",
                    {z.code, z.name, z.kind, z.geometry, z.buffer_m, z.attrs, tenant, z.id, z.version})
                .affected > 0;
  if (ok) replace_zone_units(c, tenant, z.id, z.units);
  return ok;
}

bool delete_zone(Conn& c, std::int64_t tenant, std::int64_t id) {
  c.query("DELETE FROM zone_units WHERE tenant_id = ? AND zone_id = ?", {tenant, id});
  return c.query("DELETE FROM zones WHERE tenant_id = ? AND id = ?", {tenant, id}).affected > 0;
}

void replace_zone_units(Conn& c, std::int64_t tenant, std::int64_t zone_id, const std::vector<ZoneUnitRow>& units) {
  c.query("DELETE FROM zone_units WHERE tenant_id = ? AND zone_id = ?", {tenant, zone_id});
  for (const auto& u : units)
    c.query("INSERT INTO zone_units (tenant_id, zone_id, unit_id, person, duty) VALUES (?, ?, ?, ?, ?)",
            {tenant, zone_id, u.unit_id, u.person, u.duty});
}

std::optional<std::string> zone_in_use(Conn& c, std::int64_t tenant, std::int64_t id) {
  if (detail::any_row(c, "SELECT 1 FROM merchants WHERE tenant_id = ? AND zone_id = ?", {tenant, id}))
    return "该责任区内登记有商户";
  if (detail::any_row(c, "SELECT 1 FROM assignments WHERE tenant_id = ? AND target_zone_id = ?", {tenant, id}))
    return "有包保关系指向该责任区";
  // problems.zone_ids is a comma-separated list; match the id as a whole item.
  if (detail::any_row(c, "SELECT 1 FROM problems WHERE tenant_id = ? AND (',' || zone_ids || ',') LIKE ?",
                      {tenant, "%," + std::to_string(id) + ",%"}))
    return "该责任区已有问题记录";
  return std::nullopt;
}

}  // namespace envgrid::store
