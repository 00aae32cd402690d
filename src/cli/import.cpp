// `envgrid import grids|zones|units FILE [--dry-run]`: the same checks and all-or-nothing
// write as POST /api/v1/import/{kind}; one line per error, exit code 1 when rejected.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/commands.hpp"
#include "http/territory_import.hpp"

namespace envgrid::cli {

void add_import(CLI::App& app, Common& common) {
  auto* cmd = app.add_subcommand("import", "导入网格、责任区（GeoJSON）或单位（CSV/GeoJSON）：先全部校验，无误才一次性写入");
  static std::string kind, file, tenant_code;
  static bool dry_run = false;
  cmd->add_option("kind", kind, "导入类型: grids | zones | units")->required()->check(CLI::IsMember(http::import::kKinds));
  cmd->add_option("file", file, "文件路径（UTF-8）")->required();
  cmd->add_flag("--dry-run", dry_run, "只校验并列出将新建/更新的数据，不写入");
  cmd->add_option("--db", common.db, "数据库: sqlite:PATH 或 postgresql://…");
  cmd->add_option("--config", common.config, "TOML 配置文件");
  cmd->add_option("--tenant", tenant_code, "租户编码（默认第一个租户）");
  cmd->callback([&common] {
    auto cfg = load_config(common);
    if (!cfg) throw CLI::RuntimeError(2);
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "错误: 无法读取文件 %s\n", file.c_str());
      throw CLI::RuntimeError(2);
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string body = ss.str();
    std::int64_t tenant = 0;
    auto db = open_migrated(*cfg, tenant);
    if (!tenant_code.empty()) {
      auto t = db->read([&](store::Conn& c) { return c.first("SELECT id FROM tenants WHERE code = ?", {tenant_code}); });
      if (!t) {
        std::fprintf(stderr, "错误: 租户不存在: %s\n", tenant_code.c_str());
        throw CLI::RuntimeError(2);
      }
      tenant = t->i64(0);
    }
    auto res = http::import::run(*db, tenant, kind, body, dry_run);
    db->close();
    if (!res.ok()) {
      for (const auto& e : res.errors) {
        std::string where = e.index ? "第 " + std::to_string(*e.index) + " 项" : "文件";
        if (!e.code.empty()) where += "（" + e.code + "）";
        if (!e.field.empty()) where += " " + e.field;
        std::fprintf(stderr, "%s: %s\n", where.c_str(), e.reason.c_str());
      }
      std::fprintf(stderr, "共 %zu 处错误，未导入任何数据。\n", res.errors.size());
      throw CLI::RuntimeError(1);
    }
    int created = 0, updated = 0;
    for (const auto& it : res.items) {
      (it.update ? updated : created)++;
      if (dry_run)
        std::printf("  %s %s %s\n", it.update ? "更新" : "新建", it.code.c_str(), it.name.c_str());
    }
    std::printf(dry_run ? "校验通过（未写入）：将新建 %d 条，更新 %d 条。\n" : "导入完成：新建 %d 条，更新 %d 条。\n", created,
                updated);
  });
}

}  // namespace envgrid::cli
