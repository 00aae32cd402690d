#pragma once
// Per-tenant settings documents (categories, calendars, schemes, demo logins …).
#include <cstdint>
#include <optional>
#include <string>

#include "store/db.hpp"

namespace envgrid::store {

// The tenant's setting, or nullopt; put_setting inserts or replaces.
std::optional<std::string> get_setting(Conn& c, std::int64_t tenant, const std::string& key);
void put_setting(Conn& c, std::int64_t tenant, const std::string& key, const std::string& value, std::int64_t now);

}  // namespace envgrid::store
