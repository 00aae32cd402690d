#include "http/problems_render.hpp"

#include <set>
#include <sstream>

#include "core/json.hpp"
#include "http/ledger_domain.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

std::vector<std::int64_t> split_ids(const std::string& csv) {
  std::vector<std::int64_t> out;
  std::stringstream ss(csv);
  std::string x;
  while (std::getline(ss, x, ','))
    if (!x.empty()) out.push_back(std::stoll(x));
  return out;
}

json::value iso(const std::optional<core::Millis>& t) { return t ? json::value(core::format_iso(*t)) : json::value(nullptr); }

// Names of everything a page of problems refers to, loaded with one query per table.
struct Names {
  std::map<std::int64_t, std::string> units, users, numbers;
  std::map<std::int64_t, std::pair<std::string, std::string>> grids;  // code, name
  std::map<std::int64_t, std::pair<std::string, std::string>> zones;  // name, kind
  std::map<std::int64_t, std::vector<std::int64_t>> assists;

  void load(store::Conn& c, std::int64_t tenant, const std::vector<store::ProblemRow>& rows) {
    std::set<std::int64_t> unit_ids, user_ids, grid_ids, zone_ids, problem_ids, refs;
    for (const auto& p : rows) {
      problem_ids.insert(p.id);
      user_ids.insert(p.reporter_id);
      for (auto u : {p.unit_id, p.suggested_unit_id})
        if (u) unit_ids.insert(*u);
      if (p.grid_id) grid_ids.insert(*p.grid_id);
      for (auto z : split_ids(p.zone_ids)) zone_ids.insert(z);
      for (auto r : {p.duplicate_of, p.rebound_of, p.merged_into})
        if (r) refs.insert(*r);
    }
    auto fetch = [&](const std::string& sql, const std::set<std::int64_t>& ids, auto&& on_row) {
      if (ids.empty()) return;
      store::Params params{tenant};
      for (auto id : ids) params.push_back(id);
      for (const auto& r : c.query(sql + store::in_list(ids.size()), params).rows) on_row(r);
    };
    fetch("SELECT problem_id, unit_id FROM problem_units WHERE tenant_id = ? AND problem_id IN ", problem_ids,
          [&](const store::Row& r) {
            assists[r.i64(0)].push_back(r.i64(1));
            unit_ids.insert(r.i64(1));
          });
    fetch("SELECT id, name FROM units WHERE tenant_id = ? AND id IN ", unit_ids,
          [&](const store::Row& r) { units[r.i64(0)] = r.str(1); });
    fetch("SELECT id, display_name FROM users WHERE tenant_id = ? AND id IN ", user_ids,
          [&](const store::Row& r) { users[r.i64(0)] = r.str(1); });
    fetch("SELECT id, code, name FROM grids WHERE tenant_id = ? AND id IN ", grid_ids,
          [&](const store::Row& r) { grids[r.i64(0)] = {r.str(1), r.str(2)}; });
    fetch("SELECT id, name, kind FROM zones WHERE tenant_id = ? AND id IN ", zone_ids,
          [&](const store::Row& r) { zones[r.i64(0)] = {r.str(1), r.str(2)}; });
    fetch("SELECT id, number FROM problems WHERE tenant_id = ? AND id IN ", refs,
          [&](const store::Row& r) { numbers[r.i64(0)] = r.str(1); });
  }

  json::value unit(const std::optional<std::int64_t>& id) const {
    if (!id) return nullptr;
    auto it = units.find(*id);
    return json::object{{"id", *id}, {"name", it == units.end() ? "" : it->second}};
  }
  json::value ref(const std::optional<std::int64_t>& id) const {
    if (!id) return nullptr;
    auto it = numbers.find(*id);
    return json::object{{"id", *id}, {"number", it == numbers.end() ? "" : it->second}};
  }
};

json::array attachments_of(store::Conn& c, std::int64_t tenant, std::int64_t problem_id) {
  json::array out;
  for (const auto& r : c.query("SELECT a.id, a.sha256, a.width, a.height, a.taken_at, a.lng, a.lat, pa.role, pa.flags "
                               "FROM problem_attachments pa JOIN attachments a ON a.id = pa.attachment_id "
                               "WHERE pa.tenant_id = ? AND pa.problem_id = ? ORDER BY pa.role DESC, a.id",
                               {tenant, problem_id})
                           .rows) {
    const std::string base = "/api/v1/attachments/" + std::to_string(r.i64(0));
    json::value flags = json::parse(r.str(8));
    out.push_back(json::object{{"id", r.i64(0)}, {"sha256", r.str(1)}, {"width", r.i64(2)}, {"height", r.i64(3)},
                               {"taken_at", iso(r.opt_i64(4))}, {"lng", core::opt(r.opt_f64(5))},
                               {"lat", core::opt(r.opt_f64(6))}, {"role", r.str(7)}, {"flags", flags},
                               {"url", base + "/file"}, {"thumbnail_url", base + "/thumbnail"}});
  }
  return out;
}

}  // namespace

