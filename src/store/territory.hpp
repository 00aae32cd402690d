#pragma once
// Territory rows: regions, units, grids (+ grid workers), zones (+ responsible units),
// assignments (包保) and merchants. Every function takes the tenant and never touches
// another tenant's rows. Updates are version-checked (optimistic concurrency); geometry
// and attrs are stored as JSON text that the caller has already validated.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/db.hpp"
#include "store/settings.hpp"

namespace envgrid::store {

struct RegionRow {
  std::int64_t id = 0;
  std::string code, name, level;  // level: county|street|community|village
  std::optional<std::int64_t> parent_id;
};

struct UnitRow {
  std::int64_t id = 0;
  std::string code, name, type;
  std::optional<std::int64_t> parent_id, region_id;
  std::string principal, phone, handles;  // handles: comma-separated kinds of work ("环卫,市容")
  bool disabled = false;
  std::int64_t version = 1;
};

struct GridRow {
  std::int64_t id = 0;
  std::string code, name;
  std::optional<std::int64_t> community_unit_id, region_id, leader_user_id;
  std::string geometry;  // GeoJSON Polygon/MultiPolygon text
  std::int64_t version = 1;
  std::vector<std::int64_t> worker_ids;  // grid_workers, ascending
};

struct ZoneUnitRow {
  std::int64_t unit_id = 0;
  std::string person, duty;
  std::string unit_name;  // filled when read
};

struct ZoneRow {
  std::int64_t id = 0;
  std::string code, name, kind;
  std::string geometry;  // GeoJSON as given (a line stays a line; buffer_m makes it an area)
  double buffer_m = 0;
  std::string attrs = "{}";
  std::int64_t version = 1;
  std::vector<ZoneUnitRow> units;
};

struct AssignmentRow {
  std::int64_t id = 0;
  std::string kind, cadre_name;
  std::optional<std::int64_t> cadre_user_id, unit_id, target_unit_id, target_zone_id;
  std::string target_name, duty, start_date;
  std::optional<std::string> end_date;
  std::int64_t version = 1;
};

struct MerchantRow {
  std::int64_t id = 0;
  std::string name, address;
  std::optional<std::int64_t> zone_id;
  std::optional<double> lng, lat;
  std::string duty_set = "[]";  // JSON array of duty strings
  std::optional<std::string> pledge_signed_at, pledge_attachment_sha;
  std::string licence_status = "complete", trade;
  int stars = 0;
  std::string contact, phone;
  std::int64_t version = 1;
};

// A list request: equality filters on whitelisted columns (names come from code, never
// from a client), then keyset paging by id.
struct ListQuery {
  std::vector<std::pair<std::string, Param>> eq;
  std::optional<std::int64_t> after_id;
  int limit = 1000;
};

std::vector<RegionRow> list_regions(Conn& c, std::int64_t tenant, const ListQuery& q);
std::optional<RegionRow> get_region(Conn& c, std::int64_t tenant, std::int64_t id);
std::optional<RegionRow> find_region(Conn& c, std::int64_t tenant, const std::string& code);
std::int64_t insert_region(Conn& c, std::int64_t tenant, const RegionRow& r);
void update_region(Conn& c, std::int64_t tenant, const RegionRow& r);  // regions carry no version
bool delete_region(Conn& c, std::int64_t tenant, std::int64_t id);

std::vector<UnitRow> list_units(Conn& c, std::int64_t tenant, const ListQuery& q);
std::optional<UnitRow> get_unit(Conn& c, std::int64_t tenant, std::int64_t id);
std::optional<UnitRow> find_unit(Conn& c, std::int64_t tenant, const std::string& code);
std::int64_t insert_unit(Conn& c, std::int64_t tenant, const UnitRow& u);
// Writes every column where id and u.version match and bumps the version; false if stale.
bool update_unit(Conn& c, std::int64_t tenant, const UnitRow& u);
bool delete_unit(Conn& c, std::int64_t tenant, std::int64_t id);

std::vector<GridRow> list_grids(Conn& c, std::int64_t tenant, const ListQuery& q);
std::optional<GridRow> get_grid(Conn& c, std::int64_t tenant, std::int64_t id);
std::optional<GridRow> find_grid(Conn& c, std::int64_t tenant, const std::string& code);
std::int64_t insert_grid(Conn& c, std::int64_t tenant, const GridRow& g);  // and its workers
bool update_grid(Conn& c, std::int64_t tenant, const GridRow& g);         // version-checked, workers too
bool delete_grid(Conn& c, std::int64_t tenant, std::int64_t id);          // drops worker bindings
void replace_grid_workers(Conn& c, std::int64_t tenant, std::int64_t grid_id, const std::vector<std::int64_t>& users);

std::vector<ZoneRow> list_zones(Conn& c, std::int64_t tenant, const ListQuery& q);
std::optional<ZoneRow> get_zone(Conn& c, std::int64_t tenant, std::int64_t id);
std::optional<ZoneRow> find_zone(Conn& c, std::int64_t tenant, const std::string& code);
std::int64_t insert_zone(Conn& c, std::int64_t tenant, const ZoneRow& z);  // and its units
bool update_zone(Conn& c, std::int64_t tenant, const ZoneRow& z);         // version-checked, units too
bool delete_zone(Conn& c, std::int64_t tenant, std::int64_t id);          // drops its unit rows
void replace_zone_units(Conn& c, std::int64_t tenant, std::int64_t zone_id, const std::vector<ZoneUnitRow>& units);

std::vector<AssignmentRow> list_assignments(Conn& c, std::int64_t tenant, const ListQuery& q);
std::optional<AssignmentRow> get_assignment(Conn& c, std::int64_t tenant, std::int64_t id);
std::int64_t insert_assignment(Conn& c, std::int64_t tenant, const AssignmentRow& a);
bool update_assignment(Conn& c, std::int64_t tenant, const AssignmentRow& a);
bool delete_assignment(Conn& c, std::int64_t tenant, std::int64_t id);

std::vector<MerchantRow> list_merchants(Conn& c, std::int64_t tenant, const ListQuery& q);
std::optional<MerchantRow> get_merchant(Conn& c, std::int64_t tenant, std::int64_t id);
std::int64_t insert_merchant(Conn& c, std::int64_t tenant, const MerchantRow& m);
bool update_merchant(Conn& c, std::int64_t tenant, const MerchantRow& m);
bool delete_merchant(Conn& c, std::int64_t tenant, std::int64_t id);

// Why a row cannot be deleted (Chinese, for the 409), or nullopt when nothing refers to it.
// Rows of tables added later are still protected by their foreign keys.
std::optional<std::string> region_in_use(Conn& c, std::int64_t tenant, std::int64_t id);
std::optional<std::string> unit_in_use(Conn& c, std::int64_t tenant, std::int64_t id);
std::optional<std::string> grid_in_use(Conn& c, std::int64_t tenant, std::int64_t id);
std::optional<std::string> zone_in_use(Conn& c, std::int64_t tenant, std::int64_t id);

// Id → name of the tenant's rows in `table` (units, users.display_name, zones, regions) for
// rendering references; unknown ids are absent.
std::vector<std::pair<std::int64_t, std::string>> names_of(Conn& c, std::int64_t tenant, const std::string& table,
                                                           const std::vector<std::int64_t>& ids);
// True when the tenant owns a row with this id in `table`.
bool exists_in(Conn& c, std::int64_t tenant, const std::string& table, std::int64_t id);


}  // namespace envgrid::store
