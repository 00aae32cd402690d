#pragma once
// Numbered migrations per dialect (migrations/<dialect>/NNNN_name.sql, compiled in), a
// schema_version table, and the default tenant a fresh database needs to be usable.
#include <optional>

#include "store/database.hpp"

namespace envgrid::store {

// Highest migration number available for the database's dialect.
int latest_schema_version(Dialect d);
// Current version (0 for an empty database).
int schema_version(Database& db);
// Applies every pending migration up to `target` (default: latest), each in its own
// transaction. Returns the number applied. Throws DbError with the failing file named.
int migrate(Database& db, std::optional<int> target = std::nullopt);
// Creates the default tenant and its default settings if there is no tenant yet.
// Returns the id of the first tenant.
std::int64_t ensure_default_tenant(Database& db, std::int64_t now_ms);

}  // namespace envgrid::store
