// SQLite backend: prepared statements cached per connection, WAL, foreign keys on.
#include <sqlite3.h>

#include <string>
#include <unordered_map>

#include "store/db.hpp"

namespace envgrid::store {
namespace {

DbError::Kind kind_of(int rc, int ext) {
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return DbError::Kind::busy;
  if (rc == SQLITE_CONSTRAINT) {
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) return DbError::Kind::unique;
    if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) return DbError::Kind::foreign_key;
    if (ext == SQLITE_CONSTRAINT_CHECK) return DbError::Kind::check;
  }
  return DbError::Kind::other;
}

class SqliteConn final : public Conn {
 public:
  SqliteConn(const std::string& path, bool writer) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DbError(DbError::Kind::connection, "cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    sqlite3_extended_result_codes(db_, 1);
    exec_script("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;");
    if (writer) {
      exec_script("PRAGMA journal_mode=WAL;");
      // Checkpoints run on their own connection, off the commit path.
      exec_script("PRAGMA wal_autocheckpoint=0;");
    }
  }
  ~SqliteConn() override {
    for (auto& [_, st] : cache_) sqlite3_finalize(st);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      throw DbError(kind_of(rc & 0xff, sqlite3_extended_errcode(db_)), msg);
    }
  }

  QueryResult query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    const int n = sqlite3_bind_parameter_count(st);
    if (n != static_cast<int>(params.size()))
      throw DbError(DbError::Kind::other, "parameter count mismatch for: " + std::string(sql));
    for (int i = 0; i < n; ++i) {
      const Param& p = params[static_cast<size_t>(i)];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(p)) rc = sqlite3_bind_null(st, i + 1);
      else if (auto v = std::get_if<std::int64_t>(&p)) rc = sqlite3_bind_int64(st, i + 1, *v);
      else if (auto d = std::get_if<double>(&p)) rc = sqlite3_bind_double(st, i + 1, *d);
      else {
        const auto& s = std::get<std::string>(p);
        rc = sqlite3_bind_text64(st, i + 1, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) throw DbError(DbError::Kind::other, sqlite3_errmsg(db_));
    }
    QueryResult out;
    const int cols = sqlite3_column_count(st);
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_ROW) {
        std::vector<std::optional<std::string>> cells(static_cast<size_t>(cols));
        for (int c = 0; c < cols; ++c) {
          if (sqlite3_column_type(st, c) == SQLITE_NULL) continue;
          const auto* txt = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
          cells[static_cast<size_t>(c)] = std::string(txt, static_cast<size_t>(sqlite3_column_bytes(st, c)));
        }
        out.rows.emplace_back(std::move(cells));
      } else if (rc == SQLITE_DONE) {
        break;
      } else {
        std::string msg = sqlite3_errmsg(db_);
        int ext = sqlite3_extended_errcode(db_);
        sqlite3_reset(st);
        throw DbError(kind_of(rc & 0xff, ext), msg);
      }
    }
    out.affected = sqlite3_changes64(db_);
    sqlite3_reset(st);
    return out;
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) throw DbError(DbError::Kind::other, std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql));
    if (cache_.size() > 512) {  // ad-hoc SQL (dynamic filters) must not grow the cache forever
      for (auto& [_, s] : cache_) sqlite3_finalize(s);
      cache_.clear();
    }
    cache_.emplace(std::string(sql), st);
    return st;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

std::unique_ptr<Conn> open_sqlite(const std::string& path, bool writer) {
  return std::make_unique<SqliteConn>(path, writer);
}

}  // namespace envgrid::store
