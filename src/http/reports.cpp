// 月通报 (monthly bulletin) as DOCX: headline counts, rankings of both schemes, the
// exposure list with photos, awards, and 通报批评/约谈 of the month.
#include <map>

#include "core/json.hpp"
#include "export/chinese_date.hpp"
#include "export/docx_builder.hpp"
#include "http/assessment_compute.hpp"
#include "http/reports_util.hpp"
#include "media/attachment_store.hpp"
#include "store/assessment.hpp"
#include "store/assessment_reports.hpp"

namespace envgrid::http {

using namespace assess;

static std::vector<std::vector<std::string>> ranking_rows(const Computed& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& u : r.scores) {
    if (!u.ranked) continue;
    std::string notes;
    for (const auto& l : u.lines)
      if ((l.kind == "deduction" && l.points > 0) || l.kind == "veto")
        notes += (notes.empty() ? "" : "；") + l.name + (l.kind == "veto" ? "" : " −" + reports::num(l.points));
    if (r.scheme.kind == "handling") {
      std::string rates;
      for (const auto& l : u.lines)
        if (l.kind == "item") rates += (rates.empty() ? "" : " ") + reports::num(l.points);
      notes = rates + (notes.empty() ? "" : "；" + notes);
    }
    rows.push_back({std::to_string(*u.rank), u.unit_name, reports::num(u.score), u.grade, notes.empty() ? "—" : notes});
  }
  return rows;
}

// "本月", "本季度", "本年度": how the bulletin names its period.
static std::string this_period(const da::Period& p) {
  return p.kind == "month" ? "本月" : p.kind == "quarter" ? "本季度" : "本年度";
}

static void exposure_section(exporter::DocxBuilder& d, App& app, std::int64_t tenant, const Computed& r) {
  auto ex = da::exposure(r.scheme, r.scores);
  const std::string term = this_period(r.period);
  if (ex.empty()) {
    d.paragraph(term + "无曝光单位。");
    return;
  }
  std::vector<std::int64_t> ids;
  std::string names;
  for (const auto& u : ex) {
    ids.push_back(u.unit_id);
    names += (names.empty() ? "" : "、") + u.unit_name + "（" + reports::num(u.score) + "分）";
  }
  d.paragraph("按照“月曝光”要求，对" + term + "考评排名靠后的" + std::to_string(ex.size()) + "个单位予以曝光：" + names +
              "。请上述单位认真查摆问题，限期整改到位。");
  auto problems = app.db.read([&](store::Conn& c) {
    return store::exposure_problems(c, tenant, ids, r.scheme.kind == "territorial", r.period.from, r.period.to, 2);
  });
  std::map<std::int64_t, std::string> unit_names;
  for (const auto& u : ex) unit_names[u.unit_id] = u.unit_name;
  for (const auto& p : problems) {
    d.paragraph(unit_names[p.unit_id] + "：" + p.address + "（问题编号 " + p.number + "，" +
                reports::state_label(p.state) + "）。");
    auto before = reports::photo(app, p.before_sha), after = reports::photo(app, p.after_sha);
    if (before && after) d.image_pair(*before, *after, "整改前", "整改后");
    else if (before) d.image(*before, 8, "问题照片");
  }
}

