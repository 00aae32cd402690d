#include "cli/demo_problems.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <random>

#include "http/app.hpp"
#include "http/ledger_domain.hpp"
#include "http/ledger_service.hpp"
#include "media/photo.hpp"
#include "store/accounts.hpp"
#include "store/feedback.hpp"

namespace envgrid::cli {

namespace json = boost::json;
using core::kHour;
using core::kMinute;

namespace {

struct Place {
  double lng, lat;
  std::string name;
};

struct Demo {
  http::App& app;
  core::FixedClock& clock;
  std::mt19937 rng{20240913};
  std::map<std::string, std::vector<http::Actor>> by_role;
  std::vector<Place> places;
  std::vector<std::string> categories;
  std::uint32_t seed = 1;

  int pick(int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); }
  bool chance(int percent) { return pick(100) < percent; }
  const http::Actor& any(const std::string& role) { return by_role.at(role)[static_cast<size_t>(pick(static_cast<int>(by_role.at(role).size())))]; }

  std::int64_t photo(const http::Actor& who, core::Millis taken, double lng, double lat, const std::string& caption) {
    media::PhotoSpec s;
    s.width = 800;
    s.height = 600;
    s.seed = seed++ * 7919u;
    s.taken_at = taken;
    s.lng = lng + (static_cast<int>(rng() % 200) - 100) * 1e-6;
    s.lat = lat + (static_cast<int>(rng() % 200) - 100) * 1e-6;
    s.caption = caption;
    clock.set(taken + 2 * kMinute);
    return http::store_attachment(app, who, media::make_photo_jpeg(s), "demo.jpg");
  }
};

http::Actor actor_of(const store::UserRecord& u) {
  http::Actor a;
  a.user_id = u.id;
  a.tenant_id = u.tenant_id;
  a.username = u.username;
  a.display_name = u.display_name;
  a.roles = u.roles;
  a.unit_id = u.unit_id;
  a.unit_name = u.unit_name;
  a.grid_ids = u.grid_ids;
  return a;
}

// A working-hours moment on day d (Shanghai), between 08:40 and 17:00.
core::Millis working_moment(Demo& d, core::Date day) {
  const int minute = 8 * 60 + 40 + d.pick(8 * 60);
  return core::local_midnight(day) + (minute >= 12 * 60 && minute < 13 * 60 + 30 ? minute + 90 : minute) * kMinute;
}

// A district inspection's feedback list (交办清单) received twelve days ago: eight items
// dispatched with a ten-day limit; most rectified and verified, one awaiting verification,
// two still open (so the answer document has both kinds to report).
void demo_feedback_list(Demo& d, std::int64_t tenant, core::Millis now) {
  const core::Date today = core::to_local(now).date;
  const core::Date received = core::add_days(today, -12);
  const core::Millis at = working_moment(d, received);
  const auto& disp = d.any("dispatcher");
  store::FeedbackList list;
  list.tenant_id = tenant;
  list.title = "区城乡环境大整治第二督查组反馈问题清单";
  list.doc_number = "区环整督〔" + std::to_string(received.year) + "〕18号";
  list.issuing_body = "区城乡环境大整治办公室";
  list.source = "higher_level";
  list.source_level = "区";
  list.received_on = core::format_date(received);
  list.due_on = core::format_date(core::add_days(received, 15));
  list.filename = "第二督查组反馈问题清单.xlsx";
  list.created_by = disp.user_id;
  list.created_at = at;
  static const std::vector<std::pair<std::string, std::string>> found = {
      {"06010", "背街小巷堆放生活垃圾，未及时清运"}, {"06036", "居民楼道口堆放杂物"},
      {"06012", "路面油污、沙土未清扫"},            {"06001", "沿街商户私搭雨棚"},
      {"06011", "空地积存建筑垃圾渣土"},            {"06030", "沿街餐饮店向路边倾倒污水"},
      {"06010", "绿化带内积存垃圾"},                {"06036", "废品收购点占道堆放"}};
  const auto& handlers = d.by_role.at("unit_handler");
  std::vector<http::FeedbackEntry> entries;
  std::vector<const http::Actor*> owners;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (!http::find_category(d.app, tenant, found[i].first)) continue;
    const Place& place = d.places[i % d.places.size()];
    http::FeedbackEntry e;
    e.row_no = static_cast<std::int64_t>(entries.size() + 3);
    e.ref = std::to_string(entries.size() + 1);
    e.raw = json::serialize(json::object{{"description", found[i].second}});
    http::IntakeInput& in = e.in;
    in.category_code = found[i].first;
    in.source = "higher_level";
    in.source_level = "区";
    in.lng = place.lng + 0.0004 * static_cast<double>(i % 3);
    in.lat = place.lat - 0.0003 * static_cast<double>(i % 2);
    in.address = place.name + "内";
    in.description = found[i].second;
    in.reported_at = at;
    owners.push_back(&handlers[i % handlers.size()]);
    in.dispatch = http::DispatchInput{*owners.back()->unit_id, {}, core::local_midnight(core::add_days(received, 11)) - 1000};
    entries.push_back(std::move(e));
  }
  d.clock.set(at);
  auto problems = http::record_feedback_list(d.app, disp, list, entries);
  for (std::size_t i = 0; i < problems.size(); ++i) {
    auto& p = problems[i];
    const auto& handler = *owners[i];
    if (i >= 6) continue;  // still open, one of them past its limit by now
    const core::Millis handled = at + static_cast<core::Millis>(1 + i) * core::kDay;
    auto after = d.photo(handler, handled - 20 * kMinute, p.lng, p.lat, "已整改");
    d.clock.set(handled);
    p = http::act(d.app, handler, p.id, {.action = "handle", .version = p.version, .comment = "已组织人员整改到位",
                                         .attachment_ids = {after},
                                         .outcome = http::Outcome{i % 2 ? "persuade" : "clear", 1.0 + static_cast<double>(i), std::nullopt, ""},
                                         .at = handled});
    if (i == 5) continue;  // handled, waiting for verification
    d.clock.set(handled + 3 * kHour);
    http::act(d.app, d.any("inspector"), p.id,
              {.action = "verify_pass", .version = p.version, .comment = "复核已整改到位", .at = handled + 3 * kHour});
  }
  std::printf("  交办清单：%s（%zu 项）\n", list.title.c_str(), problems.size());
}

}  // namespace

