#pragma once
// Internal to the importer: one record per feature or CSV row, the checked plan that the
// writer applies, and the per-kind checkers.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/territory_import.hpp"
#include "store/territory.hpp"

namespace envgrid::http::import {

struct Record {
  std::size_t index = 0;
  boost::json::object props;
  boost::json::value geometry;  // null for CSV rows
  std::string where = "properties.";  // field prefix in messages ("" for CSV columns)
};

struct GridPlan {
  std::size_t index = 0;
  std::string code, name, geometry;
  bool community_given = false, region_given = false;
  std::optional<std::int64_t> community_id, region_id;
};

struct ZonePlan {
  std::size_t index = 0;
  std::string code, name, kind, geometry;
  double buffer_m = 0;
  std::optional<std::string> attrs;   // nullopt: keep (update) or defaults (create)
  std::optional<std::vector<store::ZoneUnitRow>> units;  // nullopt: keep
};

struct UnitPlan {
  std::size_t index = 0;
  std::string code, name, type;
  std::optional<std::string> parent_code;  // resolved after every row is written
  std::optional<std::optional<std::int64_t>> region_id;  // outer: given; inner: null clears
  std::optional<std::string> principal, phone, handles;
};

struct Plan {
  std::vector<GridPlan> grids;
  std::vector<ZonePlan> zones;
  std::vector<UnitPlan> units;
};

// Each checker adds one Issue per problem found and one Item per record it accepts.
void check_grids(store::Conn& c, std::int64_t tenant, const std::vector<Record>& recs, Plan& plan, Result& out);
void check_zones(store::Conn& c, std::int64_t tenant, const std::vector<Record>& recs, Plan& plan, Result& out);
void check_units(store::Conn& c, std::int64_t tenant, const std::vector<Record>& recs, Plan& plan, Result& out);

// Upserts every planned row by code. REQUIRES: the plan was checked clean.
void write_plan(store::Conn& c, std::int64_t tenant, const Plan& plan);

}  // namespace envgrid::http::import
