#pragma once
// The database seam: one small interface over SQLite and PostgreSQL. SQL is written once
// with `?` placeholders; the PostgreSQL backend rewrites them to $n. Results arrive as
// text cells with typed accessors, the same on both backends, so no logic above this
// header knows which database it talks to beyond choosing dialect-specific SQL text.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace envgrid::store {

enum class Dialect { sqlite, postgresql };
const char* dialect_name(Dialect d);

using Param = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<Param>;
template <class T>
Param opt_param(const std::optional<T>& v) {
  if (!v) return nullptr;
  if constexpr (std::is_same_v<T, bool>) return static_cast<std::int64_t>(*v);
  else if constexpr (std::is_integral_v<T>) return static_cast<std::int64_t>(*v);
  else return Param(*v);
}

// A database failure. `constraint` is set for unique/foreign-key/check violations so
// callers can turn them into 409s; the message never reaches a client.
class DbError : public std::runtime_error {
 public:
  enum class Kind { other, unique, foreign_key, check, busy, connection };
  DbError(Kind k, const std::string& msg) : std::runtime_error(msg), kind_(k) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  size_t size() const { return cells_.size(); }
  bool null(size_t i) const { return !cells_.at(i).has_value(); }
  std::int64_t i64(size_t i) const;  // REQUIRES: not null and an integer
  double f64(size_t i) const;
  bool boolean(size_t i) const;      // 1/0, t/f, true/false
  const std::string& str(size_t i) const;
  std::optional<std::int64_t> opt_i64(size_t i) const { return null(i) ? std::nullopt : std::optional(i64(i)); }
  std::optional<double> opt_f64(size_t i) const { return null(i) ? std::nullopt : std::optional(f64(i)); }
  std::optional<std::string> opt_str(size_t i) const { return cells_.at(i); }

 private:
  std::vector<std::optional<std::string>> cells_;
};

struct QueryResult {
  std::vector<Row> rows;
  std::int64_t affected = 0;
  bool empty() const { return rows.empty(); }
  const Row& one() const;  // REQUIRES: exactly one row, else throws DbError
};

// One connection. Not thread-safe; the Database hands each to one thread at a time.
class Conn {
 public:
  virtual ~Conn() = default;
  virtual Dialect dialect() const = 0;
  // Runs a script of statements without parameters (migrations, pragmas).
  virtual void exec_script(std::string_view sql) = 0;
  // Runs one statement with `?` parameters.
  virtual QueryResult query(std::string_view sql, const Params& params = {}) = 0;
  // Runs an INSERT … RETURNING id and returns the id.
  std::int64_t insert(std::string_view sql, const Params& params = {});
  std::optional<Row> first(std::string_view sql, const Params& params = {});
  std::int64_t scalar_i64(std::string_view sql, const Params& params = {});
};

// "(?, ?, …)" with n placeholders, for IN lists. REQUIRES: n > 0.
std::string in_list(size_t n);

std::unique_ptr<Conn> open_sqlite(const std::string& path, bool writer);
std::unique_ptr<Conn> open_postgresql(const std::string& conninfo);

}  // namespace envgrid::store
