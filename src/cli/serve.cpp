#include <spdlog/spdlog.h>

#include <filesystem>

#include "cli/commands.hpp"
#include "http/app.hpp"
#include "http/background.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "http/territory_state.hpp"

namespace envgrid::cli {

void add_serve(CLI::App& app, Common& common) {
  auto* cmd = app.add_subcommand("serve", "启动 HTTP 服务（API 与网页端）");
  static std::string listen, web_dir;
  static bool demo = false;
  cmd->add_option("--db", common.db, "数据库: sqlite:PATH（默认 sqlite:var/envgrid.db）或 postgresql://…");
  cmd->add_option("--listen", listen, "监听地址 HOST:PORT（默认 127.0.0.1:8080）");
  cmd->add_option("--data-dir", common.data_dir, "附件存储目录（默认 var/data）");
  cmd->add_option("--config", common.config, "TOML 配置文件");
  cmd->add_option("--web-dir", web_dir, "网页端构建目录（默认 web/dist）");
  cmd->add_flag("--demo", demo, "演示模式：登录页显示演示账号");
  cmd->callback([&common] {
    auto cfg = load_config(common);
    if (!cfg) throw CLI::RuntimeError(2);
    if (!listen.empty()) cfg->listen = listen;
    if (!web_dir.empty()) cfg->web_dir = web_dir;
    if (demo) cfg->demo = true;
    auto hp = core::split_listen(cfg->listen);
    if (!hp) {
      std::fprintf(stderr, "错误: 监听地址应为 HOST:PORT，收到 %s\n", cfg->listen.c_str());
      throw CLI::RuntimeError(2);
    }
    spdlog::set_pattern("%v");
    std::int64_t tenant = 0;
    auto db = open_migrated(*cfg, tenant);
    std::filesystem::create_directories(cfg->data_dir);
    core::SystemClock clock;
    http::App application(*cfg, *db, clock);
    http::register_all(application);
    http::load_territories(application);  // the spatial index is ready before the first request
    http::ServerOptions so;
    so.host = hp->first;
    so.port = hp->second;
    so.io_threads = cfg->io_threads;
    so.worker_threads = cfg->worker_threads;
    so.max_body_bytes = static_cast<std::size_t>(cfg->max_upload_bytes) + 64 * 1024;
    http::Server server(so, [&application](http::Request& r) { return application.handle(r); });
    server.bind();
    http::Background background(application);  // reminders and webhook posts; joined before the database closes
    background.start();
    spdlog::info(R"({{"event":"listening","url":"http://{}:{}","db":"{}"}})", so.host, server.port(),
                 store::dialect_name(db->dialect()));
    std::fflush(stdout);
    server.run();
    background.stop();
    db->close();
    spdlog::info("{}", R"({"event":"stopped"})");
  });
}

void add_routes(CLI::App& app, Common&) {
  auto* cmd = app.add_subcommand("routes", "列出服务端的全部 API 路由（供 OpenAPI 一致性测试使用）");
  cmd->callback([] {
    auto tmp = std::filesystem::temp_directory_path() / ("envgrid-routes-" + std::to_string(::getpid()) + ".db");
    {
      store::DatabaseOptions o;
      o.url = "sqlite:" + tmp.string();
      store::Database db(o);
      core::SystemClock clock;
      http::App application(core::Config{}, db, clock);
      http::register_all(application);
      for (const auto& r : application.router.routes()) std::printf("%s %s\n", r.method.c_str(), r.pattern.c_str());
    }
    for (auto ext : {"", "-wal", "-shm"}) std::filesystem::remove(tmp.string() + ext);
  });
}

}  // namespace envgrid::cli
