#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "core/crypto.hpp"
#include "core/time.hpp"
#include "store/accounts.hpp"

namespace envgrid::cli {

static std::string read_password_stdin() {
  std::string pw;
  std::getline(std::cin, pw);
  while (!pw.empty() && (pw.back() == '\r' || pw.back() == '\n')) pw.pop_back();
  return pw;
}

void add_user(CLI::App& app, Common& common) {
  auto* user = app.add_subcommand("user", "账号管理：add / passwd / disable");
  user->require_subcommand(1);
  static std::string username, display, role_csv, unit_code, tenant_code;
  static std::vector<std::string> roles, grids;
  static bool pw_stdin = false;

  auto* add = user->add_subcommand("add", "新建账号（密码从标准输入读取）");
  add->add_option("--db", common.db, "数据库 URL");
  add->add_option("--config", common.config, "TOML 配置文件");
  add->add_option("--username", username, "登录名")->required();
  add->add_option("--name", display, "姓名（默认同登录名）");
  add->add_option("--role", roles, "角色，可重复: admin dispatcher inspector grid_worker unit_handler leader viewer")
      ->required();
  add->add_option("--unit", unit_code, "所属单位编码");
  add->add_option("--grid", grids, "负责网格编码（网格员），可重复");
  add->add_option("--tenant", tenant_code, "租户编码（区县）；不存在时新建。默认为第一个租户");
  add->add_flag("--password-stdin", pw_stdin, "从标准输入读取密码")->required();
  add->callback([&common] {
    auto cfg = load_config(common);
    if (!cfg) throw CLI::RuntimeError(2);
    for (const auto& r : roles)
      if (std::find(store::kRoles.begin(), store::kRoles.end(), r) == store::kRoles.end()) {
        std::fprintf(stderr, "错误: 未知角色 %s\n", r.c_str());
        throw CLI::RuntimeError(2);
      }
    std::string pw = read_password_stdin();
    if (pw.size() < 8) {
      std::fprintf(stderr, "错误: 密码至少 8 个字符\n");
      throw CLI::RuntimeError(2);
    }
    std::int64_t tenant = 0;
    auto db = open_migrated(*cfg, tenant);
    store::NewUser u;
    u.tenant_id = tenant;
    u.username = username;
    u.display_name = display.empty() ? username : display;
    u.roles = roles;
    u.password_hash = core::hash_password(pw);
    db->write([&](store::Conn& c) {
      if (!tenant_code.empty()) {
        auto t = c.first("SELECT id FROM tenants WHERE code = ?", {tenant_code});
        u.tenant_id = t ? t->i64(0)
                        : c.insert("INSERT INTO tenants (code, name, created_at) VALUES (?, ?, ?) RETURNING id",
                                   {tenant_code, tenant_code, core::SystemClock().now()});
        tenant = u.tenant_id;
      }
      if (!unit_code.empty()) {
        auto r = c.first("SELECT id FROM units WHERE tenant_id = ? AND code = ?", {tenant, unit_code});
        if (!r) throw std::runtime_error("单位编码不存在: " + unit_code);
        u.unit_id = r->i64(0);
      }
      for (const auto& g : grids) {
        auto r = c.first("SELECT id FROM grids WHERE tenant_id = ? AND code = ?", {tenant, g});
        if (!r) throw std::runtime_error("网格编码不存在: " + g);
        u.grid_ids.push_back(r->i64(0));
      }
      if (store::find_user(c, username)) throw std::runtime_error("登录名已存在: " + username);
      store::insert_user(c, u, core::SystemClock().now());
    });
    std::printf("已创建账号 %s\n", username.c_str());
  });

  auto* passwd = user->add_subcommand("passwd", "重设密码（从标准输入读取）");
  passwd->add_option("--db", common.db, "数据库 URL");
  passwd->add_option("--config", common.config, "TOML 配置文件");
  passwd->add_option("--username", username, "登录名")->required();
  passwd->add_flag("--password-stdin", pw_stdin, "从标准输入读取密码")->required();
  passwd->callback([&common] {
    auto cfg = load_config(common);
    if (!cfg) throw CLI::RuntimeError(2);
    std::string pw = read_password_stdin();
    if (pw.size() < 8) {
      std::fprintf(stderr, "错误: 密码至少 8 个字符\n");
      throw CLI::RuntimeError(2);
    }
    std::int64_t tenant = 0;
    auto db = open_migrated(*cfg, tenant);
    const std::string hash = core::hash_password(pw);
    db->write([&](store::Conn& c) {
      auto u = store::find_user(c, username);
      if (!u) throw std::runtime_error("账号不存在: " + username);
      store::set_password(c, u->id, hash);
      store::delete_user_sessions(c, u->id);
    });
    std::printf("已重设 %s 的密码，原有登录已失效\n", username.c_str());
  });

  auto* disable = user->add_subcommand("disable", "停用账号（其登录在 auth.session_cache_seconds 秒内失效，默认 5 秒）");
  disable->add_option("--db", common.db, "数据库 URL");
  disable->add_option("--config", common.config, "TOML 配置文件");
  disable->add_option("--username", username, "登录名")->required();
  disable->callback([&common] {
    auto cfg = load_config(common);
    if (!cfg) throw CLI::RuntimeError(2);
    std::int64_t tenant = 0;
    auto db = open_migrated(*cfg, tenant);
    db->write([&](store::Conn& c) {
      auto u = store::find_user(c, username);
      if (!u) throw std::runtime_error("账号不存在: " + username);
      store::set_disabled(c, u->id, true);
    });
    std::printf("已停用账号 %s\n", username.c_str());
  });
}

}  // namespace envgrid::cli
