// Merchants (商户) in frontage zones: duty set (门前五包), signed 责任书, licence status
// (七小行业 三无), trade, star rating. Reads: signed-in users of the tenant; writes: admin
// and dispatcher.
#include <map>

#include "http/territory_routes.hpp"
#include "http/territory_state.hpp"
#include "http/territory_util.hpp"

namespace envgrid::http {

namespace json = boost::json;
using namespace territory;

namespace {

const std::vector<std::string> kLicence = {"complete", "none"};

json::object merchant_json(const store::MerchantRow& m, const std::map<std::int64_t, std::string>& zones) {
  json::value zone_name = nullptr;
  if (m.zone_id)
    if (auto it = zones.find(*m.zone_id); it != zones.end()) zone_name = it->second;
  return {{"id", m.id},
          {"name", m.name},
          {"address", m.address},
          {"zone_id", core::opt(m.zone_id)},
          {"zone_name", std::move(zone_name)},
          {"lng", core::opt(m.lng)},
          {"lat", core::opt(m.lat)},
          {"duty_set", parse_stored(m.duty_set)},
          {"pledge_signed_at", core::opt(m.pledge_signed_at)},
          {"pledge_attachment_sha", core::opt(m.pledge_attachment_sha)},
          {"licence_status", m.licence_status},
          {"licence_label", m.licence_status == "none" ? "三无（无证照）" : "证照齐全"},
          {"trade", m.trade},
          {"stars", m.stars},
          {"contact", m.contact},
          {"phone", m.phone},
          {"version", m.version}};
}

std::map<std::int64_t, std::string> zone_names(store::Conn& c, std::int64_t tenant,
                                               const std::vector<store::MerchantRow>& rows) {
  std::vector<std::int64_t> ids;
  for (const auto& m : rows)
    if (m.zone_id) ids.push_back(*m.zone_id);
  std::map<std::int64_t, std::string> out;
  for (auto& [id, name] : store::names_of(c, tenant, "zones", ids)) out[id] = name;
  return out;
}

bool is_hex(const std::string& s) { return s.find_first_not_of("0123456789abcdef") == std::string::npos; }

void read_merchant(core::JsonReader& r, const json::object& body, store::MerchantRow& m, bool create) {
  if (auto v = r.str("name", create, 64, 1)) m.name = *v;
  if (auto v = r.str("address", create, 128, 1)) m.address = *v;
  read_ref(r, body, "zone_id", m.zone_id);
  const bool has_lng = body.contains("lng"), has_lat = body.contains("lat");
  auto lng = r.num("lng", false, -180, 180), lat = r.num("lat", false, -90, 90);
  if (has_lng != has_lat) r.fail(has_lng ? "lat" : "lng", "经度和纬度须同时提供");
  if (lng && lat) {
    if (*lng < 73 || *lng > 136 || *lat < 3 || *lat > 54) r.fail("lng", "坐标不在中国范围内");
    m.lng = lng;
    m.lat = lat;
  } else if (has_lng && has_lat && body.at("lng").is_null() && body.at("lat").is_null()) {
    m.lng.reset();
    m.lat.reset();
  }
  if (auto v = r.str_array("duty_set", false, 10, 20)) {
    json::array a;
    for (size_t i = 0; i < v->size(); ++i) {
      if ((*v)[i].empty()) r.fail("duty_set[" + std::to_string(i) + "]", "不能为空");
      a.emplace_back((*v)[i]);
    }
    m.duty_set = json::serialize(a);
  }
  std::optional<std::string> signed_at = m.pledge_signed_at, sha = m.pledge_attachment_sha;
  read_opt_str(r, body, "pledge_signed_at", 10, signed_at);
  if (signed_at && !core::parse_date(*signed_at)) r.fail("pledge_signed_at", "日期格式应为 YYYY-MM-DD");
  else m.pledge_signed_at = signed_at;
  read_opt_str(r, body, "pledge_attachment_sha", 64, sha);
  if (sha && (sha->size() != 64 || !is_hex(*sha))) r.fail("pledge_attachment_sha", "应为 64 位小写十六进制 SHA-256");
  else m.pledge_attachment_sha = sha;
  if (auto v = r.one_of("licence_status", false, kLicence)) m.licence_status = *v;
  if (auto v = r.str("trade", false, 32)) m.trade = *v;
  if (auto v = r.int64("stars", false, 0, 5)) m.stars = static_cast<int>(*v);
  if (auto v = r.str("contact", false, 32)) m.contact = *v;
  if (auto v = r.str("phone", false, 32)) m.phone = *v;
}

// References; a frontage zone's duties become the merchant's when it has none of its own.
void check_merchant(store::Conn& c, std::int64_t tenant, core::JsonReader& r, store::MerchantRow& m) {
  if (m.zone_id) {
    auto z = store::get_zone(c, tenant, *m.zone_id);
    if (!z) {
      r.fail("zone_id", "责任区不存在");
    } else if (m.duty_set == "[]" && z->kind == "frontage") {
      auto attrs = parse_stored(z->attrs);
      if (attrs.is_object() && attrs.as_object().contains("duties"))
        m.duty_set = json::serialize(attrs.as_object().at("duties"));
    }
  }
  if (m.pledge_attachment_sha &&
      !c.first("SELECT 1 FROM attachments WHERE tenant_id = ? AND sha256 = ?", {tenant, *m.pledge_attachment_sha}))
    r.fail("pledge_attachment_sha", "责任书附件不存在，请先上传");
}

// The smallest frontage zone containing the merchant's point, if any.
std::optional<std::int64_t> frontage_at(App& app, std::int64_t tenant, double lng, double lat) {
  auto& st = territory_state(app, tenant);
  auto hit = st.index.snapshot()->lookup({lng, lat});
  auto meta = st.meta.load();
  std::optional<std::int64_t> best;
  double best_area = 0;
  for (auto z : hit.zone_ids)
    if (auto it = meta->zones.find(z); it != meta->zones.end() && it->second.kind == "frontage" &&
                                       (!best || it->second.area_m2 < best_area)) {
      best = z;
      best_area = it->second.area_m2;
    }
  return best;
}

Response one(App& app, std::int64_t tenant, std::int64_t id, int status = 200) {
  auto [m, names] = app.db.read([&](store::Conn& c) {
    auto row = store::get_merchant(c, tenant, id);
    std::map<std::int64_t, std::string> n;
    if (row) n = zone_names(c, tenant, {*row});
    return std::make_pair(row, n);
  });
  if (!m) throw core::not_found("商户");
  return Response::json(merchant_json(*m, names), status);
}

}  // namespace

void register_merchant_routes(App& app) {
  app.router.get("/api/v1/merchants", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto q = page_query(req);
    filter_id(req, q, "zone_id", "zone_id");
    filter_text(req, q, "licence_status", "licence_status", kLicence);
    if (auto s = query_int(req, "stars", 0, 5)) q.eq.emplace_back("stars", *s);
    auto [rows, names] = app.db.read([&](store::Conn& c) {
      auto rs = store::list_merchants(c, a.tenant_id, q);
      return std::make_pair(rs, zone_names(c, a.tenant_id, rs));
    });
    json::array items;
    for (const auto& m : rows) items.push_back(merchant_json(m, names));
    return page_response(std::move(items), rows.empty() ? 0 : rows.back().id, q);
  });

