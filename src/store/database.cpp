#include "store/database.hpp"

#include <chrono>
#include <filesystem>

namespace envgrid::store {

Database::Database(DatabaseOptions opts) : opts_(std::move(opts)) {
  if (opts_.url.rfind("sqlite:", 0) == 0) {
    dialect_ = Dialect::sqlite;
    target_ = opts_.url.substr(7);
    if (target_.empty()) throw DbError(DbError::Kind::connection, "empty SQLite path in --db");
    auto parent = std::filesystem::path(target_).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  } else if (opts_.url.rfind("postgresql://", 0) == 0 || opts_.url.rfind("postgres://", 0) == 0) {
    dialect_ = Dialect::postgresql;
    target_ = opts_.url;
  } else {
    throw DbError(DbError::Kind::connection, "--db must be sqlite:PATH or postgresql://…, got: " + opts_.url);
  }
  writer_conn_ = connect(true);
  writer_ = std::thread([this] { writer_loop(); });
  if (dialect_ == Dialect::sqlite) checkpointer_ = std::thread([this] { checkpoint_loop(); });
}

Database::~Database() { close(); }

std::unique_ptr<Conn> Database::connect(bool writer) const {
  return dialect_ == Dialect::sqlite ? open_sqlite(target_, writer) : open_postgresql(target_);
}

Database::Lease::Lease(Database& d) : db(d) {
  std::unique_lock lk(d.pool_mu_);
  for (;;) {
    if (!d.pool_.empty()) {
      conn = std::move(d.pool_.back());
      d.pool_.pop_back();
      return;
    }
    if (d.pool_total_ < d.opts_.read_connections) {
      ++d.pool_total_;
      lk.unlock();
      try {
        conn = d.connect(false);
      } catch (...) {
        std::lock_guard g(d.pool_mu_);
        --d.pool_total_;
        throw;
      }
      return;
    }
    d.pool_cv_.wait(lk);
  }
}

Database::Lease::~Lease() {
  std::lock_guard lk(db.pool_mu_);
  db.pool_.push_back(std::move(conn));
  db.pool_cv_.notify_one();
}

void Database::exclusive(const std::function<void(Conn&)>& f) {
  // The writer thread owns writer_conn_; run through it so SQLite sees a single writer.
  write([&](Conn& c) { f(c); });
}

void Database::enqueue(Job j) {
  {
    std::lock_guard lk(q_mu_);
    if (stopping_) {
      j.done(std::make_exception_ptr(DbError(DbError::Kind::connection, "database is closing")));
      return;
    }
    queue_.push_back(std::move(j));
  }
  q_cv_.notify_one();
}

void Database::writer_loop() {
  Conn& c = *writer_conn_;
  std::vector<Job> batch;
  for (;;) {
    {
      std::unique_lock lk(q_mu_);
      q_cv_.wait(lk, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && static_cast<int>(batch.size()) < opts_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<std::exception_ptr> errors(batch.size());
    std::exception_ptr commit_error;
    try {
      c.exec_script("BEGIN");
      for (size_t i = 0; i < batch.size(); ++i) {
        c.exec_script("SAVEPOINT job");
        try {
          batch[i].run(c);
          c.exec_script("RELEASE SAVEPOINT job");
        } catch (...) {
          errors[i] = std::current_exception();
          c.exec_script("ROLLBACK TO SAVEPOINT job");
          c.exec_script("RELEASE SAVEPOINT job");
        }
      }
      c.exec_script("COMMIT");
    } catch (...) {
      commit_error = std::current_exception();
      try {
        c.exec_script("ROLLBACK");
      } catch (...) {
      }
    }
    for (size_t i = 0; i < batch.size(); ++i) batch[i].done(commit_error ? commit_error : errors[i]);
    batch.clear();
  }
}

void Database::checkpoint_loop() {
  std::unique_ptr<Conn> c;
  std::unique_lock lk(ckpt_mu_);
  while (!closed_) {
    ckpt_cv_.wait_for(lk, std::chrono::milliseconds(500));
    if (closed_) break;
    try {
      if (!c) c = connect(false);
      // PASSIVE never blocks writers; it copies what it can and leaves the rest.
      c->exec_script("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (...) {
      c.reset();
    }
  }
}

void Database::close() {
  {
    std::lock_guard lk(q_mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  q_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  {
    std::lock_guard lk(ckpt_mu_);
    closed_ = true;
  }
  ckpt_cv_.notify_all();
  if (checkpointer_.joinable()) checkpointer_.join();
  if (dialect_ == Dialect::sqlite && writer_conn_) {
    try {
      writer_conn_->exec_script("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (...) {
    }
  }
  writer_conn_.reset();
  std::lock_guard lk(pool_mu_);
  pool_.clear();
}

}  // namespace envgrid::store
