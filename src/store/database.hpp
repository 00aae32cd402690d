#pragma once
// The database as the server sees it: a pool of reading connections and one writer that
// batches concurrent write jobs into shared transactions (group commit). write() returns
// only after the transaction holding the job is durably committed; a job that throws is
// rolled back to its own savepoint and rethrows to its caller, leaving the batch intact.
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "store/db.hpp"

namespace envgrid::store {

struct DatabaseOptions {
  std::string url = "sqlite:var/envgrid.db";  // sqlite:PATH or postgresql://…
  int read_connections = 8;
  int max_batch = 256;  // write jobs per transaction at most
};

class Database {
 public:
  // Opens (and for SQLite creates) the database. Throws DbError on failure.
  explicit Database(DatabaseOptions opts);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  const std::string& url() const { return opts_.url; }

  // Runs f(Conn&) on a pooled reading connection; blocks for a free one.
  template <class F>
  auto read(F&& f) -> std::invoke_result_t<F, Conn&> {
    Lease l(*this);
    return f(*l.conn);
  }

  // Runs f(Conn&) in the writer's current batch; returns its result after commit.
  template <class F>
  auto write(F&& f) -> std::invoke_result_t<F, Conn&> {
    using R = std::invoke_result_t<F, Conn&>;
    auto promise = std::make_shared<std::promise<R>>();
    auto fut = promise->get_future();
    auto result = std::make_shared<std::optional<std::conditional_t<std::is_void_v<R>, int, R>>>();
    enqueue(Job{
        [f = std::forward<F>(f), result](Conn& c) mutable {
          if constexpr (std::is_void_v<R>) {
            f(c);
            result->emplace(0);
          } else {
            result->emplace(f(c));
          }
        },
        [promise, result](std::exception_ptr e) {
          if (e) promise->set_exception(e);
          else if constexpr (std::is_void_v<R>) promise->set_value();
          else promise->set_value(std::move(**result));
        }});
    return fut.get();
  }

  // Runs f(Conn&) on a connection of its own outside the batching (migrations, tools).
  void exclusive(const std::function<void(Conn&)>& f);

  // Stops accepting writes, finishes queued ones, closes connections.
  void close();

 private:
  struct Job {
    std::function<void(Conn&)> run;
    std::function<void(std::exception_ptr)> done;
  };
  struct Lease {
    explicit Lease(Database& d);
    ~Lease();
    Database& db;
    std::unique_ptr<Conn> conn;
  };
  std::unique_ptr<Conn> connect(bool writer) const;
  void enqueue(Job j);
  void writer_loop();
  void checkpoint_loop();

  DatabaseOptions opts_;
  Dialect dialect_;
  std::string target_;  // file path or conninfo

  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Conn>> pool_;
  int pool_total_ = 0;

  std::mutex q_mu_;
  std::condition_variable q_cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::unique_ptr<Conn> writer_conn_;
  std::thread writer_;
  std::thread checkpointer_;
  std::mutex ckpt_mu_;
  std::condition_variable ckpt_cv_;
  bool closed_ = false;
};

}  // namespace envgrid::store
