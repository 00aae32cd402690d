#include "cli/commands.hpp"
#include "store/ledger_chain.hpp"

namespace envgrid::cli {

void add_audit(CLI::App& app, Common& common) {
  auto* audit = app.add_subcommand("audit", "台账审计");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "重新计算全部流转记录的哈希链，指出第一条被篡改的记录");
  verify->add_option("--db", common.db, "数据库 URL");
  verify->add_option("--config", common.config, "TOML 配置文件");
  verify->callback([&common] {
    auto cfg = load_config(common);
    if (!cfg) throw CLI::RuntimeError(2);
    std::int64_t tenant = 0;
    auto db = open_migrated(*cfg, tenant);
    auto rep = db->read([](store::Conn& c) { return store::verify_chains(c, 0); });
    if (!rep.first_break) {
      std::printf("哈希链完整：%lld 个问题，%lld 条流转记录\n", static_cast<long long>(rep.problems),
                  static_cast<long long>(rep.rows));
      return;
    }
    const auto& b = *rep.first_break;
    auto number = db->read([&](store::Conn& c) { return c.first("SELECT number FROM problems WHERE id = ?", {b.problem_id}); });
    std::printf("哈希链断裂：问题 %s（id %lld）第 %lld 条流转记录（记录 id %lld）：%s\n",
                number ? number->str(0).c_str() : "?", static_cast<long long>(b.problem_id),
                static_cast<long long>(b.seq), static_cast<long long>(b.transition_id), b.reason.c_str());
    throw CLI::RuntimeError(1);
  });
}

}  // namespace envgrid::cli
