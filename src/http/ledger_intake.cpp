// Intake of a report: validation, routing, duplicate and rebound checks, numbering,
// photos, the optional trusted dispatch and on-the-spot handling, all in one write.
#include <cmath>

#include "core/crypto.hpp"
#include "domain/evidence.hpp"
#include "http/ledger_util.hpp"
#include "http/ledger_rules.hpp"
#include "http/locate.hpp"
#include "http/notify.hpp"

namespace envgrid::http {

namespace json = boost::json;
using namespace ledger;

namespace {

// Candidates of the same category near the point, judged by domain/evidence: the
// nearest open duplicate and the nearest recently closed problem (rebound).
std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>> near_matches(
    store::Conn& c, const core::Config& cfg, std::int64_t tenant, const std::string& category, double lng, double lat,
    core::Millis now) {
  domain::DuplicateConfig dc;
  dc.duplicate_radius_m = cfg.duplicate_radius_m;
  dc.duplicate_window = cfg.duplicate_hours * core::kHour;
  dc.rebound_radius_m = cfg.rebound_radius_m;
  dc.rebound_window = cfg.rebound_days * core::kDay;
  const double radius = std::max(dc.duplicate_radius_m, dc.rebound_radius_m);
  const double dlat = radius / 110000.0, dlng = radius / (110000.0 * std::cos(lat * M_PI / 180.0));
  const core::Millis since = now - std::max(dc.duplicate_window, dc.rebound_window);
  std::vector<domain::Candidate> cands;
  // The cells covering the search box, with the category, select the candidates through
  // one index whatever the table's size; recent reports and recent closures both.
  const auto cells = store::geo_cells(lng, lat, dlng, dlat);
  std::string where = "tenant_id = ? AND category_code = ? AND (reported_at >= ? OR closed_at >= ?)";
  store::Params params{tenant, category, since, since};
  if (!cells.empty()) {
    where += " AND cell IN " + store::in_list(cells.size());
    for (auto cell : cells) params.push_back(cell);
  }
  for (double b : {lng - dlng, lng + dlng, lat - dlat, lat + dlat}) params.push_back(b);
  const std::string index = c.dialect() == store::Dialect::sqlite && !cells.empty() ? "INDEXED BY problems_cell " : "";
  for (const auto& r : c.query("SELECT id, lng, lat, reported_at, state, closed_at FROM problems " + index + "WHERE " +
                                   where + " AND lng BETWEEN ? AND ? AND lat BETWEEN ? AND ? LIMIT 500",
                               params)
                           .rows)
    cands.push_back({r.i64(0), category, {r.f64(1), r.f64(2)}, r.i64(3),
                     domain::parse_state(r.str(4)).value_or(domain::State::reported), r.opt_i64(5)});
  const domain::NewReport report{category, {lng, lat}, now};
  auto dups = domain::find_duplicates(report, cands, dc);
  auto rebs = domain::find_rebounds(report, cands, dc);
  return {dups.empty() ? std::nullopt : std::optional(dups.front().id),
          rebs.empty() ? std::nullopt : std::optional(rebs.front().id)};
}

void validate(App& app, const Actor& a, const IntakeInput& in, const std::optional<CategoryView>& cat) {
  const auto da = domain_actor(a);
  auto allowed = domain::initial_state(da, in.fixed_on_spot ? domain::Intake::on_the_spot
                                           : in.dispatch    ? domain::Intake::dispatch
                                                            : domain::Intake::plain);
  if (!allowed && allowed.error().status == 403 && !in.dispatch) throw core::ApiError(allowed.error());
  std::vector<core::FieldError> errs;
  if (!cat) errs.push_back({"category_code", "问题类别不存在"});
  if (std::find(kSources.begin(), kSources.end(), in.source) == kSources.end())
    errs.push_back({"source", "未知的问题来源"});
  // A unit's own staff report what they find themselves as self-checks.
  if (a.has("unit_handler") && !a.sees_all() && !a.has("grid_worker") && in.source != "self_check")
    errs.push_back({"source", "责任单位人员上报的问题来源应为自查（self_check）"});
  if (in.source == "higher_level" && !in.source_level)
    errs.push_back({"source_level", "上级督查问题需注明督查层级（区/市/省）"});
  if (in.lng < 73 || in.lng > 136 || in.lat < 3 || in.lat > 54)
    errs.push_back({"lng", "坐标不在中国范围内"});
  const bool photo_needed = in.source == "patrol" || in.source == "inspection" || in.source == "covert" ||
                            in.source == "self_check";
  if (photo_needed && in.before_ids.empty()) errs.push_back({"attachment_ids", "巡查、督查、暗访和自查上报需附现场照片"});
  if (in.fixed_on_spot) {
    if (in.after_ids.empty()) errs.push_back({"after_attachment_ids", "当场处置需附处置后照片"});
    if (in.before_ids.empty()) errs.push_back({"attachment_ids", "当场处置需附处置前照片"});
    if (in.dispatch) errs.push_back({"dispatch", "当场处置的问题无需派遣"});
  } else if (!in.after_ids.empty()) {
    errs.push_back({"after_attachment_ids", "只有当场处置的问题才附处置后照片"});
  }
  if (in.dispatch && !domain::is_trusted_reporter(da))
    errs.push_back({"dispatch", "只有指挥中心和督查人员上报时可直接派遣"});
  if (in.campaign_id) {
    auto ok = app.db.read([&](store::Conn& c) {
      return c.first("SELECT 1 FROM campaigns WHERE tenant_id = ? AND id = ?", {a.tenant_id, *in.campaign_id}).has_value();
    });
    if (!ok) errs.push_back({"campaign_id", "专项行动不存在"});
  }
  if (in.outcome) check_outcome(*in.outcome);
  if (!errs.empty()) throw core::validation_error(errs);
}

}  // namespace

store::ProblemRow intake(App& app, const Actor& a, const IntakeInput& in) {
  auto cat = find_category(app, a.tenant_id, in.category_code);
  validate(app, a, in, cat);
  const core::Millis now = in.reported_at.value_or(app.clock.now());
  const Location loc = locate(app, a.tenant_id, geo::Point{in.lng, in.lat}, cat->unit_type);
  const bool sampled = in.fixed_on_spot && std::stoul(core::random_hex(2), nullptr, 16) % 100 <
                                               static_cast<unsigned long>(app.cfg.onspot_sample_percent);
  // Reads that need no write lock happen before the write job, so the single writer only
  // does the inserts. Duplicate/rebound flags are offers to the dispatcher, not
  // constraints: two reports of the same thing in the same millisecond may both go
  // unflagged, and the dispatcher merges them by hand.
  auto [dup, reb] = app.db.read(
      [&](store::Conn& c) { return near_matches(c, app.cfg, a.tenant_id, in.category_code, in.lng, in.lat, now); });
  std::optional<core::Millis> cap;
  bool every_day = false;
  if (in.campaign_id && in.dispatch)
    app.db.read([&](store::Conn& c) {
      if (auto r = c.first("SELECT deadline_cap, clock_mode FROM campaigns WHERE id = ?", {*in.campaign_id})) {
        cap = r->opt_i64(0);
        every_day = r->str(1) == "every_day";
      }
    });
  auto id = app.db.write([&](store::Conn& c) {
    auto before = load_photos(c, a.tenant_id, in.before_ids, "attachment_ids");
    auto after = load_photos(c, a.tenant_id, in.after_ids, "after_attachment_ids");
    if (in.dispatch) {
      check_unit(c, a.tenant_id, in.dispatch->unit_id, "dispatch.unit_id");
      for (size_t i = 0; i < in.dispatch->assist_unit_ids.size(); ++i)
        check_unit(c, a.tenant_id, in.dispatch->assist_unit_ids[i], "dispatch.assist_unit_ids[" + std::to_string(i) + "]");
    }
    store::ProblemRow p;
    p.tenant_id = a.tenant_id;
    const auto local = core::to_local(now);
    char day[16];
    std::snprintf(day, sizeof day, "%04d%02d%02d", local.date.year, local.date.month, local.date.day);
    p.number = store::next_problem_number(c, a.tenant_id, day);
    p.state = "reported";
    p.source = in.source;
    p.source_level = in.source_level;
    p.severity = in.severity;
    p.category_code = in.category_code;
    p.lng = in.lng;
    p.lat = in.lat;
    p.address = in.address;
    p.description = in.description;
    p.grid_id = loc.grid_id;
    for (auto z : loc.zone_ids) p.zone_ids += (p.zone_ids.empty() ? "" : ",") + std::to_string(z);
    p.suggested_unit_id = loc.suggested_unit_id;
    p.outside_grid = !loc.grid_id;
    p.reporter_id = a.user_id;
    p.campaign_id = in.campaign_id;
    p.feedback_item_id = in.feedback_item_id;
    p.reported_at = now;
    p.updated_at = now;
    p.duplicate_of = dup;
    p.rebound_of = reb;
    p.fixed_on_spot = in.fixed_on_spot;
    p.sampled = sampled;

    // The row is inserted once in its final state; the history rows follow it.
    struct Step {
      std::string action;
      std::optional<std::string> from;
      std::string to;
      json::object payload;
    };
    json::object flags;
    if (dup) flags["duplicate_of"] = *dup;
    if (reb) flags["rebound_of"] = *reb;
    if (!loc.grid_id) flags["outside_grid"] = true;
    std::vector<Step> steps{{"report", std::nullopt, "reported", flags}};
    auto step = [&](const std::string& action, const std::string& to, json::object payload) {
      steps.push_back({action, p.state, to, std::move(payload)});
      p.state = to;
    };
    std::vector<EvidenceFlag> ev;
    if (in.dispatch) {
      p.accepted_at = now;
      step("accept", "registered", {});
      p.unit_id = in.dispatch->unit_id;
      p.dispatched_at = now;
      p.explicit_deadline = in.dispatch->deadline;
      p.sla = start_clock(*cat, now, in.dispatch->deadline, cap, every_day);
      refresh_deadline(app, p);
      json::array assist;
      for (auto u : in.dispatch->assist_unit_ids) assist.emplace_back(u);
      step("dispatch", "dispatched", {{"unit_id", p.unit_id.value()}, {"assist_unit_ids", assist}});
    }
    if (in.fixed_on_spot) {
      auto used = photos_used_elsewhere(c, a.tenant_id, 0, after);
      // For an on-the-spot fix the clock starts at the before-photo.
      core::Millis start = now;
      for (const auto& b : before)
        if (b.taken_at) start = std::min(start, *b.taken_at);
      ev = check_after_photos(app, p, after, before, used, start);
      p.evidence = merge_evidence(p.evidence, ev);
      p.handled_at = now;
      if (in.outcome) p.outcome = json::serialize(outcome_json(*in.outcome));
      step("handle", "handled", {{"fixed_on_spot", true}, {"sampled", sampled}});
      if (!sampled) {
        p.closed_at = now;
        step("auto_close", "closed", {{"reason", "当场处置未被抽中核查，自动结案"}});
      }
    }
    p.id = store::insert_problem(c, p);
    link_photos(c, a.tenant_id, p.id, before, "before", {});
    if (in.fixed_on_spot) link_photos(c, a.tenant_id, p.id, after, "after", ev);
    if (in.dispatch) store::set_assist_units(c, a.tenant_id, p.id, in.dispatch->assist_unit_ids);
    const std::string final_state = p.state;
    for (const auto& s : steps) {
      p.state = s.to;  // record() writes the row's state as the step's target
      record(c, p, a, s.action, s.from, "", s.payload, now);
    }
    p.state = final_state;
    // Only a trusted reporter's dispatch tells anyone; a plain report stays notice-free.
    if (in.dispatch && !in.reported_at) notify::problem_action(app, c, a, p, "dispatch", "", steps.back().payload, now);
    if (in.also_in_write) in.also_in_write(c, p.id);
    return p.id;
  });
  return *app.db.read([&](store::Conn& c) { return store::get_problem(c, a.tenant_id, id); });
}

}  // namespace envgrid::http