static Response bulletin(App& app, Request& req) {
  Actor a = app.require(req, kReaders);
  const auto period = period_arg(req);
  // A month gives the 月通报; a quarter or a year the 季度/年度通报 from the same machinery.
  const std::string term = this_period(period);
  auto terr = compute(app, a.tenant_id, "territorial", period);
  auto hand = compute(app, a.tenant_id, "handling", period);
  std::string tenant_name;
  store::LedgerTotals t;
  std::vector<store::Accountability> acc;
  app.db.read([&](store::Conn& c) {
    tenant_name = reports::tenant_name(c, a.tenant_id);
    t = store::ledger_totals(c, a.tenant_id, period.from, period.to, terr.at);
    acc = store::list_accountability(c, a.tenant_id, core::format_date(period.first), core::format_date(period.last),
                                     std::nullopt);
  });
  exporter::DocxBuilder d;
  d.red_header(tenant_name + "城乡环境整治办公室")
      .doc_number("环整通〔" + std::to_string(period.first.year) + "〕" + std::to_string(period.first.month) + "号")
      .title("关于" + period.label + "城乡环境整治\n考评情况的通报")
      .addressee("各村（居）、社区，街道各相关部门：")
      .paragraph(std::string(period.kind == "month" ? "按照“月检查、月曝光、月排名”的工作要求" : "根据各月考评结果") + "，现将" + period.label + "城乡环境整治考评情况通报如下：");
  d.heading(1, "总体情况")
      .paragraph(term + "共发现问题" + std::to_string(t.reported) + "件，派遣处置" + std::to_string(t.dispatched) +
                 "件，结案销号" + std::to_string(t.closed) + "件，按期处置" + std::to_string(t.on_time) +
                 "件；截至通报时超期未处置" + std::to_string(t.overdue_open) + "件，问题反弹" +
                 std::to_string(t.rebound) + "件。");
  d.heading(1, "村居（社区）考评排名");
  auto rows = ranking_rows(terr);
  if (rows.empty()) d.paragraph(term + "无参评村居（社区）。");
  else d.table({"名次", "单位", "得分", "等次", "扣分情况"}, rows, {1, 2.6, 1.6, 1, 5});
  d.heading(1, "处置部门考评排名");
  rows = ranking_rows(hand);
  std::string none;
  for (const auto& u : hand.scores)
    if (!u.ranked) none += (none.empty() ? "" : "、") + u.unit_name;
  if (!rows.empty()) d.table({"名次", "单位", "得分", "等次", "按期/结案/返工/超期得分及扣分"}, rows, {1, 2.6, 1.6, 1, 5});
  if (!none.empty()) d.paragraph(term + "无案件、不参与排名的单位：" + none + "。");
  if (rows.empty() && none.empty()) d.paragraph(term + "无参评处置部门。");
  d.heading(1, period.kind == "month" ? "月曝光" : "排名靠后单位");
  exposure_section(d, app, a.tenant_id, terr);
  d.heading(1, "表扬与奖励");
  auto aw = da::awards(terr.scheme, terr.scores);
  if (aw.empty()) d.paragraph(term + "无获奖单位。");
  else {
    std::vector<std::vector<std::string>> arows;
    for (const auto& x : aw) arows.push_back({x.tier, x.unit_name, reports::num(x.score), reports::num(x.amount) + "元"});
    d.paragraph("对考评成绩优异的单位予以通报表扬，并按考评办法给予奖励：");
    d.table({"奖项", "单位", "得分", "奖励金额"}, arows, {1.5, 3, 1.2, 1.5});
  }
  d.heading(1, "通报批评与约谈");
  if (acc.empty()) d.paragraph(term + "无通报批评和约谈事项。");
  for (const auto& x : acc)
    d.paragraph(x.unit_name + "：" + x.reason + "，" + (x.kind == "interview" ? "约谈" : "通报批评") +
                (x.person.empty() ? "" : "（" + x.person + "）") + "，日期" + x.day + "。");
  d.heading(1, "工作要求")
      .paragraph("各单位要对照通报问题逐项整改，举一反三、建立长效机制，防止问题反弹回潮。排名靠后的单位要深刻反思，"
                 "主要负责人要靠前指挥，确保" + std::string(period.kind == "month" ? "下月" : "下一阶段") + "考评成绩明显提升。");
  d.signature(tenant_name + "城乡环境整治办公室", core::to_local(app.clock.now()).date);
  return reports::docx_response(d, "bulletin-" + period.code + ".docx");
}

void register_report_routes(App& app) {
  app.router.get("/api/v1/reports/bulletin.docx", [&app](Request& req) { return bulletin(app, req); });
}

}  // namespace envgrid::http
