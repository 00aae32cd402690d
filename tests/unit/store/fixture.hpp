#pragma once
// A fresh migrated SQLite database in a temp directory per test.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "store/database.hpp"
#include "store/migrate.hpp"

namespace envgrid::store::test {

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("envgrid-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    DatabaseOptions o;
    o.url = "sqlite:" + (dir_ / "t.db").string();
    db_ = std::make_unique<Database>(o);
    migrate(*db_);
    tenant_ = ensure_default_tenant(*db_, 1000);
    db_->write([&](Conn& c) {
      user_ = c.insert("INSERT INTO users (tenant_id, username, display_name, password_hash, created_at) "
                       "VALUES (?, 'u', 'U', 'x', 0) RETURNING id",
                       {tenant_});
    });
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
  std::int64_t tenant_ = 0, user_ = 0;
  static inline int counter_ = 0;
};

}  // namespace envgrid::store::test
