// Patrols (巡查): a grid worker's or inspector's tour with its GPS track, and coverage:
// grids and road segments nobody visited in N days, and who missed 日巡 ≥ 2 次.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/json.hpp"
#include "http/app.hpp"
#include "http/locate.hpp"
#include "store/fieldwork.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

constexpr int kDailyTours = 2;  // 日巡 ≥ 2 次

json::object patrol_json(const store::PatrolRow& p) {
  return {{"id", p.id},
          {"user_id", p.user_id},
          {"started_at", core::format_iso(p.started_at)},
          {"stopped_at", p.stopped_at ? json::value(core::format_iso(*p.stopped_at)) : json::value(nullptr)},
          {"point_count", p.point_count}};
}

// The running patrol of the actor, 404 for another tenant's or unknown id, 403 for
// someone else's tour.
store::PatrolRow own_patrol(App& app, const Actor& a, std::int64_t id) {
  auto p = app.db.read([&](store::Conn& c) { return store::get_patrol(c, a.tenant_id, id); });
  if (!p) throw core::not_found("巡查");
  if (p->user_id != a.user_id) throw core::forbidden("只能操作自己的巡查");
  if (p->stopped_at) throw core::conflict("stopped", "巡查已结束");
  return *p;
}

// [lng, lat, time] with time as epoch ms or ISO 8601; errors go to r.
std::vector<store::TrackPoint> read_points(core::JsonReader& r, core::Millis now) {
  std::vector<store::TrackPoint> out;
  const json::value* v = r.raw("points", true);
  if (!v) return out;
  if (!v->is_array() || v->as_array().empty() || v->as_array().size() > 2000) {
    r.fail("points", "应为 1 到 2000 个 [经度, 纬度, 时间] 数组");
    return out;
  }
  for (size_t i = 0; i < v->as_array().size(); ++i) {
    const std::string at = "points[" + std::to_string(i) + "]";
    const auto& x = v->as_array()[i];
    if (!x.is_array() || x.as_array().size() != 3 || !x.as_array()[0].is_number() || !x.as_array()[1].is_number()) {
      r.fail(at, "应为 [经度, 纬度, 时间]");
      continue;
    }
    const auto& a = x.as_array();
    store::TrackPoint t{0, a[0].to_number<double>(), a[1].to_number<double>()};
    std::optional<core::Millis> when;
    if (a[2].is_int64()) when = a[2].as_int64();
    else if (a[2].is_string()) when = core::parse_iso(std::string(a[2].as_string()));
    if (t.lng < 73 || t.lng > 136 || t.lat < 3 || t.lat > 54) r.fail(at, "坐标不在中国范围内");
    else if (!when) r.fail(at, "时间应为毫秒时间戳或 ISO 8601");
    else if (*when > now + 5 * core::kMinute) r.fail(at, "时间晚于当前时间");
    else {
      t.at = *when;
      out.push_back(t);
    }
  }
  return out;
}

// Grids and road zones of the tenant by id → (code, name); the geometry lookup is the
// territory's shared index behind http::locate.
struct Areas {
  std::map<std::int64_t, std::pair<std::string, std::string>> grids, roads;
};

Areas load_areas(store::Conn& c, std::int64_t tenant) {
  Areas out;
  for (const auto& r : c.query("SELECT id, code, name FROM grids WHERE tenant_id = ?", {tenant}).rows)
    out.grids[r.i64(0)] = {r.str(1), r.str(2)};
  for (const auto& r : c.query("SELECT id, code, name FROM zones WHERE tenant_id = ? AND kind = 'road'", {tenant}).rows)
    out.roads[r.i64(0)] = {r.str(1), r.str(2)};
  return out;
}

}  // namespace

