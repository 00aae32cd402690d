#pragma once
// Subcommands of the envgrid binary. Each returns the process exit code.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "core/config.hpp"
#include "store/database.hpp"

namespace envgrid::cli {

struct Common {
  std::string db;          // --db
  std::string config;      // --config
  std::string data_dir;    // --data-dir
};

// Resolves defaults < config file < environment < flags; prints a Chinese error and
// returns nullopt when invalid.
std::optional<core::Config> load_config(const Common& c);
// Opens the database and applies pending migrations; creates the default tenant.
std::unique_ptr<store::Database> open_migrated(const core::Config& cfg, std::int64_t& tenant_id);

void add_serve(CLI::App& app, Common& common);
void add_migrate(CLI::App& app, Common& common);
void add_user(CLI::App& app, Common& common);


void add_routes(CLI::App& app, Common& common);
void add_audit(CLI::App& app, Common& common);
void add_import(CLI::App& app, Common& common);  // import.cpp
void add_demo(CLI::App& app, Common& common);    // demo.cpp

}  // namespace envgrid::cli
