// Health, the OpenAPI document, and the demo logins shown on the login page.
#include "core/embedded.hpp"
#include "core/json.hpp"
#include "http/app.hpp"
#include "store/migrate.hpp"

namespace envgrid::http {

namespace json = boost::json;

void register_system_routes(App& app) {
  app.router.get("/api/v1/health", [&app](Request&) {
    // A trivial read proves the database answers.
    app.db.read([](store::Conn& c) { c.query("SELECT 1"); });
    return Response::json(json::object{{"status", "ok"}, {"db", store::dialect_name(app.db.dialect())},
                                       {"version", app.version}});
  });

  app.router.get("/api/v1/openapi.json", [](Request&) {
    Response r;
    r.body = std::string(embedded::find("data/openapi.json").value_or("{}"));
    return r;
  });

  app.router.get("/api/v1/demo/logins", [&app](Request&) {
    if (!app.cfg.demo) throw core::not_found("演示账号");
    auto v = app.db.read([](store::Conn& c) {
      return c.first("SELECT value FROM settings WHERE key = 'demo_logins' ORDER BY tenant_id LIMIT 1");
    });
    Response r;
    r.body = v ? v->str(0) : "[]";
    return r;
  });
}

}  // namespace envgrid::http
