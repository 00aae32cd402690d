// 专项行动总结 and its result 通报 as one DOCX: what the campaign found and fixed, phase by
// phase with before/after photo pairs, task areas against their targets, work items,
// deliverables per unit; then (new page) the ranking of the participating territorial units
// over the campaign's dates and the campaign's award tiers. Every figure is counted from the
// ledger, the work items, the activity logs and the submissions; nothing is typed in.
#include <map>
#include <set>

#include "core/json.hpp"
#include "export/chinese_date.hpp"
#include "http/assessment_compute.hpp"
#include "http/reports_util.hpp"
#include "http/territory_state.hpp"
#include "store/campaigns.hpp"

namespace envgrid::http {

namespace json = boost::json;
namespace da = domain::assessment;

namespace {

const std::map<std::string, std::string> kPhaseNames = {{"mobilize", "动员部署"}, {"survey", "全面排查"},
                                                        {"rectify", "集中整治"}, {"accept", "总结验收"},
                                                        {"sustain", "长期坚持"}, {"other", "其他"}};

struct Counts {
  std::int64_t found = 0, closed = 0, open = 0, overdue = 0;
};

Counts problem_counts(store::Conn& c, std::int64_t tenant, std::int64_t campaign, core::Millis from, core::Millis to,
                      core::Millis now) {
  Counts k;
  auto r = c.query(
      "SELECT COUNT(*), "
      "SUM(CASE WHEN state = 'closed' AND closed_at < ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN state NOT IN ('closed', 'voided', 'rejected') THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN state NOT IN ('closed', 'voided', 'rejected', 'handled') AND deadline < ? THEN 1 ELSE 0 END) "
      "FROM problems WHERE tenant_id = ? AND campaign_id = ? AND reported_at >= ? AND reported_at < ? "
      "AND state NOT IN ('voided', 'rejected')",
      {to, now, tenant, campaign, from, to});
  const auto& row = r.one();
  k.found = row.i64(0);
  k.closed = row.null(1) ? 0 : row.i64(1);
  k.open = row.null(2) ? 0 : row.i64(2);
  k.overdue = row.null(3) ? 0 : row.i64(3);
  return k;
}

struct Pair {
  std::string address, category, before, after;
};

// Closed tagged problems of [from, to) with both photos, newest closure first.
std::vector<Pair> photo_pairs(store::Conn& c, std::int64_t tenant, std::int64_t campaign, core::Millis from,
                              core::Millis to, int limit) {
  std::vector<Pair> out;
  for (const auto& r :
       c.query("SELECT p.address, p.category_code, "
               "(SELECT a.sha256 FROM problem_attachments pa JOIN attachments a ON a.id = pa.attachment_id "
               " WHERE pa.problem_id = p.id AND pa.role = 'before' ORDER BY a.id LIMIT 1), "
               "(SELECT a.sha256 FROM problem_attachments pa JOIN attachments a ON a.id = pa.attachment_id "
               " WHERE pa.problem_id = p.id AND pa.role = 'after' ORDER BY a.id DESC LIMIT 1) "
               "FROM problems p WHERE p.tenant_id = ? AND p.campaign_id = ? AND p.state = 'closed' "
               "AND p.closed_at >= ? AND p.closed_at < ? ORDER BY p.closed_at DESC LIMIT 40",
               {tenant, campaign, from, to})
           .rows) {
    if (r.null(2) || r.null(3)) continue;
    out.push_back({r.str(0), r.str(1), r.str(2), r.str(3)});
    if (static_cast<int>(out.size()) >= limit) break;
  }
  return out;
}

// "清运垃圾6.5吨、清理小广告300条": quantities keyed "kind\tuom".
std::string quantities(const std::map<std::string, double>& q) {
  std::string s;
  for (const auto& [k, v] : q) {
    const auto tab = k.find('\t');
    s += (s.empty() ? "" : "、") + k.substr(0, tab) + reports::num(v) + k.substr(tab + 1);
  }
  return s;
}

}  // namespace

static Response campaign_summary(App& app, Request& req) {
  Actor a = app.require(req, assess::kReaders);
  const auto id = query_int(req, "campaign", 1, INT64_MAX);
  if (!id) throw core::validation_error({{"campaign", "请指定专项行动（campaign=编号）"}});
  const auto now = app.clock.now();
  std::optional<store::CampaignRow> cp;
  std::string tenant_name;
  Counts total;
  std::vector<Counts> per_phase;
  std::vector<std::vector<Pair>> pairs;
  std::vector<store::WorkItemRow> items;
  std::vector<store::SubmissionRow> subs;
  std::int64_t activities = 0, participants = 0, vehicles = 0;
  double funds = 0;
  std::map<std::string, double> activity_q;
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> area_problems;  // area → (found, closed)
  app.db.read([&](store::Conn& c) {
    cp = store::get_campaign(c, a.tenant_id, *id);
    if (!cp) return;
    tenant_name = reports::tenant_name(c, a.tenant_id);
    total = problem_counts(c, a.tenant_id, *id, 0, now + 1, now);
    for (const auto& ph : cp->phases) {
      const auto first = core::parse_date(ph.start_date);
      const auto last = ph.end_date ? core::parse_date(*ph.end_date) : std::optional(core::to_local(now).date);
      const core::Millis from = first ? core::local_midnight(*first) : 0;
      const core::Millis to = last ? core::local_midnight(core::add_days(*last, 1)) : now + 1;
      per_phase.push_back(problem_counts(c, a.tenant_id, *id, from, to, now));
      pairs.push_back(photo_pairs(c, a.tenant_id, *id, from, std::min(to, now + 1), 2));
    }
    items = store::list_work_items(c, a.tenant_id, *id);
    subs = store::list_submissions(c, a.tenant_id, *id);
    auto t = c.query("SELECT COUNT(*), SUM(participants), SUM(vehicles), SUM(funds) FROM activities "
                     "WHERE tenant_id = ? AND campaign_id = ?",
                     {a.tenant_id, *id})
                 .one();
    activities = t.i64(0);
    participants = t.null(1) ? 0 : t.i64(1);
    vehicles = t.null(2) ? 0 : t.i64(2);
    funds = t.null(3) ? 0 : t.f64(3);
    for (const auto& r : c.query("SELECT q.kind, q.uom, SUM(q.amount) FROM activity_quantities q "
                                 "JOIN activities x ON x.id = q.activity_id WHERE x.tenant_id = ? AND x.campaign_id = ? "
                                 "GROUP BY q.kind, q.uom ORDER BY q.kind, q.uom",
                                 {a.tenant_id, *id})
                             .rows)
      activity_q[r.str(0) + "\t" + r.str(1)] = r.f64(2);
    for (const auto& area : cp->task_areas) {
      if (area.category_codes.empty()) continue;
      // A five-character code is a category, a shorter one a class (its categories).
      std::string match;
      store::Params p{a.tenant_id, *id};
      for (const auto& code : area.category_codes) {
        match += std::string(match.empty() ? "" : " OR ") + (code.size() >= 5 ? "category_code = ?" : "category_code LIKE ?");
        p.push_back(code.size() >= 5 ? code : code + "%");
      }
      std::string sql = "SELECT COUNT(*), SUM(CASE WHEN state = 'closed' THEN 1 ELSE 0 END) FROM problems "
                        "WHERE tenant_id = ? AND campaign_id = ? AND state NOT IN ('voided', 'rejected') AND (" +
                        match + ")";
      auto r = c.query(sql, p).one();
      area_problems[area.id] = {r.i64(0), r.null(1) ? 0 : r.i64(1)};
    }
  });
  if (!cp) throw core::not_found("专项行动");
  auto meta = territory_state(app, a.tenant_id).meta.load();
  auto unit_name = [&](std::int64_t uid) {
    auto it = meta->units.find(uid);
    return it == meta->units.end() ? std::string("—") : it->second.name;
  };
  auto day = [](const std::string& iso) {
    auto d = core::parse_date(iso);
    return d ? exporter::chinese_date(*d) : iso;
  };

  exporter::DocxBuilder d;
  d.red_header(tenant_name + "城乡环境整治办公室")
      .title("关于" + cp->title + "\n开展情况的总结")
      .addressee("各村（居）、社区，街道各相关部门：");
  const std::string span = day(cp->start_date) + "至" + (cp->end_date ? day(*cp->end_date) : std::string("今"));
  d.paragraph("按照" + (cp->issuer.empty() ? std::string() : cp->issuer) +
              (cp->doc_number.empty() ? "" : "《" + cp->doc_number + "》") + "部署，" + span + "开展" + cp->title +
              "。现将开展情况总结如下：");
  d.heading(1, "总体情况");
  std::string overall = "行动共发现并登记问题" + std::to_string(total.found) + "个，已整改销号" +
                        std::to_string(total.closed) + "个，正在整改" + std::to_string(total.open) + "个";
  if (total.overdue) overall += "（其中超期" + std::to_string(total.overdue) + "个）";
  overall += "。";
  if (activities)
    overall += "各单位开展集中整治活动" + std::to_string(activities) + "次，出动人员" + std::to_string(participants) +
               "人次、车辆" + std::to_string(vehicles) + "台次，投入资金" + reports::num(funds) + "万元" +
               (activity_q.empty() ? "" : "，完成" + quantities(activity_q)) + "。";
  std::size_t closed_items = 0;
  for (const auto& w : items) closed_items += w.closed_at ? 1 : 0;
  if (!items.empty())
    overall += "任务台账共" + std::to_string(items.size()) + "项，已销号" + std::to_string(closed_items) + "项。";
  d.paragraph(overall);

  d.heading(1, "各阶段开展情况");
  for (std::size_t i = 0; i < cp->phases.size(); ++i) {
    const auto& ph = cp->phases[i];
    const auto kind = kPhaseNames.count(ph.kind) ? kPhaseNames.at(ph.kind) : ph.kind;
    const std::string today = core::format_date(core::to_local(now).date);
    const auto& k = per_phase[i];
    const std::string name = ph.name.empty() ? kind : ph.name;
    if (ph.start_date > today) {
      d.heading(2, name + "（" + day(ph.start_date) + "起）。", "尚未开始。");
      continue;
    }
    const std::string when = day(ph.start_date) + "至" + (ph.end_date ? day(*ph.end_date) : std::string("今"));
    d.heading(2, name + "（" + when + "）。",
              "本阶段发现问题" + std::to_string(k.found) + "个，其中已整改销号" + std::to_string(k.closed) + "个" +
                  (k.open ? "，仍在整改" + std::to_string(k.open) + "个" : "") + "。");
    for (const auto& p : pairs[i]) {
      auto before = reports::photo(app, p.before), after = reports::photo(app, p.after);
      if (!before || !after) continue;
      d.image_pair(*before, *after, "整改前：" + p.address, "整改后");
    }
  }

  if (!cp->task_areas.empty()) {
    d.heading(1, "重点任务完成情况");
    std::vector<std::vector<std::string>> rows;
    for (const auto& area : cp->task_areas) {
      double target = 0, done = 0;
      std::string uom = area.target_uom;
      for (const auto& w : items)
        if (w.task_area_id == area.id) {
          target += w.target_quantity;
          done += w.done_quantity;
          if (uom.empty()) uom = w.uom;
        }
      std::string progress;
      if (auto it = area_problems.find(area.id); it != area_problems.end())
        progress = "问题" + std::to_string(it->second.first) + "个，销号" + std::to_string(it->second.second) + "个";
      if (target > 0) progress += (progress.empty() ? "" : "；") + std::string("完成") + reports::num(done) + "/" +
                                  reports::num(target) + uom;
      rows.push_back({area.name, area.lead_unit_name.empty() ? "—" : area.lead_unit_name,
                      area.target.empty() ? "—" : area.target, progress.empty() ? "—" : progress});
    }
    d.table({"任务", "牵头单位", "目标", "完成情况"}, rows, {2.2, 1.8, 3.2, 3});
  }

  if (!items.empty()) {
    d.heading(1, "任务台账");
    std::vector<std::vector<std::string>> rows;
    for (const auto& w : items)
      rows.push_back({w.title, unit_name(w.owner_unit_id),
                      reports::num(w.done_quantity) + "/" + reports::num(w.target_quantity) + w.uom, day(w.deadline),
                      w.closed_at ? "已销号" : (w.deadline < core::format_date(core::to_local(now).date) ? "逾期未完成"
                                                                                                           : "推进中")});
    d.table({"任务", "责任单位", "完成/目标", "时限", "状态"}, rows, {3.2, 1.8, 1.8, 2, 1.4});
  }

  if (!cp->deliverables.empty()) {
    d.heading(1, "成果材料报送情况");
    const std::string today = core::format_date(core::to_local(now).date);
    for (const auto& del : cp->deliverables) {
      std::set<std::int64_t> submitted;
      bool any = false;
      for (const auto& s : subs)
        if (s.deliverable_id == del.id) {
          any = true;
          if (s.unit_id) submitted.insert(*s.unit_id);
        }
      std::string line = del.title + "（" + day(del.due_date) + "前）：";
      if (!del.per_unit) {
        line += any ? "已报送。" : (del.due_date < today ? "未报送。" : "未到期。");
      } else {
        std::string missing;
        for (auto uid : cp->unit_ids)
          if (!submitted.count(uid)) missing += (missing.empty() ? "" : "、") + unit_name(uid);
        line += std::to_string(submitted.size()) + "个单位已报送";
        if (!missing.empty()) line += (del.due_date < today ? "，未报送：" : "，尚未报送：") + missing;
        line += "。";
      }
      d.paragraph(line);
    }
  }

  d.heading(1, "存在问题和下一步打算");
  if (total.open == 0) {
    d.paragraph("行动发现的问题已全部整改销号。下一步将转入常态化管理，加强日常巡查，巩固整治成果，防止问题反弹。");
  } else {
    d.paragraph("目前仍有" + std::to_string(total.open) + "个问题正在整改" +
                (total.overdue ? "，其中" + std::to_string(total.overdue) + "个已超过整改时限" : std::string()) +
                "。下一步将对未销号问题逐一跟踪督办，按期整改到位，并加强日常巡查，防止问题反弹。");
  }
  d.signature(tenant_name + "城乡环境整治办公室", core::to_local(now).date);

  // The result 通报: territorial units ranked over the campaign's dates, the campaign's tiers.
  d.page_break();
  d.title("关于" + cp->title + "\n考评结果的通报").addressee("各村（居）、社区，街道各相关部门：");
  da::Period period = app.db.read([&](store::Conn& c) { return assess::campaign_period(c, a.tenant_id, *id, "campaign"); });
  auto result = assess::compute(app, a.tenant_id, "territorial", period);
  try {
    const auto tiers = json::parse(cp->award_tiers).as_array();
    if (!tiers.empty()) {
      result.scheme.awards.clear();
      for (const auto& t : tiers) {
        const auto& o = t.as_object();
        da::AwardTier tier;
        tier.name = std::string(o.at("name").as_string());
        tier.amount = o.at("amount").to_number<double>();
        tier.winners = o.contains("count") && !o.at("count").is_null() ? static_cast<int>(o.at("count").to_number<double>()) : 1;
        result.scheme.awards.push_back(tier);
      }
    }
  } catch (const std::exception&) {
  }
  std::set<std::int64_t> participants_set(cp->unit_ids.begin(), cp->unit_ids.end());
  std::vector<da::UnitScore> ranked;
  for (const auto& u : result.scores)
    if (u.ranked && (participants_set.empty() || participants_set.count(u.unit_id))) ranked.push_back(u);
  d.paragraph("根据" + cp->title + "期间（" + span + "）问题台账和督查考评结果，现将各单位考评情况通报如下：");
  d.heading(1, "考评排名");
  if (ranked.empty()) {
    d.paragraph("本次行动无参评单位。");
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& u : ranked)
      rows.push_back({std::to_string(*u.rank), u.unit_name, reports::num(u.score), u.grade});
    d.table({"名次", "单位", "得分", "等次"}, rows, {1, 3.5, 1.6, 1.4});
  }
  d.heading(1, "表彰奖励");
  auto aw = da::awards(result.scheme, ranked);
  if (aw.empty()) {
    d.paragraph("本次行动未设奖励或无获奖单位。");
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& x : aw) rows.push_back({x.tier, x.unit_name, reports::num(x.score), reports::num(x.amount) + "元"});
    d.paragraph("对行动中成绩突出的单位予以通报表扬，并给予奖励：");
    d.table({"奖项", "单位", "得分", "奖励金额"}, rows, {1.5, 3, 1.2, 1.5});
  }
  if (!ranked.empty() && ranked.size() > 3 && ranked.back().score < ranked.front().score) {
    // The bottom third (at most three), only those below the best score.
    std::string bottom;
    for (std::size_t i = ranked.size() - std::min<std::size_t>(3, ranked.size() / 3 + 1); i < ranked.size(); ++i)
      if (ranked[i].score < ranked.front().score) bottom += (bottom.empty() ? "" : "、") + ranked[i].unit_name;
    d.heading(1, "工作要求").paragraph("排名靠后的" + bottom + "要认真查找差距，制定整改措施，确保问题整改到位、不再反弹。");
  }
  d.signature(tenant_name + "城乡环境整治办公室", core::to_local(now).date);
  return reports::docx_response(d, "campaign-summary-" + std::to_string(*id) + ".docx");
}

void register_campaign_report_routes(App& app) {
  app.router.get("/api/v1/reports/campaign-summary.docx", [&app](Request& req) { return campaign_summary(app, req); });
}

}  // namespace envgrid::http
