// POST /api/v1/import/{grids|zones|units}?dry_run=true|false with the file as the request
// body (admin). A rejected file gets 400 with every bad feature listed; nothing is stored.
#include <algorithm>

#include "http/territory_import.hpp"
#include "http/territory_routes.hpp"
#include "http/territory_state.hpp"

namespace envgrid::http {

namespace json = boost::json;

void register_import_routes(App& app) {
  app.router.post("/api/v1/import/{kind}", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const std::string kind = req.path_params["kind"];
    if (std::find(import::kKinds.begin(), import::kKinds.end(), kind) == import::kKinds.end())
      throw core::not_found("导入类型");
    const std::string dry = req.q("dry_run").value_or("false");
    if (dry != "true" && dry != "false") throw core::validation_error({{"dry_run", "取值应为：true、false"}});
    if (req.body.empty()) throw core::bad_request("请上传导入文件", "请求体应为 GeoJSON 或 CSV 文件内容");
    import::Result res;
    try {
      res = import::run(app.db, a.tenant_id, kind, req.body, dry == "true");
    } catch (...) {
      rethrow_db(std::current_exception(), "导入数据");
    }
    if (!res.ok()) {
      core::Error e;
      e.status = 400;
      e.type = "import-invalid";
      e.title = "导入文件有误，未导入任何数据";
      e.detail = "共 " + std::to_string(res.errors.size()) + " 处错误，请逐项修改后重新导入";
      e.extra["ok"] = false;
      e.extra["dry_run"] = res.dry_run;
      e.extra["errors"] = import::errors_json(res);
      throw core::ApiError(std::move(e));
    }
    if (!res.dry_run) reload_territory(app, a.tenant_id);
    return Response::json(import::result_json(res));
  });
}

}  // namespace envgrid::http