json::array render_problems(App& app, const Actor& a, const std::vector<store::ProblemRow>& rows, bool detail) {
  Names names;
  std::map<std::int64_t, json::array> atts;
  app.db.read([&](store::Conn& c) {
    names.load(c, a.tenant_id, rows);
    if (detail)
      for (const auto& p : rows) atts[p.id] = attachments_of(c, a.tenant_id, p.id);
  });
  const auto now = app.clock.now();
  json::array out;
  for (const auto& p : rows) {
    auto cat = find_category(app, a.tenant_id, p.category_code);
    json::value grid = nullptr;
    if (p.grid_id) {
      auto it = names.grids.find(*p.grid_id);
      grid = json::object{{"id", *p.grid_id}, {"code", it == names.grids.end() ? "" : it->second.first},
                          {"name", it == names.grids.end() ? "" : it->second.second}};
    }
    json::array zones, assist;
    for (auto z : split_ids(p.zone_ids)) {
      auto it = names.zones.find(z);
      zones.push_back(json::object{{"id", z}, {"name", it == names.zones.end() ? "" : it->second.first},
                                   {"kind", it == names.zones.end() ? "" : it->second.second}});
    }
    const auto& assist_ids = names.assists[p.id];
    for (auto u : assist_ids) assist.push_back(names.unit(u));
    const SlaView sla = sla_view(app, p, now);
    const auto step = step_view(app, p, now);
    json::array allowed;
    for (const auto& act : allowed_actions(p, assist_ids, a)) allowed.emplace_back(act);
    auto reporter = names.users.find(p.reporter_id);
    json::object o{
        {"id", p.id}, {"number", p.number}, {"state", p.state}, {"state_label", state_label(p.state)},
        {"suspended", p.suspended}, {"source", p.source}, {"source_label", source_label(p.source)},
        {"source_level", core::opt(p.source_level)}, {"severity", core::opt(p.severity)},
        {"category_code", p.category_code}, {"category_name", cat ? cat->name : p.category_code},
        {"lng", p.lng}, {"lat", p.lat}, {"address", p.address}, {"description", p.description}, {"grid", grid},
        {"zones", zones}, {"suggested_unit", names.unit(p.suggested_unit_id)}, {"unit", names.unit(p.unit_id)},
        {"assist_units", assist},
        {"reporter", json::object{{"id", p.reporter_id},
                                  {"display_name", reporter == names.users.end() ? "" : reporter->second}}},
        {"reported_at", core::format_iso(p.reported_at)}, {"accepted_at", iso(p.accepted_at)},
        {"dispatched_at", iso(p.dispatched_at)}, {"handled_at", iso(p.handled_at)}, {"closed_at", iso(p.closed_at)},
        {"sla", json::object{{"deadline", iso(sla.deadline)}, {"used_ratio", sla.used_ratio},
                             {"light", sla.light ? json::value(*sla.light) : json::value(nullptr)},
                             {"overdue", sla.overdue}}},
        {"step", step ? json::value(json::object{{"step", step->step}, {"label", step->label},
                                                 {"started_at", iso(step->started_at)}, {"deadline", iso(step->deadline)},
                                                 {"light", step->light}, {"overdue", step->overdue}})
                      : json::value(nullptr)},
        {"flags", json::object{{"outside_grid", p.outside_grid}, {"duplicate_of", names.ref(p.duplicate_of)},
                               {"rebound_of", names.ref(p.rebound_of)}, {"merged_into", names.ref(p.merged_into)},
                               {"fixed_on_spot", p.fixed_on_spot}, {"sampled", p.sampled},
                               {"evidence", json::parse(p.evidence)}}},
        {"rework_count", p.rework_count}, {"return_count", p.return_count},
        {"campaign_id", core::opt(p.campaign_id)}, {"feedback_item_id", core::opt(p.feedback_item_id)},
        {"outcome", p.outcome ? json::parse(*p.outcome) : json::value(nullptr)},
        {"allowed_actions", allowed}, {"version", p.version}};
    if (detail) o["attachments"] = std::move(atts[p.id]);
    out.push_back(std::move(o));
  }
  return out;
}

json::object render_problem(App& app, const Actor& a, const store::ProblemRow& row) {
  return std::move(render_problems(app, a, {row}, true).at(0).as_object());
}

}  // namespace envgrid::http
