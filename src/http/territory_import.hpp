#pragma once
// Bulk import of grids, zones (GeoJSON FeatureCollection) and units (UTF-8 CSV with a
// header row, or GeoJSON): everything is validated first and every bad feature reported
// by index; only a clean file is written, in one transaction, upserting by code. Used by
// `envgrid import` and POST /api/v1/import/{kind}.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace envgrid::http::import {

struct Issue {
  std::optional<std::size_t> index;  // feature / data row (0-based); nullopt: the whole file
  std::string code;                  // the item's code when known
  std::string field;                 // e.g. "properties.code", "geometry.coordinates[0]"
  std::string reason;                // Chinese
};

struct Item {
  std::size_t index = 0;
  std::string code, name;
  bool update = false;  // an existing row with this code is updated
};

struct Result {
  std::string kind;
  bool dry_run = false;
  std::vector<Issue> errors;  // empty: the file is clean (and was written unless dry_run)
  std::vector<Item> items;
  bool ok() const { return errors.empty(); }
};

inline const std::vector<std::string> kKinds = {"grids", "zones", "units"};

// Validates `body` as a file of `kind` for the tenant and, when clean and not dry_run,
// writes it atomically. REQUIRES: kind is one of kKinds.
Result run(store::Database& db, std::int64_t tenant, const std::string& kind, std::string_view body, bool dry_run);

// {"ok": …, "dry_run", "kind", "created", "updated", "items": […]} for a clean file.
boost::json::object result_json(const Result& r);
// [{"index", "code", "field", "reason"}] for a rejected file.
boost::json::array errors_json(const Result& r);

}  // namespace envgrid::http::import
