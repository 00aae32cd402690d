#pragma once
// Internal to the territory row files: the shared list query and existence probe.
#include <string>

#include "store/territory.hpp"

namespace envgrid::store::detail {

// `select` (no WHERE) filtered by tenant and q.eq, keyset-paged by id, ordered by id.
QueryResult list_query(Conn& c, const std::string& select, std::int64_t tenant, const ListQuery& q);
// True when the query (without LIMIT) returns a row.
bool any_row(Conn& c, const std::string& sql, const Params& p);

}  // namespace envgrid::store::detail
