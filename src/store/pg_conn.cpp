// PostgreSQL backend over libpq: `?` rewritten to $n, statements prepared once per
// connection, text results.
#include <libpq-fe.h>

#include <cstdio>
#include <string>
#include <unordered_map>

#include "store/db.hpp"

namespace envgrid::store {
namespace {

std::string rewrite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

DbError::Kind kind_of(const PGresult* r) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (!state) return DbError::Kind::other;
  std::string s(state);
  if (s == "23505") return DbError::Kind::unique;
  if (s == "23503") return DbError::Kind::foreign_key;
  if (s == "23514") return DbError::Kind::check;
  if (s == "40001" || s == "40P01" || s == "55P03") return DbError::Kind::busy;
  if (s.rfind("08", 0) == 0) return DbError::Kind::connection;
  return DbError::Kind::other;
}

struct ResultGuard {
  PGresult* r;
  ~ResultGuard() { PQclear(r); }
};

class PgConn final : public Conn {
 public:
  explicit PgConn(const std::string& conninfo) {
    conn_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw DbError(DbError::Kind::connection, "cannot connect to PostgreSQL: " + msg);
    }
    exec_script("SET client_min_messages = warning; SET TIME ZONE 'UTC';");
  }
  ~PgConn() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgresql; }

  void exec_script(std::string_view sql) override {
    std::string s(sql);
    ResultGuard g{PQexec(conn_, s.c_str())};
    auto st = PQresultStatus(g.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      throw DbError(kind_of(g.r), PQerrorMessage(conn_));
  }

  QueryResult query(std::string_view sql, const Params& params) override {
    const std::string& name = prepare(sql, static_cast<int>(params.size()));
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) {
        values[i] = nullptr;
        continue;
      }
      if (auto v = std::get_if<std::int64_t>(&p)) text[i] = std::to_string(*v);
      else if (auto d = std::get_if<double>(&p)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        text[i] = buf;
      } else text[i] = std::get<std::string>(p);
      values[i] = text[i].c_str();
    }
    ResultGuard g{PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(),
                                 nullptr, nullptr, 0)};
    auto st = PQresultStatus(g.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      throw DbError(kind_of(g.r), PQresultErrorMessage(g.r));
    QueryResult out;
    const int rows = PQntuples(g.r), cols = PQnfields(g.r);
    out.rows.reserve(static_cast<size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      std::vector<std::optional<std::string>> cells(static_cast<size_t>(cols));
      for (int c = 0; c < cols; ++c)
        if (!PQgetisnull(g.r, r, c))
          cells[static_cast<size_t>(c)] = std::string(PQgetvalue(g.r, r, c), static_cast<size_t>(PQgetlength(g.r, r, c)));
      out.rows.emplace_back(std::move(cells));
    }
    const char* affected = PQcmdTuples(g.r);
    out.affected = (affected && *affected) ? std::stoll(affected) : 0;
    return out;
  }

 private:
  const std::string& prepare(std::string_view sql, int nparams) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) return it->second;
    if (cache_.size() > 512) {
      exec_script("DEALLOCATE ALL");
      cache_.clear();
    }
    std::string name = "s" + std::to_string(++counter_);
    std::string text = rewrite_placeholders(sql);
    ResultGuard g{PQprepare(conn_, name.c_str(), text.c_str(), nparams, nullptr)};
    if (PQresultStatus(g.r) != PGRES_COMMAND_OK)
      throw DbError(kind_of(g.r), std::string(PQresultErrorMessage(g.r)) + " in: " + text);
    return cache_.emplace(std::string(sql), std::move(name)).first->second;
  }

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> cache_;
  std::uint64_t counter_ = 0;
};

}  // namespace

std::unique_ptr<Conn> open_postgresql(const std::string& conninfo) {
  return std::make_unique<PgConn>(conninfo);
}

}  // namespace envgrid::store
