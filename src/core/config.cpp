#include "core/config.hpp"

#include <toml++/toml.h>

#include <functional>
#include <sstream>

namespace envgrid::core {
namespace {

Error config_error(std::string msg) { return Error{2, "config", "配置有误", std::move(msg), {}, {}}; }

struct Binder {
  Config& c;
  using Setter = std::function<std::optional<Error>(const toml::node&, const std::string&)>;
  std::map<std::string, Setter> keys;

  template <class T>
  static Setter num(T& field, double min, double max) {
    return [&field, min, max](const toml::node& n, const std::string& key) -> std::optional<Error> {
      double v;
      if (auto i = n.as_integer()) v = static_cast<double>(i->get());
      else if (auto f = n.as_floating_point(); f && !std::is_integral_v<T>) v = f->get();
      else return config_error("配置项 " + key + " 应为" + (std::is_integral_v<T> ? "整数" : "数字"));
      if (v < min || v > max) {
        std::ostringstream os;
        os << "配置项 " << key << " 应在 " << min << " 到 " << max << " 之间";
        return config_error(os.str());
      }
      field = static_cast<T>(v);
      return std::nullopt;
    };
  }
  static Setter str(std::string& field) {
    return [&field](const toml::node& n, const std::string& key) -> std::optional<Error> {
      auto s = n.as_string();
      if (!s) return config_error("配置项 " + key + " 应为字符串");
      field = s->get();
      return std::nullopt;
    };
  }
  static Setter boolean(bool& field) {
    return [&field](const toml::node& n, const std::string& key) -> std::optional<Error> {
      auto b = n.as_boolean();
      if (!b) return config_error("配置项 " + key + " 应为 true 或 false");
      field = b->get();
      return std::nullopt;
    };
  }

  explicit Binder(Config& cfg) : c(cfg) {
    keys["db.url"] = str(c.db_url);
    keys["server.listen"] = str(c.listen);
    keys["server.data_dir"] = str(c.data_dir);
    keys["server.web_dir"] = str(c.web_dir);
    keys["server.io_threads"] = num(c.io_threads, 1, 64);
    keys["server.worker_threads"] = num(c.worker_threads, 1, 1024);
    keys["server.demo"] = boolean(c.demo);
    keys["limits.max_upload_bytes"] = num(c.max_upload_bytes, 1024, 1e9);
    keys["limits.max_image_pixels"] = num(c.max_image_pixels, 1e4, 1e9);
    keys["auth.session_ttl_hours"] = num(c.session_ttl_hours, 1, 24 * 90);
    keys["auth.session_cache_seconds"] = num(c.session_cache_seconds, 0, 300);
    keys["auth.login_max_failures"] = num(c.login_max_failures, 1, 1000);
    keys["auth.login_window_minutes"] = num(c.login_window_minutes, 1, 1440);
    keys["evidence.max_distance_m"] = num(c.evidence_max_distance_m, 1, 100000);
    keys["duplicate.radius_m"] = num(c.duplicate_radius_m, 0, 10000);
    keys["duplicate.hours"] = num(c.duplicate_hours, 0, 24 * 365);
    keys["rebound.radius_m"] = num(c.rebound_radius_m, 0, 10000);
    keys["rebound.days"] = num(c.rebound_days, 0, 3650);
    keys["onspot.sample_percent"] = num(c.onspot_sample_percent, 0, 100);
    keys["steps.accept_minutes"] = num(c.step_accept_minutes, 0, 10080);
    keys["steps.dispatch_minutes"] = num(c.step_dispatch_minutes, 0, 10080);
    keys["steps.verify_minutes"] = num(c.step_verify_minutes, 0, 10080);
    keys["map.tile_url"] = str(c.tile_url);
    keys["notify.sweep_seconds"] = num(c.notify_sweep_seconds, 1, 86400);
    keys["webhook.retry_base_seconds"] = num(c.webhook_retry_base_seconds, 1, 3600);
    keys["webhook.max_attempts"] = num(c.webhook_max_attempts, 1, 100);
  }
};

std::optional<Error> walk(Binder& b, const toml::table& t, const std::string& prefix) {
  for (const auto& [k, node] : t) {
    std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (auto sub = node.as_table()) {
      if (auto e = walk(b, *sub, key)) return e;
      continue;
    }
    auto it = b.keys.find(key);
    if (it == b.keys.end()) return config_error("未知的配置项: " + key);
    if (auto e = it->second(node, key)) return e;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> apply_toml(Config& cfg, const std::string& text) {
  toml::table t;
  try {
    t = toml::parse(text);
  } catch (const toml::parse_error& e) {
    std::ostringstream os;
    os << "配置文件第 " << e.source().begin.line << " 行格式错误: " << e.description();
    return config_error(os.str());
  }
  Binder b(cfg);
  return walk(b, t, "");
}

std::optional<Error> apply_env(Config& cfg, const std::map<std::string, std::string>& env) {
  auto get = [&](const char* k) -> const std::string* {
    auto it = env.find(k);
    return it == env.end() || it->second.empty() ? nullptr : &it->second;
  };
  if (auto v = get("ENVGRID_DB")) cfg.db_url = *v;
  if (auto v = get("ENVGRID_LISTEN")) cfg.listen = *v;
  if (auto v = get("ENVGRID_DATA_DIR")) cfg.data_dir = *v;
  if (auto v = get("ENVGRID_WEB_DIR")) cfg.web_dir = *v;
  if (auto v = get("ENVGRID_DEMO")) {
    if (*v == "1" || *v == "true") cfg.demo = true;
    else if (*v == "0" || *v == "false") cfg.demo = false;
    else return config_error("环境变量 ENVGRID_DEMO 应为 0/1/true/false");
  }
  return std::nullopt;
}

std::optional<std::pair<std::string, std::uint16_t>> split_listen(const std::string& s) {
  auto colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  std::string host = s.substr(0, colon), port = s.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  int p = std::stoi(port);
  if (p > 65535) return std::nullopt;
  return std::make_pair(host, static_cast<std::uint16_t>(p));
}

}  // namespace envgrid::core
