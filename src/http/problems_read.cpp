// Reading the ledger: lists, one problem, its history, dashboard counts, chain audit.
#include <algorithm>

#include "core/json.hpp"
#include "http/ledger_domain.hpp"
#include "http/problems_query.hpp"
#include "http/problems_render.hpp"
#include "store/ledger_chain.hpp"

namespace envgrid::http {

namespace json = boost::json;

static json::object history_json(store::Conn& c, const store::TransitionRow& t) {
  auto actor = c.first("SELECT display_name FROM users WHERE id = ?", {t.actor_id});
  return {{"seq", t.seq}, {"action", t.action}, {"action_label", action_label(t.action)},
          {"actor", json::object{{"id", t.actor_id}, {"display_name", actor ? actor->str(0) : ""}}},
          {"from_state", core::opt(t.from_state)}, {"to_state", t.to_state}, {"comment", t.comment},
          {"payload", json::parse(t.payload)}, {"at", core::format_iso(t.at)}, {"prev_hash", t.prev_hash},
          {"hash", t.hash}};
}

void register_problem_read_routes(App& app) {
  app.router.get("/api/v1/problems", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto f = parse_problem_filter(req, app.clock.now(), {"limit", "cursor"});
    apply_scope(a, f);
    int limit = static_cast<int>(query_int(req, "limit", 1, 200).value_or(50));
    std::optional<store::Cursor> cursor;
    if (auto c = req.q("cursor"); c && !c->empty()) {
      cursor = store::decode_cursor(*c);
      if (!cursor) throw core::validation_error({{"cursor", "翻页游标无效"}});
    }
    auto page = app.db.read([&](store::Conn& c) { return store::list_problems(c, a.tenant_id, f, limit, cursor); });
    json::object out{{"items", render_problems(app, a, page.items, false)},
                     {"next_cursor", page.next ? json::value(store::encode_cursor(*page.next)) : json::value(nullptr)}};
    return Response::json(out);
  });

  app.router.get("/api/v1/problems/{id}", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto p = load_visible_problem(app, a, path_id(req, "id", "问题"));
    return Response::json(render_problem(app, a, p));
  });

  app.router.get("/api/v1/problems/{id}/history", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto p = load_visible_problem(app, a, path_id(req, "id", "问题"));
    json::array items;
    app.db.read([&](store::Conn& c) {
      for (const auto& t : store::history(c, a.tenant_id, p.id)) items.push_back(history_json(c, t));
    });
    return Response::json(json::object{{"items", items}});
  });

  app.router.get("/api/v1/stats/problems", [&app](Request& req) {
    Actor a = app.authenticate(req);
    auto f = parse_problem_filter(req, app.clock.now(), {"group_by"});
    apply_scope(a, f);
    const std::string by = req.q("group_by").value_or("state");
    static const std::map<std::string, std::string> key_sql = {
        {"state", "state"}, {"category", "category_code"}, {"unit", "unit_id"}, {"grid", "grid_id"},
        {"source", "source"}, {"day", "(reported_at + 28800000) / 86400000"}};
    auto it = key_sql.find(by);
    if (it == key_sql.end())
      throw core::validation_error({{"group_by", "取值应为 state、category、unit、grid、source 或 day"}});
    // Reuse the list's filters by wrapping its SQL: the page limit is lifted.
    auto rows = app.db.read([&](store::Conn& c) {
      store::ProblemFilter g = f;
      return store::count_problems(c, a.tenant_id, g, it->second);
    });
    if (by == "day")  // a trend reads in date order, not by count
      std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return std::stoll(x.first) < std::stoll(y.first); });
    json::array items;
    std::int64_t total = 0;
    std::map<std::int64_t, std::string> unit_names, grid_names;
    if (by == "unit" || by == "grid")
      app.db.read([&](store::Conn& c) {
        for (const auto& r : c.query(by == "unit" ? "SELECT id, name FROM units WHERE tenant_id = ?"
                                                  : "SELECT id, name FROM grids WHERE tenant_id = ?",
                                     {a.tenant_id})
                                 .rows)
          (by == "unit" ? unit_names : grid_names)[r.i64(0)] = r.str(1);
      });
    for (const auto& [key, count] : rows) {
      total += count;
      std::string label = key;
      if (by == "state") label = state_label(key);
      else if (by == "source") label = source_label(key);
      else if (by == "category") {
        auto cat = find_category(app, a.tenant_id, key);
        label = cat ? cat->name : key;
      } else if (by == "unit" || by == "grid") {
        auto& names = by == "unit" ? unit_names : grid_names;
        label = key.empty() ? (by == "unit" ? "未派遣" : "网格外") : names[std::stoll(key)];
      } else if (by == "day") {
        label = core::format_date(core::civil_from_days(std::stoll(key)));
      }
      json::value k = key.empty() ? json::value(nullptr) : json::value(by == "day" ? label : key);
      items.push_back(json::object{{"key", k}, {"label", label}, {"count", count}});
    }
    return Response::json(json::object{{"group_by", by}, {"total", total}, {"items", items}});
  });

  app.router.get("/api/v1/audit/verify", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "leader", "viewer"});
    auto rep = app.db.read([&](store::Conn& c) { return store::verify_chains(c, a.tenant_id); });
    json::value brk = nullptr;
    if (rep.first_break) {
      auto number = app.db.read([&](store::Conn& c) {
        return c.first("SELECT number FROM problems WHERE id = ?", {rep.first_break->problem_id});
      });
      brk = json::object{{"problem_id", rep.first_break->problem_id},
                         {"number", number ? number->str(0) : ""},
                         {"seq", rep.first_break->seq},
                         {"transition_id", rep.first_break->transition_id},
                         {"reason", rep.first_break->reason}};
    }
    return Response::json(json::object{{"ok", !rep.first_break}, {"problems", rep.problems}, {"rows", rep.rows},
                                       {"first_break", brk}});
  });
}

}  // namespace envgrid::http
