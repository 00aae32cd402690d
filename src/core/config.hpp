#pragma once
// Server configuration: defaults < TOML file < environment (ENVGRID_*) < command-line
// flags. Every key is validated at start; an unknown key or a wrong type is an error
// that names the key.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace envgrid::core {

struct Config {
  std::string db_url = "sqlite:var/envgrid.db";
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "var/data";
  std::string web_dir = "web/dist";
  int io_threads = 2;
  int worker_threads = 32;
  std::int64_t max_upload_bytes = 20 * 1024 * 1024;
  std::int64_t max_image_pixels = 50'000'000;
  int session_ttl_hours = 12;
  int session_cache_seconds = 5;  // 0: read the session from the database on every request
  int login_max_failures = 5;
  int login_window_minutes = 15;
  double evidence_max_distance_m = 100;
  double duplicate_radius_m = 30;
  int duplicate_hours = 72;
  double rebound_radius_m = 30;
  int rebound_days = 30;
  int onspot_sample_percent = 20;
  // Step time limits in working minutes (数字城管: 受理, 派遣, 核查); 0 turns a step's clock off.
  int step_accept_minutes = 60;
  int step_dispatch_minutes = 60;
  int step_verify_minutes = 240;
  std::string tile_url;  // empty: vector layers only
  int notify_sweep_seconds = 60;        // deadline and deliverable reminders (http/background)
  int webhook_retry_base_seconds = 30;  // retry after base·2^(attempts-1), at most 1 h
  int webhook_max_attempts = 8;         // then the delivery is marked failed
  bool demo = false;
};

// Applies a TOML document to cfg. Returns an Error naming the first bad key.
std::optional<Error> apply_toml(Config& cfg, const std::string& toml_text);
// Applies ENVGRID_DB, ENVGRID_LISTEN, ENVGRID_DATA_DIR, ENVGRID_WEB_DIR, ENVGRID_DEMO.
std::optional<Error> apply_env(Config& cfg, const std::map<std::string, std::string>& env);
// Splits "host:port"; nullopt when malformed.
std::optional<std::pair<std::string, std::uint16_t>> split_listen(const std::string& s);

}  // namespace envgrid::core
