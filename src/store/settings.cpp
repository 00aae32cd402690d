#include "store/settings.hpp"

namespace envgrid::store {

std::optional<std::string> get_setting(Conn& c, std::int64_t tenant, const std::string& key) {
  auto r = c.first("SELECT value FROM settings WHERE tenant_id = ? AND key = ?", {tenant, key});
  if (!r) return std::nullopt;
  return r->str(0);
}

void put_setting(Conn& c, std::int64_t tenant, const std::string& key, const std::string& value, std::int64_t now) {
  c.query(
      "INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      {tenant, key, value, now});
}

}  // namespace envgrid::store
