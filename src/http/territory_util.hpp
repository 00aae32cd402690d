#pragma once
// Shared by the territory handlers and the importer: code lists with Chinese labels,
// list paging, version and reference checks, and the field readers PATCH needs (absent =
// keep, null = clear).
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "http/app.hpp"
#include "store/territory.hpp"

namespace envgrid::http::territory {

using Labels = std::vector<std::pair<std::string, std::string>>;  // id → Chinese label
const Labels& region_levels();
const Labels& unit_types();
const Labels& zone_kinds();
const Labels& assignment_kinds();
std::vector<std::string> ids_of(const Labels& l);
// The label of an id ("" when unknown).
std::string label_of(const Labels& l, const std::string& id);
// The id for an id or a Chinese label (imports accept either), or nullopt.
std::optional<std::string> id_from(const Labels& l, const std::string& text);

// Default duty lists of the frontage schemes (门前三包, 门前五包).
std::vector<std::string> default_duties(const std::string& scheme);

// True when s is exactly n ASCII digits.
bool digits(const std::string& s, size_t n);
// A code of letters, digits, '-', '_' and '.', 1–64 characters.
bool plain_code(const std::string& s);
// Splits "环卫,市容、绿化；…" on , 、 ; ； | and trims blanks; empty items dropped.
std::vector<std::string> split_list(const std::string& s);
std::string join_list(const std::vector<std::string>& items);

// `limit` (1–5000, default 500) and `cursor` (last id of the previous page) from the query.
store::ListQuery page_query(const Request& req);
// {"items": items, "next_cursor": last id when the page was full, else null}.
Response page_response(boost::json::array items, std::int64_t last_id, const store::ListQuery& q);
// An optional id filter from the query string added to q.eq as column = value.
void filter_id(const Request& req, store::ListQuery& q, const std::string& param, const std::string& column);
// An optional text filter restricted to allowed values (400 otherwise).
void filter_text(const Request& req, store::ListQuery& q, const std::string& param, const std::string& column,
                 const std::vector<std::string>& allowed);

// PATCH helpers over the raw body: absent leaves target untouched, null clears it.
void read_ref(core::JsonReader& r, const boost::json::object& body, const char* key, std::optional<std::int64_t>& target);
void read_opt_str(core::JsonReader& r, const boost::json::object& body, const char* key, size_t max_len,
                  std::optional<std::string>& target);
// Reads `version` (required for PATCH) and fails the reader when it is missing.
std::optional<std::int64_t> read_version(core::JsonReader& r);

// A referenced row of the tenant must exist; otherwise a field error "<what>不存在".
void check_ref(store::Conn& c, std::int64_t tenant, core::JsonReader& r, const std::string& table,
               const std::optional<std::int64_t>& id, const std::string& field, const std::string& what);

// 409 errors with Chinese titles.
[[noreturn]] void throw_stale(const std::string& what);
[[noreturn]] void throw_duplicate(const std::string& what, const std::string& field, const std::string& code);
[[noreturn]] void throw_in_use(const std::string& what, const std::string& reason);

// JSON text → value (REQUIRES: valid JSON, as stored by envgrid).
boost::json::value parse_stored(const std::string& text);
// {"id": id, "name": name} or null when id is absent.
boost::json::value ref_json(const std::optional<std::int64_t>& id, const std::optional<std::string>& name);

}  // namespace envgrid::http::territory
