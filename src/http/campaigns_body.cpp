// Reading, checking and rendering a campaign body (shared by create, update, template).
#include <algorithm>
#include <map>

#include "http/campaigns.hpp"

namespace envgrid::http::campaign {

namespace json = boost::json;

const std::vector<std::string> kPhaseKinds = {"mobilize", "survey", "rectify", "accept", "sustain", "other"};
const std::vector<std::string> kDeliverableKinds = {"work_plan", "phase_summary", "photos", "ppt", "other"};

namespace {

const std::map<std::string, std::string, std::less<>> kKindNames = {
    {"mobilize", "动员部署"},   {"survey", "全面排查"},       {"rectify", "集中整治"},  {"accept", "总结验收"},
    {"sustain", "长期坚持"},    {"other", "其他"},            {"work_plan", "工作方案"}, {"phase_summary", "阶段总结"},
    {"photos", "图片资料"},     {"ppt", "PPT汇报"}};

std::string kind_name(const std::string& k) {
  auto it = kKindNames.find(k);
  return it == kKindNames.end() ? k : it->second;
}

// Runs read(sub) for each object of an array field, collecting errors under "key[i].".
template <class F>
bool each_object(core::JsonReader& r, std::string_view key, bool required, size_t max_items, F&& read) {
  const json::value* v = r.raw(key, required);
  if (!v) return false;
  if (!v->is_array()) {
    r.fail(std::string(key), "应为数组");
    return false;
  }
  if (v->as_array().size() > max_items) {
    r.fail(std::string(key), "最多 " + std::to_string(max_items) + " 项");
    return false;
  }
  size_t i = 0;
  for (const auto& item : v->as_array()) {
    const std::string prefix = std::string(key) + "[" + std::to_string(i++) + "]";
    if (!item.is_object()) {
      r.fail(prefix, "应为对象");
      continue;
    }
    core::JsonReader sub(item.as_object(), prefix);
    read(sub, prefix);
    try {
      sub.finish();
    } catch (const core::ApiError& e) {
      for (const auto& fe : e.error().errors) r.fail(fe.field, fe.message);
    }
  }
  return true;
}

std::optional<std::string> date_str(core::JsonReader& r, std::string_view key, bool required,
                                    const std::string& prefix = {}) {
  auto d = date_field(r, key, required, prefix);
  return d ? std::optional(core::format_date(*d)) : std::nullopt;
}

void read_phases(core::JsonReader& r, store::CampaignRow& row, bool required) {
  std::vector<store::PhaseRow> phases;
  if (!each_object(r, "phases", required, 20, [&](core::JsonReader& s, const std::string& at) {
        store::PhaseRow p;
        s.int64("id", false, 1);  // read-only echoes of GET output; phases match by position
        s.str("kind_name", false, 20);
        p.name = s.str("name", true, 100, 1).value_or("");
        p.kind = s.one_of("kind", true, kPhaseKinds).value_or("other");
        p.start_date = date_str(s, "start_date", true, at).value_or("");
        p.end_date = date_str(s, "end_date", false, at);
        if (!p.start_date.empty() && p.end_date && *p.end_date < p.start_date)
          s.fail(at + ".end_date", "阶段结束日期不能早于开始日期");
        phases.push_back(std::move(p));
      }))
    return;
  row.phases = std::move(phases);
}

void read_task_areas(core::JsonReader& r, store::CampaignRow& row, bool required) {
  std::vector<store::TaskAreaRow> areas;
  const auto old = row.task_areas;
  if (!each_object(r, "task_areas", required, 50, [&](core::JsonReader& s, const std::string& at) {
        store::TaskAreaRow t;
        t.id = s.int64("id", false, 1).value_or(0);
        if (t.id && std::none_of(old.begin(), old.end(), [&](const auto& o) { return o.id == t.id; }))
          s.fail(at + ".id", "任务方向不属于该专项行动");
        t.name = s.str("name", true, 200, 1).value_or("");
        t.category_codes = s.str_array("category_codes", false, 50, 20).value_or(std::vector<std::string>{});
        t.zone_kinds = s.str_array("zone_kinds", false, 20, 40).value_or(std::vector<std::string>{});
        t.lead_unit_id = s.int64("lead_unit_id", false, 1);
        t.lead_unit_name = s.str("lead_unit_name", false, 100).value_or("");
        t.target = s.str("target", false, 2000).value_or("");
        t.target_quantity = s.num("target_quantity", false, 0, 1e12);
        t.target_uom = s.str("target_uom", false, 10).value_or("");
        areas.push_back(std::move(t));
      }))
    return;
  row.task_areas = std::move(areas);
}

void read_deliverables(core::JsonReader& r, store::CampaignRow& row, bool required) {
  std::vector<store::DeliverableRow> items;
  const auto old = row.deliverables;
  if (!each_object(r, "deliverables", required, 50, [&](core::JsonReader& s, const std::string& at) {
        store::DeliverableRow d;
        d.id = s.int64("id", false, 1).value_or(0);
        if (d.id && std::none_of(old.begin(), old.end(), [&](const auto& o) { return o.id == d.id; }))
          s.fail(at + ".id", "材料要求不属于该专项行动");
        d.kind = s.one_of("kind", true, kDeliverableKinds).value_or("other");
        s.str("kind_name", false, 20);  // read-only echo of GET output
        d.title = s.str("title", true, 200, 1).value_or("");
        d.due_date = date_str(s, "due_date", true, at).value_or("");
        d.per_unit = s.boolean("per_unit", false).value_or(true);
        items.push_back(std::move(d));
      }))
    return;
  row.deliverables = std::move(items);
}

void read_awards(core::JsonReader& r, store::CampaignRow& row) {
  json::array tiers;
  if (!each_object(r, "award_tiers", false, 10, [&](core::JsonReader& s, const std::string&) {
        auto name = s.str("name", true, 50, 1);
        auto amount = s.num("amount", true, 0, 1e9);
        auto count = s.int64("count", false, 0, 1000);
        tiers.push_back(json::object{{"name", name.value_or("")}, {"amount", amount.value_or(0)}, {"count", core::opt(count)}});
      }))
    return;
  row.award_tiers = json::serialize(tiers);
}

}  // namespace

std::optional<core::Date> date_field(core::JsonReader& r, std::string_view key, bool required,
                                     const std::string& prefix) {
  auto s = r.str(key, required, 10);
  if (!s) return std::nullopt;
  auto d = core::parse_date(*s);
  if (!d) r.fail(prefix.empty() ? std::string(key) : prefix + "." + std::string(key), "日期格式应为 YYYY-MM-DD");
  return d;
}

void read_body(core::JsonReader& r, store::CampaignRow& row, bool partial) {
  const bool req = !partial;
  if (auto v = r.str("doc_number", false, 100)) row.doc_number = *v;
  if (auto v = r.str("title", req, 200, 1)) row.title = *v;
  if (auto v = r.str("issuer", false, 100)) row.issuer = *v;
  if (auto v = date_str(r, "start_date", req)) row.start_date = *v;
  if (auto v = date_str(r, "end_date", false)) row.end_date = *v;
  if (auto v = r.one_of("clock_mode", false, {"normal", "every_day"})) row.clock_mode = *v;
  if (auto v = r.num("weight", false, 0, 1)) row.weight = *v;
  if (auto v = r.int_array("unit_ids", false, 500)) row.unit_ids = *v;
  read_awards(r, row);
  read_phases(r, row, false);
  read_task_areas(r, row, false);
  read_deliverables(r, row, false);
  if (!row.start_date.empty() && row.end_date && *row.end_date < row.start_date)
    r.fail("end_date", "结束日期不能早于开始日期");
  for (size_t i = 0; i < row.phases.size(); ++i)
    if (!row.start_date.empty() && !row.phases[i].start_date.empty() && row.phases[i].start_date < row.start_date)
      r.fail("phases[" + std::to_string(i) + "].start_date", "阶段不能早于专项行动开始日期");
  std::sort(row.unit_ids.begin(), row.unit_ids.end());
  row.unit_ids.erase(std::unique(row.unit_ids.begin(), row.unit_ids.end()), row.unit_ids.end());
  row.deadline_cap = deadline_cap(row);
}

void check_refs(store::Conn& c, std::int64_t tenant, core::JsonReader& r, const store::CampaignRow& row) {
  auto unit_ok = [&](std::int64_t id) {
    return c.first("SELECT 1 FROM units WHERE tenant_id = ? AND id = ?", {tenant, id}).has_value();
  };
  for (size_t i = 0; i < row.unit_ids.size(); ++i)
    if (!unit_ok(row.unit_ids[i])) r.fail("unit_ids[" + std::to_string(i) + "]", "单位不存在");
  for (size_t i = 0; i < row.task_areas.size(); ++i)
    if (row.task_areas[i].lead_unit_id && !unit_ok(*row.task_areas[i].lead_unit_id))
      r.fail("task_areas[" + std::to_string(i) + "].lead_unit_id", "牵头单位不存在");
}

std::optional<core::Millis> deadline_cap(const store::CampaignRow& row) {
  std::optional<std::string> end;
  for (const auto& p : row.phases)
    if (p.kind == "rectify" && p.end_date && (!end || *p.end_date > *end)) end = p.end_date;
  if (!end) end = row.end_date;
  if (!end) return std::nullopt;
  auto d = core::parse_date(*end);
  if (!d) return std::nullopt;
  return core::local_midnight(core::add_days(*d, 1));
}

json::object to_json(const store::CampaignRow& row) {
  json::array phases, areas, units, deliverables;
  for (const auto& p : row.phases)
    phases.push_back({{"id", p.id}, {"name", p.name}, {"kind", p.kind}, {"kind_name", kind_name(p.kind)},
                      {"start_date", p.start_date}, {"end_date", core::opt(p.end_date)}});
  for (const auto& t : row.task_areas) {
    json::array cats(t.category_codes.begin(), t.category_codes.end());
    json::array zones(t.zone_kinds.begin(), t.zone_kinds.end());
    areas.push_back({{"id", t.id}, {"name", t.name}, {"category_codes", cats}, {"zone_kinds", zones},
                     {"lead_unit_id", core::opt(t.lead_unit_id)}, {"lead_unit_name", t.lead_unit_name},
                     {"target", t.target}, {"target_quantity", core::opt(t.target_quantity)},
                     {"target_uom", t.target_uom}});
  }
  for (auto u : row.unit_ids) units.push_back(u);
  for (const auto& d : row.deliverables)
    deliverables.push_back({{"id", d.id}, {"kind", d.kind}, {"kind_name", kind_name(d.kind)}, {"title", d.title},
                            {"due_date", d.due_date}, {"per_unit", d.per_unit}});
  json::value tiers;
  try {
    tiers = json::parse(row.award_tiers);
  } catch (const std::exception&) {
    tiers = json::array{};
  }
  return {{"id", row.id},
          {"doc_number", row.doc_number},
          {"title", row.title},
          {"issuer", row.issuer},
          {"start_date", row.start_date},
          {"end_date", core::opt(row.end_date)},
          {"template_id", core::opt(row.template_id)},
          {"clock_mode", row.clock_mode},
          {"deadline_cap", row.deadline_cap ? json::value(core::format_iso(*row.deadline_cap)) : json::value(nullptr)},
          {"weight", row.weight},
          {"award_tiers", tiers},
          {"phases", phases},
          {"task_areas", areas},
          {"unit_ids", units},
          {"deliverables", deliverables},
          {"created_at", core::format_iso(row.created_at)},
          {"updated_at", core::format_iso(row.updated_at)},
          {"version", row.version}};
}

store::CampaignRow load(App& app, const Actor& a, std::int64_t id) {
  auto row = app.db.read([&](store::Conn& c) { return store::get_campaign(c, a.tenant_id, id); });
  if (!row) throw core::not_found("专项行动");
  return *row;
}

}  // namespace envgrid::http::campaign
