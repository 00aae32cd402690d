#include <spdlog/spdlog.h>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"envgrid — 城乡环境网格化整治平台"};
  app.require_subcommand(1);
  envgrid::cli::Common common;
  envgrid::cli::add_serve(app, common);
  envgrid::cli::add_migrate(app, common);
  envgrid::cli::add_user(app, common);
  envgrid::cli::add_routes(app, common);
  envgrid::cli::add_audit(app, common);
  envgrid::cli::add_import(app, common);
  envgrid::cli::add_demo(app, common);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "错误: %s\n", e.what());
    return 1;
  }
  return 0;
}
