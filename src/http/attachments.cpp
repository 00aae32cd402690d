// Photo uploads: decoded and checked (never trusted by name), stored content-addressed
// under the data directory, with EXIF time/GPS, a thumbnail and a dHash.
#include <array>

#include "core/json.hpp"
#include "http/app.hpp"
#include "http/multipart.hpp"
#include "media/attachment_store.hpp"
#include "media/image.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace ledger {
std::array<std::int64_t, 5> dhash_bands_of(std::uint64_t h) {
  std::array<std::int64_t, 5> b{};
  for (int i = 0; i < 5; ++i) {
    const int bits = i < 4 ? 13 : 12;
    b[static_cast<size_t>(i)] = static_cast<std::int64_t>((h >> (13 * i)) & ((1ULL << bits) - 1));
  }
  return b;
}
}  // namespace ledger

json::object attachment_json(const store::Row& r) {
  // Columns: id, sha256, mime, size, width, height, taken_at, lng, lat, filename
  const auto id = r.i64(0);
  const std::string base = "/api/v1/attachments/" + std::to_string(id);
  json::value taken = nullptr;
  if (!r.null(6)) taken = core::format_iso(r.i64(6));
  return {{"id", id}, {"sha256", r.str(1)}, {"mime", r.str(2)}, {"size", r.i64(3)}, {"width", r.i64(4)},
          {"height", r.i64(5)}, {"taken_at", taken}, {"lng", core::opt(r.opt_f64(7))}, {"lat", core::opt(r.opt_f64(8))},
          {"filename", r.str(9)}, {"url", base + "/file"}, {"thumbnail_url", base + "/thumbnail"}};
}

const char* kAttachmentCols = "id, sha256, mime, size, width, height, taken_at, lng, lat, filename";

static store::Row load_attachment(App& app, std::int64_t tenant, std::int64_t id) {
  auto r = app.db.read([&](store::Conn& c) {
    return c.first(std::string("SELECT ") + kAttachmentCols + " FROM attachments WHERE tenant_id = ? AND id = ?",
                   {tenant, id});
  });
  if (!r) throw core::not_found("附件");
  return *r;
}

std::int64_t store_attachment(App& app, const Actor& a, std::string_view bytes, const std::string& name) {
  media::Limits limits;
  limits.max_bytes = static_cast<size_t>(app.cfg.max_upload_bytes);
  limits.max_pixels = app.cfg.max_image_pixels;
  auto info = media::inspect(bytes, limits).take();
  auto thumb = media::thumbnail_jpeg(bytes, 320, limits).take();
  const std::string sha = app.files->put(bytes);
  app.files->put_derived(sha, "thumb.jpg", thumb);
  std::string filename = name.substr(0, 200);
  const auto now = app.clock.now();
  const auto bands = ledger::dhash_bands_of(info.dhash);
  return app.db.write([&](store::Conn& c) {
    return c.insert(
        "INSERT INTO attachments (tenant_id, sha256, mime, size, width, height, taken_at, lng, lat, dhash, dh0, dh1, dh2, "
        "dh3, dh4, filename, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {a.tenant_id, sha, info.mime, static_cast<std::int64_t>(bytes.size()), static_cast<std::int64_t>(info.width),
         static_cast<std::int64_t>(info.height), store::opt_param(info.taken_at), store::opt_param(info.lng),
         store::opt_param(info.lat), static_cast<std::int64_t>(info.dhash), bands[0], bands[1], bands[2], bands[3],
         bands[4], filename, a.user_id, now});
  });
}

void register_attachment_routes(App& app) {
  app.router.post("/api/v1/attachments", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto parts = parse_multipart(req.header("content-type").value_or(""), req.body);
    const Part* file = nullptr;
    for (const auto& p : parts)
      if (p.name == "file") file = &p;
    if (!file) throw core::validation_error({{"file", "缺少文件字段 file"}});
    auto id = store_attachment(app, a, file->body, file->filename);
    return Response::json(attachment_json(load_attachment(app, a.tenant_id, id)), 201);
  });

  app.router.get("/api/v1/attachments/{id}", [&app](Request& req) {
    Actor a = app.authenticate(req);
    return Response::json(attachment_json(load_attachment(app, a.tenant_id, path_id(req, "id", "附件"))));
  });

  app.router.get("/api/v1/attachments/{id}/file", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto r = load_attachment(app, a.tenant_id, path_id(req, "id", "附件"));
    Response res;
    res.content_type = r.str(2);
    res.file = app.files->path_of(r.str(1));
    res.headers.emplace_back("Cache-Control", "private, max-age=86400");
    return res;
  });

  app.router.get("/api/v1/attachments/{id}/thumbnail", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto r = load_attachment(app, a.tenant_id, path_id(req, "id", "附件"));
    auto thumb = app.files->read_derived(r.str(1), "thumb.jpg");
    if (!thumb) throw core::not_found("缩略图");
    Response res;
    res.content_type = "image/jpeg";
    res.body = std::move(*thumb);
    res.headers.emplace_back("Cache-Control", "private, max-age=86400");
    return res;
  });
}

}  // namespace envgrid::http
