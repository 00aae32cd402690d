#pragma once
// Reading a zone from JSON, shared by the zone handlers and the importer: geometry with
// buffer (validated by geo::parse_area), attrs checked by kind, responsible units.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/json.hpp"
#include "store/territory.hpp"

namespace envgrid::http {

// Reads code, name, kind, geometry, buffer_m, attrs and units (by unit_id) into z; absent
// fields keep z's values unless `create` makes them required. Geometry and attrs are
// re-validated whenever kind or buffer_m changes. Errors go to r.
void read_zone(core::JsonReader& r, store::ZoneRow& z, bool create);

// The geometry text to store (a Polygon normalized, a line or point as given) or nullopt
// with errors under `field` in r.
std::optional<std::string> zone_geometry(core::JsonReader& r, const boost::json::value& geometry, double buffer_m,
                                         const std::string& field = "geometry");

// attrs checked for the kind (frontage: duty_scheme and duties, defaulted; old_compound:
// property_status; …) and serialized, or nullopt with errors under `field`.
std::optional<std::string> zone_attrs(core::JsonReader& r, const std::string& kind, const boost::json::object& attrs,
                                      const std::string& field = "attrs");

inline const std::vector<std::string> kPropertyStatus = {"professional", "self_managed", "community_managed", "none"};

}  // namespace envgrid::http
