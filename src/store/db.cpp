#include "store/db.hpp"

#include <charconv>

namespace envgrid::store {

const char* dialect_name(Dialect d) { return d == Dialect::sqlite ? "sqlite" : "postgresql"; }

std::int64_t Row::i64(size_t i) const {
  const auto& c = cells_.at(i);
  if (!c) throw DbError(DbError::Kind::other, "NULL where an integer was expected");
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(c->data(), c->data() + c->size(), v);
  if (ec != std::errc()) {
    // SQLite may hand back "12.0" for integer-valued REAL columns.
    double d = std::stod(*c);
    return static_cast<std::int64_t>(d);
  }
  (void)p;
  return v;
}

double Row::f64(size_t i) const {
  const auto& c = cells_.at(i);
  if (!c) throw DbError(DbError::Kind::other, "NULL where a number was expected");
  return std::stod(*c);
}

bool Row::boolean(size_t i) const {
  const auto& c = cells_.at(i);
  if (!c) return false;
  return *c == "1" || *c == "t" || *c == "true";
}

const std::string& Row::str(size_t i) const {
  const auto& c = cells_.at(i);
  if (!c) throw DbError(DbError::Kind::other, "NULL where text was expected");
  return *c;
}

const Row& QueryResult::one() const {
  if (rows.size() != 1) throw DbError(DbError::Kind::other, "expected exactly one row");
  return rows.front();
}

std::string in_list(size_t n) {
  std::string s = "(";
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s + ")";
}

std::int64_t Conn::insert(std::string_view sql, const Params& params) {
  return query(sql, params).one().i64(0);
}

std::optional<Row> Conn::first(std::string_view sql, const Params& params) {
  auto r = query(sql, params);
  if (r.rows.empty()) return std::nullopt;
  return std::move(r.rows.front());
}

std::int64_t Conn::scalar_i64(std::string_view sql, const Params& params) {
  auto r = first(sql, params);
  if (!r || r->null(0)) return 0;
  return r->i64(0);
}

}  // namespace envgrid::store
