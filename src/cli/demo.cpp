// `envgrid demo`: the demo town, its logins, and (through the ledger) months of problems.
#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "core/time.hpp"  // before demo_problems.hpp, which uses core::Millis
#include "cli/demo_problems.hpp"
#include "demo/demo.hpp"

namespace envgrid::cli {

// Display width of UTF-8 text: CJK characters take two columns.
static int width(const std::string& s) {
  int w = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2 : 1;
    i += len;
  }
  return w;
}

static std::string pad(const std::string& s, int w) { return s + std::string(std::max(0, w - width(s)), ' '); }

void add_demo(CLI::App& app, Common& common) {
  auto* cmd = app.add_subcommand("demo", "生成演示数据：示范街道的区划、单位、网格、责任区、商户、包保关系和各角色账号");
  static int months = 3;
  cmd->add_option("--db", common.db, "数据库: sqlite:PATH 或 postgresql://…");
  cmd->add_option("--data-dir", common.data_dir, "附件存储目录（演示问题的照片）");
  cmd->add_option("--config", common.config, "TOML 配置文件");
  cmd->add_option("--problems-months", months, "生成最近几个月的演示问题（0 表示不生成），默认 3")
      ->check(CLI::Range(0, 24));
  cmd->callback([&common] {
    auto cfg = load_config(common);
    if (!cfg) throw CLI::RuntimeError(2);
    std::int64_t tenant = 0;
    auto db = open_migrated(*cfg, tenant);
    const core::Millis now = core::SystemClock().now();
    std::printf("正在生成示范街道演示数据……\n");
    auto sum = demo::build_town(*db, tenant, now);
    if (!sum) {
      std::printf("数据库中已有网格数据，未做任何改动（演示数据只生成一次）。\n");
      db->close();
      return;
    }
    std::printf("区划 %d 个，单位 %d 个，网格 %d 个，责任区 %d 个，商户 %d 户，包保关系 %d 条。\n", sum->regions,
                sum->units, sum->grids, sum->zones, sum->merchants, sum->assignments);
    if (months > 0) {
      std::filesystem::create_directories(cfg->data_dir);
      demo_problems(*db, *cfg, tenant, months, now);
    }
    std::printf("\n演示账号（密码仅供演示，请勿用于生产）：\n");
    std::printf("  %s%s%s%s\n", pad("用户名", 12).c_str(), pad("密码", 18).c_str(), pad("角色", 18).c_str(), "姓名");
    for (const auto& l : sum->logins)
      std::printf("  %s%s%s%s\n", pad(l.username, 12).c_str(), pad(l.password, 18).c_str(),
                  pad(demo::role_label(l.role), 18).c_str(), l.display_name.c_str());
    db->close();
  });
}

}  // namespace envgrid::cli
