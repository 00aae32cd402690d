// User administration (admin only): list, create, update roles/unit/grids, disable.
#include "core/crypto.hpp"
#include "core/json.hpp"
#include "http/app.hpp"
#include "http/session_cache.hpp"
#include "store/accounts.hpp"

namespace envgrid::http {

namespace json = boost::json;

static json::object user_json(const store::UserRecord& u) {
  json::array roles, grids;
  for (const auto& r : u.roles) roles.emplace_back(r);
  for (auto g : u.grid_ids) grids.emplace_back(g);
  return {{"id", u.id}, {"username", u.username}, {"display_name", u.display_name}, {"phone", u.phone},
          {"roles", roles}, {"unit_id", core::opt(u.unit_id)}, {"unit_name", core::opt(u.unit_name)},
          {"grid_ids", grids}, {"disabled", u.disabled}};
}

// Checks that referenced unit and grids exist in the tenant; adds field errors.
static void check_refs(store::Conn& c, std::int64_t tenant, core::JsonReader& r, const std::optional<std::int64_t>& unit,
                       const std::optional<std::vector<std::int64_t>>& grids) {
  if (unit && !c.first("SELECT 1 FROM units WHERE tenant_id = ? AND id = ?", {tenant, *unit}))
    r.fail("unit_id", "单位不存在");
  if (grids)
    for (size_t i = 0; i < grids->size(); ++i)
      if (!c.first("SELECT 1 FROM grids WHERE tenant_id = ? AND id = ?", {tenant, (*grids)[i]}))
        r.fail("grid_ids[" + std::to_string(i) + "]", "网格不存在");
}

void register_user_routes(App& app) {
  app.router.get("/api/v1/users", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    auto users = app.db.read([&](store::Conn& c) { return store::list_users(c, a.tenant_id); });
    json::array items;
    for (const auto& u : users) items.push_back(user_json(u));
    return Response::json(json::object{{"items", items}});
  });

  app.router.post("/api/v1/users", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::NewUser u;
    u.tenant_id = a.tenant_id;
    auto username = r.str("username", true, 64, 2);
    auto display = r.str("display_name", true, 64, 1);
    auto password = r.str("password", true, 256, 8);
    auto phone = r.str("phone", false, 32);
    auto unit = r.int64("unit_id", false, 1);
    auto grids = r.int_array("grid_ids", false, 200);
    auto roles = r.str_array("roles", true, 7, 32);
    if (username && username->find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != std::string::npos)
      r.fail("username", "只能包含字母、数字、下划线、点和连字符");
    if (roles) {
      if (roles->empty()) r.fail("roles", "至少选择一个角色");
      for (size_t i = 0; i < roles->size(); ++i)
        if (std::find(store::kRoles.begin(), store::kRoles.end(), (*roles)[i]) == store::kRoles.end())
          r.fail("roles[" + std::to_string(i) + "]", "未知角色");
    }
    app.db.read([&](store::Conn& c) { check_refs(c, a.tenant_id, r, unit, grids); });
    r.finish();
    u.username = *username;
    u.display_name = *display;
    u.phone = phone.value_or("");
    u.unit_id = unit;
    u.roles = *roles;
    u.grid_ids = grids.value_or(std::vector<std::int64_t>{});
    {
      app.hash_slots.acquire();
      u.password_hash = core::hash_password(*password);
      app.hash_slots.release();
    }
    std::int64_t id = 0;
    try {
      id = app.db.write([&](store::Conn& c) { return store::insert_user(c, u, app.clock.now()); });
    } catch (...) {
      rethrow_db(std::current_exception(), "用户名");
    }
    auto out = app.db.read([&](store::Conn& c) { return store::get_user(c, a.tenant_id, id); });
    return Response::json(user_json(*out), 201);
  });

  app.router.patch("/api/v1/users/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const auto id = path_id(req, "id", "用户");
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto display = r.str("display_name", false, 64, 1);
    auto password = r.str("password", false, 256, 8);
    auto disabled = r.boolean("disabled", false);
    auto unit = r.int64("unit_id", false, 1);
    auto grids = r.int_array("grid_ids", false, 200);
    auto roles = r.str_array("roles", false, 7, 32);
    if (roles)
      for (size_t i = 0; i < roles->size(); ++i)
        if (std::find(store::kRoles.begin(), store::kRoles.end(), (*roles)[i]) == store::kRoles.end())
          r.fail("roles[" + std::to_string(i) + "]", "未知角色");
    if (disabled && *disabled && id == a.user_id) r.fail("disabled", "不能停用自己的账号");
    auto existing = app.db.read([&](store::Conn& c) {
      check_refs(c, a.tenant_id, r, unit, grids);
      return store::get_user(c, a.tenant_id, id);
    });
    if (!existing) throw core::not_found("用户");
    r.finish();
    std::optional<std::string> hash;
    if (password) {
      app.hash_slots.acquire();
      hash = core::hash_password(*password);
      app.hash_slots.release();
    }
    app.db.write([&](store::Conn& c) {
      if (display) c.query("UPDATE users SET display_name = ? WHERE id = ?", {*display, id});
      if (unit) c.query("UPDATE users SET unit_id = ? WHERE id = ?", {*unit, id});
      if (roles) store::replace_roles(c, a.tenant_id, id, *roles);
      if (grids) store::replace_grids(c, a.tenant_id, id, *grids);
      if (hash) store::set_password(c, id, *hash);
      if (disabled) store::set_disabled(c, id, *disabled);
    });
    app.sessions->clear();  // roles, unit, grids or the account itself changed
    auto out = app.db.read([&](store::Conn& c) { return store::get_user(c, a.tenant_id, id); });
    return Response::json(user_json(*out));
  });
}

}  // namespace envgrid::http
