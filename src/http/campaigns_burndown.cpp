// The campaign burndown (倒排工期): per day from the start to the end of the
// rectification phase, open tagged problems and remaining work-item quantity against the
// straight line to zero, overall or per task area / unit. Rebuilt from the problems'
// reported/closed times and their void/reject transitions, so no snapshots are kept.
#include <algorithm>
#include <functional>
#include <map>

#include "http/campaigns.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

struct ProblemSpan {
  core::Millis from = 0;                   // reported
  std::optional<core::Millis> until;       // closed, voided or rejected
  std::string category;
  std::optional<std::int64_t> unit;
};

struct ItemSpan {
  const store::WorkItemRow* item = nullptr;
  std::vector<std::pair<core::Millis, double>> progress;  // (at, quantity)
};

bool category_in(const std::string& code, const std::vector<std::string>& codes) {
  for (const auto& c : codes)
    if (code.compare(0, c.size(), c) == 0) return true;
  return false;
}

double remaining_at(const ItemSpan& s, core::Millis end) {
  if (s.item->closed_at && *s.item->closed_at < end) return 0;
  if (s.item->created_at >= end) return 0;
  double done = 0;
  for (const auto& [at, q] : s.progress)
    if (at < end) done += q;
  return std::max(0.0, s.item->target_quantity - done);
}

struct Group {
  std::string key, name;
  std::function<bool(const ProblemSpan&)> has_problem;
  std::function<bool(const store::WorkItemRow&)> has_item;
};

json::object series(const Group& g, const std::vector<core::Date>& days, const std::vector<ProblemSpan>& problems,
                    const std::vector<ItemSpan>& items) {
  std::vector<std::int64_t> open(days.size());
  std::vector<std::map<std::string, double>> remaining(days.size());
  std::map<std::string, double> target;
  for (const auto& s : items)
    if (g.has_item(*s.item)) target[s.item->uom] += s.item->target_quantity;
  for (size_t i = 0; i < days.size(); ++i) {
    const core::Millis end = core::local_midnight(core::add_days(days[i], 1));
    for (const auto& p : problems)
      if (g.has_problem(p) && p.from < end && (!p.until || *p.until >= end)) ++open[i];
    for (const auto& s : items)
      if (g.has_item(*s.item)) remaining[i][s.item->uom] += remaining_at(s, end);
  }
  const double span = days.size() > 1 ? static_cast<double>(days.size() - 1) : 1.0;
  json::array out;
  for (size_t i = 0; i < days.size(); ++i) {
    const double share = (span - static_cast<double>(i)) / span;  // 1 on day one, 0 on the last day
    json::object rem, ideal;
    for (const auto& [uom, q] : remaining[i]) rem[uom] = q;
    for (const auto& [uom, q] : target) ideal[uom] = q * share;
    out.push_back({{"date", core::format_date(days[i])},
                   {"open_problems", open[i]},
                   {"ideal_problems", static_cast<double>(open.front()) * share},
                   {"remaining_work", rem},
                   {"ideal_work", ideal}});
  }
  return {{"key", g.key}, {"name", g.name}, {"days", out}};
}

}  // namespace

void register_campaign_burndown_routes(App& app) {
  app.router.get("/api/v1/campaigns/{id}/burndown", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"});
    const auto camp = campaign::load(app, a, path_id(req, "id", "专项行动"));
    const std::string by = req.q("by").value_or("all");
    if (by != "all" && by != "area" && by != "unit")
      throw core::validation_error({{"by", "取值应为：all、area、unit"}});
    const auto start = *core::parse_date(camp.start_date);
    core::Date last = core::to_local(app.clock.now()).date;
    if (camp.deadline_cap) last = core::to_local(*camp.deadline_cap - 1).date;
    if (last < start) last = start;
    std::vector<core::Date> days;
    for (core::Date d = start; d <= last && days.size() < 731; d = core::add_days(d, 1)) days.push_back(d);

    std::vector<ProblemSpan> problems;
    std::vector<store::WorkItemRow> rows;
    std::vector<ItemSpan> items;
    app.db.read([&](store::Conn& c) {
      for (const auto& r : c.query("SELECT p.reported_at, p.closed_at, p.category_code, p.unit_id, "
                                   "(SELECT MIN(t.at) FROM transitions t WHERE t.problem_id = p.id "
                                   "AND t.to_state IN ('voided','rejected')) FROM problems p "
                                   "WHERE p.tenant_id = ? AND p.campaign_id = ?",
                                   {a.tenant_id, camp.id})
                               .rows) {
        ProblemSpan s{r.i64(0), r.opt_i64(1), r.str(2), r.opt_i64(3)};
        if (auto v = r.opt_i64(4); v && (!s.until || *v < *s.until)) s.until = v;
        problems.push_back(std::move(s));
      }
      rows = store::list_work_items(c, a.tenant_id, camp.id);
      for (const auto& w : rows) {
        ItemSpan s{&w, {}};
        for (const auto& p : store::list_progress(c, a.tenant_id, w.id)) s.progress.emplace_back(p.at, p.quantity);
        items.push_back(std::move(s));
      }
    });

    std::vector<Group> groups;
    if (by == "all") {
      groups.push_back({"all", "全部", [](const ProblemSpan&) { return true; },
                        [](const store::WorkItemRow&) { return true; }});
    } else if (by == "area") {
      for (const auto& t : camp.task_areas)
        groups.push_back({std::to_string(t.id), t.name,
                          [codes = t.category_codes](const ProblemSpan& p) { return category_in(p.category, codes); },
                          [id = t.id](const store::WorkItemRow& w) { return w.task_area_id == id; }});
    } else {
      std::vector<std::int64_t> units = camp.unit_ids;
      for (const auto& w : rows)
        if (std::find(units.begin(), units.end(), w.owner_unit_id) == units.end()) units.push_back(w.owner_unit_id);
      auto names = app.db.read([&](store::Conn& c) {
        std::map<std::int64_t, std::string> out;
        for (auto u : units)
          if (auto r = c.first("SELECT name FROM units WHERE tenant_id = ? AND id = ?", {a.tenant_id, u}))
            out[u] = r->str(0);
        return out;
      });
      for (auto u : units)
        groups.push_back({std::to_string(u), names[u], [u](const ProblemSpan& p) { return p.unit == u; },
                          [u](const store::WorkItemRow& w) { return w.owner_unit_id == u; }});
    }
    json::array out;
    for (const auto& g : groups) out.push_back(series(g, days, problems, items));
    return Response::json(json::object{{"campaign_id", camp.id},
                                       {"by", by},
                                       {"from", core::format_date(days.front())},
                                       {"to", core::format_date(days.back())},
                                       {"series", out}});
  });
}

}  // namespace envgrid::http
