#include "store/campaigns.hpp"

#include <algorithm>

namespace envgrid::store {

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    auto comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

constexpr const char* kHeader =
    "SELECT id, tenant_id, doc_number, title, issuer, start_date, end_date, template_id, clock_mode, deadline_cap, "
    "weight, award_tiers, created_at, updated_at, version FROM campaigns";

CampaignRow read_header(const Row& r) {
  CampaignRow c;
  c.id = r.i64(0);
  c.tenant_id = r.i64(1);
  c.doc_number = r.str(2);
  c.title = r.str(3);
  c.issuer = r.str(4);
  c.start_date = r.str(5);
  c.end_date = r.opt_str(6);
  c.template_id = r.opt_str(7);
  c.clock_mode = r.str(8);
  c.deadline_cap = r.opt_i64(9);
  c.weight = r.f64(10);
  c.award_tiers = r.str(11);
  c.created_at = r.i64(12);
  c.updated_at = r.i64(13);
  c.version = r.i64(14);
  return c;
}

// Phases are matched by position, so an unchanged list keeps its ids.
void write_phases(Conn& c, const CampaignRow& row) {
  std::vector<std::int64_t> ids;
  for (const auto& r : c.query("SELECT id FROM campaign_phases WHERE campaign_id = ? ORDER BY seq", {row.id}).rows)
    ids.push_back(r.i64(0));
  for (size_t i = 0; i < row.phases.size(); ++i) {
    const auto& p = row.phases[i];
    const auto seq = static_cast<std::int64_t>(i + 1);
    if (i < ids.size())
      c.query("UPDATE campaign_phases SET seq = ?, name = ?, kind = ?, start_date = ?, end_date = ? WHERE id = ?",
              {seq, p.name, p.kind, p.start_date, opt_param(p.end_date), ids[i]});
    else
      c.query("INSERT INTO campaign_phases (tenant_id, campaign_id, seq, name, kind, start_date, end_date) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)",
              {row.tenant_id, row.id, seq, p.name, p.kind, p.start_date, opt_param(p.end_date)});
  }
  for (size_t i = row.phases.size(); i < ids.size(); ++i) c.query("DELETE FROM campaign_phases WHERE id = ?", {ids[i]});
}

void write_units(Conn& c, const CampaignRow& row) {
  c.query("DELETE FROM campaign_units WHERE campaign_id = ?", {row.id});
  for (auto u : row.unit_ids)
    c.query("INSERT INTO campaign_units (tenant_id, campaign_id, unit_id) VALUES (?, ?, ?)", {row.tenant_id, row.id, u});
}

// Parts with ids that others reference: update kept ones, insert new ones, delete the rest.
void write_task_areas(Conn& c, const CampaignRow& row) {
  std::vector<std::int64_t> keep;
  std::int64_t seq = 0;
  for (const auto& t : row.task_areas) {
    Params p{++seq,           t.name,         join(t.category_codes), join(t.zone_kinds), opt_param(t.lead_unit_id),
             t.lead_unit_name, t.target,      opt_param(t.target_quantity), t.target_uom};
    if (t.id > 0) {
      p.push_back(t.id);
      p.push_back(row.id);
      c.query("UPDATE campaign_task_areas SET seq = ?, name = ?, category_codes = ?, zone_kinds = ?, lead_unit_id = ?, "
              "lead_unit_name = ?, target = ?, target_quantity = ?, target_uom = ? WHERE id = ? AND campaign_id = ?",
              p);
      keep.push_back(t.id);
    } else {
      p.insert(p.begin(), {row.tenant_id, row.id});
      keep.push_back(c.insert(
          "INSERT INTO campaign_task_areas (tenant_id, campaign_id, seq, name, category_codes, zone_kinds, lead_unit_id, "
          "lead_unit_name, target, target_quantity, target_uom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          p));
    }
  }
  for (const auto& r : c.query("SELECT id FROM campaign_task_areas WHERE campaign_id = ?", {row.id}).rows)
    if (std::find(keep.begin(), keep.end(), r.i64(0)) == keep.end())
      c.query("DELETE FROM campaign_task_areas WHERE id = ?", {r.i64(0)});
}

void write_deliverables(Conn& c, const CampaignRow& row) {
  std::vector<std::int64_t> keep;
  std::int64_t seq = 0;
  for (const auto& d : row.deliverables) {
    const std::int64_t per_unit = d.per_unit ? 1 : 0;
    if (d.id > 0) {
      c.query("UPDATE campaign_deliverables SET seq = ?, kind = ?, title = ?, due_date = ?, per_unit = ? "
              "WHERE id = ? AND campaign_id = ?",
              {++seq, d.kind, d.title, d.due_date, per_unit, d.id, row.id});
      keep.push_back(d.id);
    } else {
      keep.push_back(c.insert("INSERT INTO campaign_deliverables (tenant_id, campaign_id, seq, kind, title, due_date, "
                              "per_unit) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              {row.tenant_id, row.id, ++seq, d.kind, d.title, d.due_date, per_unit}));
    }
  }
  for (const auto& r : c.query("SELECT id FROM campaign_deliverables WHERE campaign_id = ?", {row.id}).rows)
    if (std::find(keep.begin(), keep.end(), r.i64(0)) == keep.end())
      c.query("DELETE FROM campaign_deliverables WHERE id = ?", {r.i64(0)});
}

void write_parts(Conn& c, const CampaignRow& row) {
  write_phases(c, row);
  write_units(c, row);
  write_task_areas(c, row);
  write_deliverables(c, row);
}

}  // namespace

std::string join_ids(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::vector<std::int64_t> split_ids(const std::string& s) {
  std::vector<std::int64_t> out;
  for (const auto& part : split(s)) out.push_back(std::stoll(part));
  return out;
}

std::optional<CampaignRow> get_campaign(Conn& c, std::int64_t tenant_id, std::int64_t id) {
  auto h = c.first(std::string(kHeader) + " WHERE tenant_id = ? AND id = ?", {tenant_id, id});
  if (!h) return std::nullopt;
  CampaignRow row = read_header(*h);
  for (const auto& r :
       c.query("SELECT id, name, kind, start_date, end_date FROM campaign_phases WHERE campaign_id = ? ORDER BY seq", {id})
           .rows)
    row.phases.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.opt_str(4)});
  for (const auto& r : c.query("SELECT id, name, category_codes, zone_kinds, lead_unit_id, lead_unit_name, target, "
                               "target_quantity, target_uom FROM campaign_task_areas WHERE campaign_id = ? ORDER BY seq",
                               {id})
                           .rows)
    row.task_areas.push_back({r.i64(0), r.str(1), split(r.str(2)), split(r.str(3)), r.opt_i64(4), r.str(5), r.str(6),
                              r.opt_f64(7), r.str(8)});
  for (const auto& r : c.query("SELECT unit_id FROM campaign_units WHERE campaign_id = ? ORDER BY unit_id", {id}).rows)
    row.unit_ids.push_back(r.i64(0));
  for (const auto& r : c.query("SELECT id, kind, title, due_date, per_unit FROM campaign_deliverables "
                               "WHERE campaign_id = ? ORDER BY seq",
                               {id})
                           .rows)
    row.deliverables.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.boolean(4)});
  return row;
}

std::vector<CampaignRow> list_campaigns(Conn& c, std::int64_t tenant_id) {
  std::vector<CampaignRow> out;
  for (const auto& r :
       c.query(std::string(kHeader) + " WHERE tenant_id = ? ORDER BY start_date DESC, id DESC", {tenant_id}).rows)
    out.push_back(read_header(r));
  return out;
}

std::int64_t insert_campaign(Conn& c, const CampaignRow& row, std::int64_t now) {
  CampaignRow r = row;
  r.id = c.insert(
      "INSERT INTO campaigns (tenant_id, doc_number, title, issuer, start_date, end_date, template_id, clock_mode, "
      "deadline_cap, weight, award_tiers, created_at, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      {row.tenant_id, row.doc_number, row.title, row.issuer, row.start_date, opt_param(row.end_date),
       opt_param(row.template_id), row.clock_mode, opt_param(row.deadline_cap), row.weight, row.award_tiers, now, now});
  write_parts(c, r);
  return r.id;
}

