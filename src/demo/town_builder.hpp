#pragma once
// Internal to the demo: the state shared by the steps that write the town in one
// transaction.
#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "demo/demo.hpp"
#include "demo/town_plan.hpp"
#include "store/db.hpp"

namespace envgrid::demo {

inline constexpr int kCommunities = 4;

struct ZoneDuty {
  std::string unit_code, duty;
};

// A frontage zone and the strip its merchants stand in.
struct Frontage {
  std::int64_t zone_id = 0;
  const Road* road = nullptr;
  double t0 = 0, t1 = 0;
  int side = 1;
  double offset = 0;  // metres from the centreline to the shop fronts
  boost::json::array duties;
};

struct Builder {
  store::Conn& c;
  std::int64_t tenant;
  core::Millis now;
  Rng rng;
  TownPlan plan;
  Summary sum;
  std::map<std::string, std::int64_t> units, users, zones;  // code/username → id
  std::vector<std::string> community_code;                   // unit code per community index
  std::vector<std::string> community_name;
  std::vector<std::vector<std::int64_t>> grids_of;  // grid ids per community
  std::vector<Frontage> frontages;
  std::map<std::string, int> zone_community;  // zone code → community index (back streets, compounds)

  std::string person();  // a plausible Chinese name
  std::string phone();   // 11-digit mobile number
  // Validates the shape (geo::parse_area), stores the zone with its units; returns its id.
  std::int64_t add_zone(const std::string& code, const std::string& name, const std::string& kind,
                        const boost::json::value& geometry, double buffer_m, boost::json::object attrs,
                        const std::vector<ZoneDuty>& duties);
};

boost::json::value polygon_json(const std::vector<Xy>& ring);
boost::json::value line_json(const std::vector<Xy>& pts);
boost::json::value point_json(Xy p);

// The steps, in order (town_build.cpp, town_zones.cpp).
void build_units(Builder& b);
void build_users(Builder& b, const std::vector<std::pair<Login, std::string>>& hashed);
void build_grids(Builder& b);
void build_zones(Builder& b);
void build_merchants(Builder& b);
void build_assignments(Builder& b);

}  // namespace envgrid::demo
