// Sign-in, sign-out and who-am-I; session tokens (bearer or HttpOnly cookie) and CSRF.
#include "core/crypto.hpp"
#include "core/json.hpp"
#include "http/app.hpp"
#include "http/login_limiter.hpp"
#include "http/render.hpp"
#include "http/session_cache.hpp"
#include "store/accounts.hpp"

namespace envgrid::http {

namespace json = boost::json;
static const char* kCookie = "envgrid_session";

static std::optional<std::string> token_of(const Request& req, bool& from_cookie) {
  from_cookie = false;
  if (auto h = req.header("authorization"); h && h->rfind("Bearer ", 0) == 0) return h->substr(7);
  if (auto c = req.cookie(kCookie)) {
    from_cookie = true;
    return *c;
  }
  return std::nullopt;
}

Actor App::authenticate(const Request& req) {
  bool from_cookie = false;
  auto token = token_of(req, from_cookie);
  if (!token || token->size() != 64) throw core::unauthorized();
  const std::string hash = core::sha256_hex(*token);
  const auto now = clock.now();
  auto actor = sessions->get(hash, now);
  if (!actor) actor = db.read([&](store::Conn& c) -> std::optional<Actor> {
    auto s = store::find_session(c, hash);
    if (!s || s->expires_at <= now) return std::nullopt;
    auto u = store::get_user(c, s->tenant_id, s->user_id);
    if (!u || u->disabled) return std::nullopt;
    Actor a;
    a.user_id = u->id;
    a.tenant_id = u->tenant_id;
    a.username = u->username;
    a.display_name = u->display_name;
    a.roles = u->roles;
    a.unit_id = u->unit_id;
    a.unit_name = u->unit_name;
    a.grid_ids = u->grid_ids;
    a.csrf_token = s->csrf_token;
    sessions->put(hash, a, s->expires_at, now);
    return a;
  });
  if (!actor) throw core::unauthorized("登录已过期，请重新登录");
  const bool unsafe = req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
  if (from_cookie && unsafe) {
    auto h = req.header("x-csrf-token");
    if (!h || !core::equal_ct(*h, actor->csrf_token))
      throw core::ApiError(403, "csrf", "请求缺少有效的 CSRF 令牌，请刷新页面后重试");
  }
  return *actor;
}

json::object actor_json(const Actor& a) {
  json::array roles, grids;
  for (const auto& r : a.roles) roles.emplace_back(r);
  for (auto g : a.grid_ids) grids.emplace_back(g);
  json::value unit = nullptr;
  if (a.unit_id) unit = json::object{{"id", *a.unit_id}, {"name", a.unit_name.value_or("")}};
  return {{"id", a.user_id}, {"username", a.username}, {"display_name", a.display_name},
          {"roles", roles}, {"unit", unit}, {"grid_ids", grids}};
}

void register_session_routes(App& app) {
  app.router.post("/api/v1/session", [&app](Request& req) {
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto username = r.str("username", true, 64, 1);
    auto password = r.str("password", true, 256, 1);
    r.finish();
    const auto now = app.clock.now();
    const std::string ukey = "u:" + *username, akey = "a:" + req.remote;
    auto wait = std::max(app.limiter->blocked_for(ukey, now, false), app.limiter->blocked_for(akey, now, true));
    if (wait > 0) {
      core::ApiError e(429, "too-many-attempts", "登录失败次数过多，请稍后再试",
                       "请在 " + std::to_string((wait + 59999) / 60000) + " 分钟后重试");
      throw e;
    }
    auto user = app.db.read([&](store::Conn& c) { return store::find_user(c, *username); });
    bool ok = false;
    {
      app.hash_slots.acquire();
      struct Release {
        App& a;
        ~Release() { a.hash_slots.release(); }
      } rel{app};
      // Verify against a dummy hash when the user is unknown so timing does not tell.
      static const std::string dummy = core::hash_password("envgrid-dummy-password");
      ok = core::verify_password(user ? user->password_hash : dummy, *password) && user && !user->disabled;
    }
    if (!ok) {
      app.limiter->fail(ukey, now);
      app.limiter->fail(akey, now);
      throw core::ApiError(401, "bad-credentials", "用户名或密码错误");
    }
    app.limiter->succeed(ukey);
    const std::string token = core::random_hex(32), csrf = core::random_hex(16);
    const auto expires = now + app.cfg.session_ttl_hours * core::kHour;
    app.db.write([&](store::Conn& c) {
      store::insert_session(c, user->tenant_id, user->id, core::sha256_hex(token), csrf, now, expires, req.remote);
    });
    Request authed = req;
    authed.headers["authorization"] = "Bearer " + token;
    authed.method = "GET";
    Actor a = app.authenticate(authed);
    json::object out{{"token", token}, {"csrf_token", csrf}, {"expires_at", core::format_iso(expires)},
                     {"user", actor_json(a)}};
    auto res = Response::json(out);
    res.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                               std::to_string(app.cfg.session_ttl_hours * 3600));
    return res;
  });

  app.router.get("/api/v1/session", [&app](Request& req) {
    Actor a = app.authenticate(req);
    return Response::json(json::object{{"csrf_token", a.csrf_token}, {"user", actor_json(a)}});
  });

  app.router.del("/api/v1/session", [&app](Request& req) {
    app.authenticate(req);
    bool from_cookie = false;
    auto token = token_of(req, from_cookie);
    const std::string hash = core::sha256_hex(*token);
    app.db.write([&](store::Conn& c) { store::delete_session(c, hash); });
    app.sessions->erase(hash);
    auto res = Response::no_content();
    res.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return res;
  });
}

}  // namespace envgrid::http
