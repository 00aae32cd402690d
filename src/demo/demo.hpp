#pragma once
// The demo town 示范街道 (淄川区): regions, units with principals and `handles`, 60 grids,
// roads with 路长, a river with 河长, frontage zones with 100+ merchants, sites, 老旧小区,
// 背街小巷, a 农贸市场, 校园周边, 包保 assignments, and one login per role. Synthetic but
// shaped like the seeds; deterministic (fixed seed).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "store/database.hpp"

namespace envgrid::demo {

struct Login {
  std::string username, password, role, display_name;
};

struct Summary {
  int regions = 0, units = 0, grids = 0, zones = 0, merchants = 0, assignments = 0;
  std::vector<Login> logins;
};

// Builds the town into `tenant` in one transaction and stores the logins as JSON in the
// setting 'demo_logins'. Returns nullopt, changing nothing, when the tenant already has
// grids. Throws on a database error or an invalid generated shape (a bug).
std::optional<Summary> build_town(store::Database& db, std::int64_t tenant, core::Millis now);

// Chinese name of a role, for the printed table of logins.
std::string role_label(const std::string& role);

}  // namespace envgrid::demo