  app.router.get("/api/v1/merchants/{id}", [&app](Request& req) {
    Actor a = app.authenticate(req);
    return one(app, a.tenant_id, path_id(req, "id", "商户"));
  });

  app.router.post("/api/v1/merchants", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::MerchantRow m;
    read_merchant(r, body, m, true);
    if (!m.zone_id && m.lng && m.lat) m.zone_id = frontage_at(app, a.tenant_id, *m.lng, *m.lat);
    app.db.read([&](store::Conn& c) { check_merchant(c, a.tenant_id, r, m); });
    r.finish();
    std::int64_t id = 0;
    try {
      id = app.db.write([&](store::Conn& c) { return store::insert_merchant(c, a.tenant_id, m); });
    } catch (...) {
      rethrow_db(std::current_exception(), "商户");
    }
    return one(app, a.tenant_id, id, 201);
  });

  app.router.patch("/api/v1/merchants/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    const auto id = path_id(req, "id", "商户");
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto m = app.db.read([&](store::Conn& c) { return store::get_merchant(c, a.tenant_id, id); });
    if (!m) throw core::not_found("商户");
    const auto current = m->version;
    read_merchant(r, body, *m, false);
    auto version = read_version(r);
    app.db.read([&](store::Conn& c) { check_merchant(c, a.tenant_id, r, *m); });
    r.finish();
    if (*version != current) throw_stale("商户");
    m->version = *version;
    bool ok = false;
    try {
      ok = app.db.write([&](store::Conn& c) { return store::update_merchant(c, a.tenant_id, *m); });
    } catch (...) {
      rethrow_db(std::current_exception(), "商户");
    }
    if (!ok) throw_stale("商户");
    return one(app, a.tenant_id, id);
  });

  app.router.del("/api/v1/merchants/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    const auto id = path_id(req, "id", "商户");
    bool found = false;
    try {
      found = app.db.write([&](store::Conn& c) { return store::delete_merchant(c, a.tenant_id, id); });
    } catch (...) {
      rethrow_db(std::current_exception(), "商户");
    }
    if (!found) throw core::not_found("商户");
    return Response::no_content();
  });
}

}  // namespace envgrid::http
