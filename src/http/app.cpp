#include "http/app.hpp"

#include <filesystem>

#include "core/error.hpp"
#include "domain/lifecycle.hpp"
#include "http/ledger_cache.hpp"
#include "http/session_cache.hpp"
#include "http/login_limiter.hpp"
#include "media/attachment_store.hpp"
#include "store/db.hpp"

namespace envgrid::http {

namespace fs = std::filesystem;

bool Actor::has(std::string_view role) const {
  for (const auto& r : roles)
    if (r == role) return true;
  return false;
}

bool Actor::any(std::initializer_list<std::string_view> rs) const {
  for (auto r : rs)
    if (has(r)) return true;
  return false;
}

bool Actor::sees_all() const {
  for (domain::Role r : domain::kTenantWideRoles)
    if (has(domain::role_name(r))) return true;
  return false;
}

App::App(core::Config c, store::Database& d, const core::Clock& clk)
    : cfg(std::move(c)), db(d), clock(clk),
      limiter(std::make_unique<LoginLimiter>(cfg.login_max_failures, cfg.login_window_minutes * core::kMinute)),
      files(std::make_unique<media::AttachmentStore>(std::filesystem::path(cfg.data_dir) / "attachments")),
      ledger_cache(std::make_unique<LedgerCache>()),
      sessions(std::make_unique<SessionCache>(cfg.session_cache_seconds * core::kSecond, 100000)) {}
App::~App() = default;

Actor App::require(const Request& req, std::initializer_list<std::string_view> roles) {
  Actor a = authenticate(req);
  if (!a.any(roles)) throw core::forbidden("当前角色不能执行此操作");
  return a;
}

std::int64_t path_id(const Request& req, const char* name, const char* what) {
  auto it = req.path_params.find(name);
  if (it == req.path_params.end() || it->second.empty() || it->second.size() > 18 ||
      it->second.find_first_not_of("0123456789") != std::string::npos)
    throw core::not_found(what);
  return std::stoll(it->second);
}

std::optional<std::int64_t> query_int(const Request& req, const std::string& name, std::int64_t min,
                                      std::int64_t max) {
  auto v = req.q(name);
  if (!v || v->empty()) return std::nullopt;
  std::string s = *v;
  bool neg = !s.empty() && s[0] == '-';
  if (s.size() > 18 || s.find_first_not_of("0123456789", neg ? 1 : 0) != std::string::npos || s == "-")
    throw core::validation_error({{name, "应为整数"}});
  std::int64_t x = std::stoll(s);
  if (x < min || x > max)
    throw core::validation_error({{name, "应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间"}});
  return x;
}

void rethrow_db(const std::exception_ptr& e, const std::string& what) {
  try {
    std::rethrow_exception(e);
  } catch (const store::DbError& d) {
    if (d.kind() == store::DbError::Kind::unique) throw core::conflict("duplicate", what + "已存在（编码或名称重复）");
    if (d.kind() == store::DbError::Kind::foreign_key) throw core::conflict("in-use", what + "被其他数据引用，或引用的数据不存在");
    if (d.kind() == store::DbError::Kind::check) throw core::bad_request(what + "的取值不符合要求");
    throw;
  }
}

static std::string mime_of(const fs::path& p) {
  auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".gz") return "application/gzip";
  return "application/octet-stream";
}

static Response static_file(const core::Config& cfg, const Request& req) {
  if (req.method != "GET" && req.method != "HEAD") throw core::ApiError(405, "method-not-allowed", "不支持该请求方法");
  fs::path root = fs::weakly_canonical(cfg.web_dir);
  std::string rel = req.path;
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  fs::path p = fs::weakly_canonical(root / rel);
  auto inside = [&](const fs::path& x) {
    auto r = root.string(), s = x.string();
    return s.size() >= r.size() && s.compare(0, r.size(), r) == 0;
  };
  std::error_code ec;
  if (rel.empty() || !inside(p) || !fs::is_regular_file(p, ec)) {
    // SPA fallback: client-side routes are served the app shell.
    p = root / "index.html";
    if (!fs::is_regular_file(p, ec)) {
      Response r;
      r.status = 200;
      r.content_type = "text/html; charset=utf-8";
      r.body = "<!doctype html><meta charset=utf-8><title>envgrid</title><p>网页端尚未构建：请运行 make web。API 位于 /api/v1。</p>";
      return r;
    }
  }
  Response r;
  r.content_type = mime_of(p);
  r.file = p;
  if (p.filename() == "index.html") r.headers.emplace_back("Cache-Control", "no-cache");
  else if (p.parent_path().filename() == "assets") r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  return r;
}

Response App::handle(Request& req) {
  Response res;
  if (req.path.rfind("/api/", 0) == 0) {
    int status = 404;
    const Route* route = router.match(req, status);
    if (!route) {
      if (status == 405) throw core::ApiError(405, "method-not-allowed", "不支持该请求方法");
      throw core::ApiError(404, "no-route", "接口不存在", req.path);
    }
    res = route->handler(req);
    bool cache_set = false;
    for (const auto& [k, v] : res.headers) cache_set |= k == "Cache-Control";
    if (!cache_set) res.headers.emplace_back("Cache-Control", "no-store");
  } else {
    res = static_file(cfg, req);
    res.headers.emplace_back("Content-Security-Policy",
                             "default-src 'self'; img-src 'self' data: blob: http: https:; style-src 'self' 'unsafe-inline'; "
                             "connect-src 'self'; frame-ancestors 'none'");
  }
  res.headers.emplace_back("Referrer-Policy", "same-origin");
  if (req.method == "HEAD") res.body.clear();
  return res;
}

}  // namespace envgrid::http