void register_patrol_routes(App& app) {
  app.router.get("/api/v1/patrols/coverage", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "leader", "viewer"});
    const auto days = query_int(req, "days", 1, 90).value_or(7);
    const auto now = app.clock.now();
    const core::Date today = core::to_local(now).date;
    const core::Millis since = core::local_midnight(core::add_days(today, -static_cast<int>(days) + 1));
    Areas areas;
    std::vector<std::pair<std::int64_t, store::TrackPoint>> points;
    std::vector<std::pair<std::int64_t, std::string>> workers;
    std::vector<store::PatrolRow> tours;
    app.db.read([&](store::Conn& c) {
      areas = load_areas(c, a.tenant_id);
      points = store::points_since(c, a.tenant_id, since);
      for (const auto& r : c.query("SELECT u.id, u.display_name FROM users u JOIN user_roles r ON r.user_id = u.id "
                                   "WHERE u.tenant_id = ? AND r.role = 'grid_worker' AND u.disabled = 0 ORDER BY u.id",
                                   {a.tenant_id})
                               .rows)
        workers.emplace_back(r.i64(0), r.str(1));
      tours = store::list_patrols(c, a.tenant_id, std::nullopt, 100000);
    });
    // A track repeats nearly the same spot many times; look each ~1 m cell up once.
    std::set<std::pair<std::int64_t, std::int64_t>> cells;
    for (const auto& [user, t] : points) cells.emplace(std::llround(t.lng * 1e5), std::llround(t.lat * 1e5));
    std::set<std::int64_t> grid_seen, road_seen;
    for (const auto& [x, y] : cells) {
      auto hit = locate(app, a.tenant_id, {static_cast<double>(x) / 1e5, static_cast<double>(y) / 1e5});
      if (hit.grid_id) grid_seen.insert(*hit.grid_id);
      for (auto z : hit.zone_ids) road_seen.insert(z);
    }
    auto unvisited = [](const auto& all, const auto& seen) {
      json::array out;
      for (const auto& [id, cn] : all)
        if (!seen.count(id)) out.push_back({{"id", id}, {"code", cn.first}, {"name", cn.second}});
      return out;
    };
    // 日巡 ≥ 2 次: tours with at least one point, per worker and past day of the window.
    std::map<std::pair<std::int64_t, std::string>, int> per_day;
    for (const auto& t : tours)
      if (t.started_at >= since && t.point_count > 0)
        ++per_day[{t.user_id, core::format_date(core::to_local(t.started_at).date)}];
    json::array missed;
    for (core::Date d = core::to_local(since).date; d < today; d = core::add_days(d, 1))
      for (const auto& [uid, name] : workers) {
        auto it = per_day.find({uid, core::format_date(d)});
        const int n = it == per_day.end() ? 0 : it->second;
        if (n < kDailyTours)
          missed.push_back({{"user_id", uid}, {"name", name}, {"date", core::format_date(d)}, {"tours", n}});
      }
    return Response::json(json::object{{"days", days},
                                       {"since", core::format_iso(since)},
                                       {"grids_not_visited", unvisited(areas.grids, grid_seen)},
                                       {"roads_not_visited", unvisited(areas.roads, road_seen)},
                                       {"daily_rule", kDailyTours},
                                       {"daily_missed", missed}});
  });

  app.router.get("/api/v1/patrols", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "leader", "viewer"});
    auto user = query_int(req, "user_id", 1, INT64_MAX);
    if (!a.sees_all()) user = a.user_id;
    auto rows = app.db.read([&](store::Conn& c) { return store::list_patrols(c, a.tenant_id, user, 500); });
    json::array items;
    for (const auto& p : rows) items.push_back(patrol_json(p));
    return Response::json(json::object{{"items", items}});
  });

  app.router.post("/api/v1/patrols/start", [&app](Request& req) {
    Actor a = app.require(req, {"grid_worker", "inspector"});
    if (!req.body.empty()) core::JsonReader(core::parse_object(req.body)).finish();
    store::PatrolRow p{0, a.tenant_id, a.user_id, app.clock.now(), std::nullopt, 0};
    p.id = app.db.write([&](store::Conn& c) -> std::int64_t {
      if (store::open_patrol(c, a.tenant_id, a.user_id)) throw core::conflict("running", "已有进行中的巡查，请先结束");
      return store::insert_patrol(c, p);
    });
    return Response::json(patrol_json(p), 201);
  });

  app.router.post("/api/v1/patrols/{id}/points", [&app](Request& req) {
    Actor a = app.require(req, {"grid_worker", "inspector"});
    auto p = own_patrol(app, a, path_id(req, "id", "巡查"));
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto pts = read_points(r, app.clock.now());
    r.finish();
    if (!app.db.write([&](store::Conn& c) { return store::add_points(c, p, pts); }))
      throw core::conflict("stopped", "巡查已结束");
    p.point_count += static_cast<std::int64_t>(pts.size());
    return Response::json(patrol_json(p));
  });

  app.router.post("/api/v1/patrols/{id}/stop", [&app](Request& req) {
    Actor a = app.require(req, {"grid_worker", "inspector"});
    auto p = own_patrol(app, a, path_id(req, "id", "巡查"));
    if (!req.body.empty()) core::JsonReader(core::parse_object(req.body)).finish();
    p.stopped_at = app.clock.now();
    if (!app.db.write([&](store::Conn& c) { return store::stop_patrol(c, a.tenant_id, p.id, *p.stopped_at); }))
      throw core::conflict("stopped", "巡查已结束");
    return Response::json(patrol_json(p));
  });
}

}  // namespace envgrid::http
