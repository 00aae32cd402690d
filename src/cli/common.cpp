#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/commands.hpp"
#include "core/time.hpp"
#include "store/migrate.hpp"

extern char** environ;

namespace envgrid::cli {

std::optional<core::Config> load_config(const Common& c) {
  core::Config cfg;
  if (!c.config.empty()) {
    std::ifstream in(c.config);
    if (!in) {
      std::fprintf(stderr, "错误: 无法读取配置文件 %s\n", c.config.c_str());
      return std::nullopt;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    if (auto e = core::apply_toml(cfg, ss.str())) {
      std::fprintf(stderr, "错误: %s: %s\n", c.config.c_str(), e->detail.c_str());
      return std::nullopt;
    }
  }
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos && kv.rfind("ENVGRID_", 0) == 0) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (auto e = core::apply_env(cfg, env)) {
    std::fprintf(stderr, "错误: %s\n", e->detail.c_str());
    return std::nullopt;
  }
  if (!c.db.empty()) cfg.db_url = c.db;
  if (!c.data_dir.empty()) cfg.data_dir = c.data_dir;
  return cfg;
}

std::unique_ptr<store::Database> open_migrated(const core::Config& cfg, std::int64_t& tenant_id) {
  store::DatabaseOptions o;
  o.url = cfg.db_url;
  auto db = std::make_unique<store::Database>(o);
  store::migrate(*db);
  tenant_id = store::ensure_default_tenant(*db, core::SystemClock().now());
  return db;
}

void add_migrate(CLI::App& app, Common& common) {
  auto* cmd = app.add_subcommand("migrate", "应用数据库迁移（建表、升级），并创建默认租户");
  cmd->add_option("--db", common.db, "数据库: sqlite:PATH 或 postgresql://…");
  cmd->add_option("--config", common.config, "TOML 配置文件");
  static int to = 0;
  cmd->add_option("--to", to, "只迁移到指定版本（用于测试升级路径）");
  cmd->callback([&common] {
    auto cfg = load_config(common);
    if (!cfg) throw CLI::RuntimeError(2);
    store::DatabaseOptions o;
    o.url = cfg->db_url;
    store::Database db(o);
    int before = store::schema_version(db);
    int n = store::migrate(db, to > 0 ? std::optional<int>(to) : std::nullopt);
    if (store::schema_version(db) >= 1) store::ensure_default_tenant(db, core::SystemClock().now());
    std::printf("数据库 %s: 版本 %d → %d（应用 %d 个迁移）\n", store::dialect_name(db.dialect()), before,
                store::schema_version(db), n);
  });
}

}  // namespace envgrid::cli