void demo_problems(store::Database& db, const core::Config& cfg, std::int64_t tenant, int months, core::Millis now) {
  if (months <= 0) return;
  core::FixedClock clock(now);
  http::App app(cfg, db, clock);
  Demo d{app, clock};
  for (const auto& u : db.read([&](store::Conn& c) { return store::list_users(c, tenant); }))
    for (const auto& r : u.roles) d.by_role[r].push_back(actor_of(u));
  for (const char* role : {"dispatcher", "inspector", "grid_worker", "unit_handler"})
    if (d.by_role[role].empty()) throw std::runtime_error(std::string("演示数据缺少角色: ") + role);
  db.read([&](store::Conn& c) {
    for (const auto& r : c.query("SELECT geometry, name FROM grids WHERE tenant_id = ? ORDER BY id", {tenant}).rows) {
      auto g = json::parse(r.str(0)).as_object();
      const auto& coords = g.at("coordinates").as_array();
      const auto& ring = (g.at("type").as_string() == "Polygon" ? coords : coords.at(0).as_array()).at(0).as_array();
      double x = 0, y = 0;
      for (size_t i = 0; i + 1 < ring.size(); ++i) {
        x += ring[i].as_array()[0].to_number<double>();
        y += ring[i].as_array()[1].to_number<double>();
      }
      d.places.push_back({x / static_cast<double>(ring.size() - 1), y / static_cast<double>(ring.size() - 1), r.str(1)});
    }
  });
  for (const char* code : {"06010", "06011", "06012", "06014", "06001", "06030", "06036", "07001", "07003", "08004",
                           "08011", "09005", "09006", "09009", "09010"})
    if (http::find_category(app, tenant, code)) d.categories.push_back(code);
  if (d.places.empty() || d.categories.empty()) throw std::runtime_error("演示数据缺少网格或问题类别");

  static const std::vector<std::string> roads = {"文峰路", "文弘路", "凤凰路", "孝水路", "山川路", "沿河路"};
  const core::Date today = core::to_local(now).date;
  const core::Date first = core::add_days(today, -30 * months);
  int made = 0, closed = 0;
  std::vector<std::pair<std::int64_t, Place>> recent_closed;
  for (core::Date day = first; day <= today; day = core::add_days(day, 1)) {
    const int per_day = 5 + d.pick(6);
    for (int k = 0; k < per_day; ++k) {
      core::Millis t = working_moment(d, day);
      if (t > now - kHour) continue;
      Place place = d.places[static_cast<size_t>(d.pick(static_cast<int>(d.places.size())))];
      place.lng += (d.pick(400) - 200) * 1e-5;
      place.lat += (d.pick(300) - 150) * 1e-5;
      const bool rebound = !recent_closed.empty() && d.chance(4);
      if (rebound) place = recent_closed[static_cast<size_t>(d.pick(static_cast<int>(recent_closed.size())))].second;
      const std::string cat = d.categories[static_cast<size_t>(d.pick(static_cast<int>(d.categories.size())))];
      http::IntakeInput in;
      in.category_code = cat;
      in.lng = place.lng;
      in.lat = place.lat;
      in.address = roads[static_cast<size_t>(d.pick(static_cast<int>(roads.size())))] + " " + std::to_string(1 + d.pick(300)) + " 号附近";
      in.reported_at = t;
      const int src = d.pick(100);
      const http::Actor* reporter;
      if (src < 55) { in.source = "patrol"; reporter = &d.any("grid_worker"); }
      else if (src < 70) { in.source = "inspection"; reporter = &d.any("inspector"); }
      else if (src < 77) { in.source = "covert"; reporter = &d.any("inspector"); }
      else if (src < 82) { in.source = "higher_level"; in.source_level = d.chance(70) ? "区" : "市"; reporter = &d.any("inspector"); }
      else if (src < 86) { in.source = "media"; reporter = &d.any("dispatcher"); }
      else { in.source = "citizen"; reporter = &d.any("dispatcher"); }
      auto cat_view = http::find_category(app, tenant, cat);
      in.description = cat_view->name + "：" + place.name + "附近发现，需尽快整治";
      in.before_ids = {d.photo(*reporter, t - (5 + d.pick(20)) * kMinute, place.lng, place.lat, cat_view->name)};
      // Grid workers fix small things on the spot (一经发现立即清理).
      if (in.source == "patrol" && d.chance(12)) {
        in.fixed_on_spot = true;
        in.after_ids = {d.photo(*reporter, t + 20 * kMinute, place.lng, place.lat, "已清理")};
        in.outcome = http::Outcome{"clear", 0.2 + d.pick(10) / 10.0, std::nullopt, "吨"};
        in.reported_at = t + 25 * kMinute;
      }
      d.clock.set(*in.reported_at);
      auto p = http::intake(app, *reporter, in);
      ++made;
      if (p.state == "closed" || p.state == "handled") continue;
      const auto& disp = d.any("dispatcher");
      const core::Millis age = now - t;
      auto step = [&](const http::Actor& who, const std::string& action, core::Millis at, http::ActionInput extra) {
        if (at >= now) return false;
        extra.action = action;
        extra.version = p.version;
        extra.at = at;
        d.clock.set(at);
        p = http::act(app, who, p.id, extra);
        return true;
      };
      core::Millis at = t + (10 + d.pick(50)) * kMinute;
      if (d.chance(3)) { step(disp, "reject", at, {.comment = "不属于受理范围"}); continue; }
      if (!step(disp, "accept", at, {})) continue;
      if (p.duplicate_of && d.chance(70)) { step(disp, "merge", at + kMinute, {.comment = "重复上报", .merge_into = p.duplicate_of}); continue; }
      const auto& handlers = d.by_role.at("unit_handler");
      const auto& handler = handlers[static_cast<size_t>(d.pick(static_cast<int>(handlers.size())))];
      at += (20 + d.pick(100)) * kMinute;
      http::DispatchInput di{*handler.unit_id, {}, std::nullopt};
      if (p.suggested_unit_id && d.chance(40))
        for (const auto& h : handlers) if (h.unit_id == p.suggested_unit_id) di.unit_id = *h.unit_id;
      if (!step(disp, "dispatch", at, {.dispatch = di})) continue;
      const http::Actor* unit_actor = &handler;
      for (const auto& h : handlers) if (h.unit_id == p.unit_id) unit_actor = &h;
      if (d.chance(5)) {
        at += 2 * kHour;
        if (!step(*unit_actor, "return", at, {.comment = "不属于本单位职责，请重新派遣"})) continue;
        at += kHour;
        if (!step(disp, "dispatch", at, {.dispatch = http::DispatchInput{*handler.unit_id, {}, std::nullopt}})) continue;
        unit_actor = &handler;
      }
      if (d.chance(6)) {
        at += kHour;
        if (!step(*unit_actor, "request_extension", at, {.comment = "需协调机械清运", .hours = 8})) continue;
        at += 30 * kMinute;
        if (!step(disp, "approve_extension", at, {})) continue;
      }
      int rounds = d.chance(10) ? 2 : 1;
      bool done = true;
      for (int r = 0; r < rounds && done; ++r) {
        // Most are handled within the limit; some late (overdue), a few still open.
        at += (1 + (d.chance(15) ? 40 + d.pick(60) : d.pick(20))) * kHour;
        if (at + kHour >= now) { done = false; break; }
        auto after = d.photo(*unit_actor, at - 10 * kMinute, p.lng, p.lat, "整改后");
        done = step(*unit_actor, "handle", at, {.comment = "已整改", .attachment_ids = {after},
                    .outcome = http::Outcome{d.chance(50) ? "clear" : "persuade", 1.0 + d.pick(5), std::nullopt, ""}});
        if (!done) break;
        at += (1 + d.pick(6)) * kHour;
        if (r + 1 < rounds) done = step(d.any("inspector"), "verify_fail", at, {.comment = "整改不彻底，仍有残留"});
      }
      if (done && step(d.any("inspector"), "verify_pass", at + 30 * kMinute, {.comment = "现场核查已整改到位"})) {
        ++closed;
        if (age < 30 * core::kDay && d.chance(20)) recent_closed.push_back({p.id, place});
      }
    }
    if (core::to_local(core::local_midnight(day)).date.day == 1 || day == today)
      std::printf("  演示问题：截至 %s 已生成 %d 件（已结案 %d 件）\n", core::format_date(day).c_str(), made, closed);
  }
  demo_feedback_list(d, tenant, now);
}

}  // namespace envgrid::cli
