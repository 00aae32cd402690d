// Regions (区划): the 12-digit statistical division code tree 区县 → 街道/镇 → 社区/村.
// Reads: any signed-in user of the tenant; writes: admin.
#include "http/territory_routes.hpp"
#include "http/territory_util.hpp"

namespace envgrid::http {

namespace json = boost::json;
using namespace territory;

namespace {

json::object region_json(const store::RegionRow& r) {
  return {{"id", r.id},       {"code", r.code},
          {"name", r.name},   {"level", r.level},
          {"level_label", label_of(region_levels(), r.level)}, {"parent_id", core::opt(r.parent_id)}};
}

int level_rank(const std::string& level) {
  if (level == "county") return 0;
  if (level == "street") return 1;
  return 2;
}

// The code's shape for its level, and its prefix under the parent (6 county + 3 street + 3).
void check_code(core::JsonReader& r, const store::RegionRow& x, const std::optional<store::RegionRow>& parent) {
  if (!digits(x.code, 12)) {
    r.fail("code", "区划编码应为 12 位数字");
    return;
  }
  const int rank = level_rank(x.level);
  if (rank == 0 && x.code.substr(6) != "000000") r.fail("code", "区县级编码后 6 位应为 000000");
  if (rank == 1 && (x.code.substr(9) != "000" || x.code.substr(6, 3) == "000"))
    r.fail("code", "街道/镇级编码第 7–9 位不能为 000，后 3 位应为 000");
  if (rank == 2 && x.code.substr(9) == "000") r.fail("code", "社区/村级编码后 3 位不能为 000");
  if (!parent) return;
  if (level_rank(parent->level) != rank - 1) {
    r.fail("parent_id", "上级区划的层级不对：" + label_of(region_levels(), x.level) + "的上级应为" +
                            (rank == 1 ? "区县" : rank == 2 ? "街道/镇" : "（无）"));
    return;
  }
  const size_t prefix = rank == 1 ? 6 : 9;
  if (x.code.compare(0, prefix, parent->code, 0, prefix) != 0)
    r.fail("code", "编码前 " + std::to_string(prefix) + " 位应与上级区划 " + parent->code + " 一致");
}

void read_region(core::JsonReader& r, const json::object& body, store::RegionRow& x, bool create) {
  if (auto v = r.str("code", create, 12)) x.code = *v;
  if (auto v = r.str("name", create, 64, 1)) x.name = *v;
  if (auto v = r.one_of("level", create, ids_of(region_levels()))) x.level = *v;
  read_ref(r, body, "parent_id", x.parent_id);
}

// Validates x against the database; returns the id of another region holding its code.
std::optional<std::int64_t> check_region(store::Conn& c, std::int64_t tenant, core::JsonReader& r,
                                         const store::RegionRow& x) {
  std::optional<store::RegionRow> parent;
  if (x.parent_id) {
    parent = store::get_region(c, tenant, *x.parent_id);
    if (!parent) r.fail("parent_id", "上级区划不存在");
    else if (parent->id == x.id) r.fail("parent_id", "不能把区划设为自己的上级");
  }
  if (!x.code.empty() && !x.level.empty()) check_code(r, x, parent);
  auto other = store::find_region(c, tenant, x.code);
  if (other && other->id != x.id) return other->id;
  return std::nullopt;
}

}  // namespace

void register_region_routes(App& app) {
  app.router.get("/api/v1/regions", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto q = page_query(req);
    filter_id(req, q, "parent_id", "parent_id");
    filter_text(req, q, "level", "level", ids_of(region_levels()));
    auto rows = app.db.read([&](store::Conn& c) { return store::list_regions(c, a.tenant_id, q); });
    json::array items;
    for (const auto& x : rows) items.push_back(region_json(x));
    return page_response(std::move(items), rows.empty() ? 0 : rows.back().id, q);
  });

  app.router.get("/api/v1/regions/{id}", [&app](Request& req) {
    Actor a = app.authenticate(req);
    const auto id = path_id(req, "id", "区划");
    auto x = app.db.read([&](store::Conn& c) { return store::get_region(c, a.tenant_id, id); });
    if (!x) throw core::not_found("区划");
    return Response::json(region_json(*x));
  });

  app.router.post("/api/v1/regions", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::RegionRow x;
    read_region(r, body, x, true);
    auto dup = app.db.read([&](store::Conn& c) { return check_region(c, a.tenant_id, r, x); });
    r.finish();
    if (dup) throw_duplicate("区划", "code", x.code);
    try {
      x.id = app.db.write([&](store::Conn& c) { return store::insert_region(c, a.tenant_id, x); });
    } catch (...) {
      rethrow_db(std::current_exception(), "区划");
    }
    return Response::json(region_json(x), 201);
  });

  // Regions carry no version column (migration 0001): the last write wins.
  app.router.patch("/api/v1/regions/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const auto id = path_id(req, "id", "区划");
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto x = app.db.read([&](store::Conn& c) { return store::get_region(c, a.tenant_id, id); });
    if (!x) throw core::not_found("区划");
    const std::string old_level = x->level;
    read_region(r, body, *x, false);
    r.int64("version", false, 1);  // accepted for symmetry with the other resources
    auto dup = app.db.read([&](store::Conn& c) {
      if (x->level != old_level && store::region_in_use(c, a.tenant_id, id))
        r.fail("level", "该区划已有下级或被引用，不能修改层级");
      return check_region(c, a.tenant_id, r, *x);
    });
    r.finish();
    if (dup) throw_duplicate("区划", "code", x->code);
    try {
      app.db.write([&](store::Conn& c) { store::update_region(c, a.tenant_id, *x); });
    } catch (...) {
      rethrow_db(std::current_exception(), "区划");
    }
    return Response::json(region_json(*x));
  });

  app.router.del("/api/v1/regions/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin"});
    const auto id = path_id(req, "id", "区划");
    try {
      app.db.write([&](store::Conn& c) {
        if (!store::get_region(c, a.tenant_id, id)) throw core::not_found("区划");
        if (auto why = store::region_in_use(c, a.tenant_id, id)) throw_in_use("区划", *why);
        store::delete_region(c, a.tenant_id, id);
      });
    } catch (const core::ApiError&) {
      throw;
    } catch (...) {
      rethrow_db(std::current_exception(), "区划");
    }
    return Response::no_content();
  });
}

}  // namespace envgrid::http