bool update_campaign(Conn& c, const CampaignRow& row, std::int64_t now) {
  auto res = c.query(
      "UPDATE campaigns SET doc_number = ?, title = ?, issuer = ?, start_date = ?, end_date = ?, clock_mode = ?, "
      "deadline_cap = ?, weight = ?, award_tiers = ?, updated_at = ?, version = version + 1 "
      "WHERE tenant_id = ? AND id = ? AND version = ?",
      {row.doc_number, row.title, row.issuer, row.start_date, opt_param(row.end_date), row.clock_mode,
       opt_param(row.deadline_cap), row.weight, row.award_tiers, now, row.tenant_id, row.id, row.version});
  if (res.affected != 1) return false;
  write_parts(c, row);
  return true;
}

std::int64_t tagged_problem_count(Conn& c, std::int64_t tenant_id, std::int64_t id) {
  return c.scalar_i64("SELECT COUNT(*) FROM problems WHERE tenant_id = ? AND campaign_id = ?", {tenant_id, id});
}

void delete_campaign(Conn& c, std::int64_t tenant_id, std::int64_t id) {
  const Params p{tenant_id, id};
  c.query("DELETE FROM work_item_progress WHERE work_item_id IN "
          "(SELECT id FROM work_items WHERE tenant_id = ? AND campaign_id = ?)",
          p);
  c.query("DELETE FROM work_items WHERE tenant_id = ? AND campaign_id = ?", p);
  c.query("DELETE FROM deliverable_submissions WHERE deliverable_id IN "
          "(SELECT id FROM campaign_deliverables WHERE tenant_id = ? AND campaign_id = ?)",
          p);
  c.query("UPDATE activities SET campaign_id = NULL WHERE tenant_id = ? AND campaign_id = ?", p);
  for (const char* t : {"campaign_deliverables", "campaign_task_areas", "campaign_units", "campaign_phases"})
    c.query(std::string("DELETE FROM ") + t + " WHERE tenant_id = ? AND campaign_id = ?", p);
  c.query("DELETE FROM campaigns WHERE tenant_id = ? AND id = ?", p);
}

}  // namespace envgrid::store
