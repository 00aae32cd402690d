// 工作汇报 (work report) as DOCX, in the shape of the seed 汇报材料: every count comes
// from the ledger (problems by category, outcome quantities) and the activity log.
#include <map>

#include "export/chinese_date.hpp"
#include "export/docx_builder.hpp"
#include "http/assessment_compute.hpp"
#include "http/reports_util.hpp"
#include "store/assessment_reports.hpp"
#include "store/fieldwork.hpp"

namespace envgrid::http {

using reports::num;

static core::Date date_arg(const Request& req, const char* name) {
  auto s = req.q(name);
  if (!s || s->empty()) throw core::validation_error({{name, "请指定日期（YYYY-MM-DD）"}});
  auto d = core::parse_date(*s);
  if (!d) throw core::validation_error({{name, "日期格式应为 YYYY-MM-DD"}});
  return *d;
}

// "清除小广告1200条、清运垃圾35.5吨、拆除违建120平方米" from the outcome totals.
static std::string outcome_sentence(const std::vector<store::OutcomeTotal>& totals) {
  static const std::map<std::string, std::string> verbs = {{"clear", "清运垃圾杂物"}, {"demolish", "拆除违章建筑"},
                                                           {"paint", "粉刷墙面"},     {"remove_ads", "清除小广告"},
                                                           {"repair", "修复破损路面"}, {"tow", "拖移车辆"}};
  std::string s;
  for (const auto& t : totals) {
    if (t.quantity <= 0) continue;
    auto it = verbs.find(t.kind);
    std::string label = it != verbs.end() ? it->second : t.label;
    std::string unit = t.unit == "㎡" ? "平方米" : t.unit;
    s += (s.empty() ? "" : "，") + label + num(t.quantity) + unit;
  }
  return s;
}

static Response work_report(App& app, Request& req) {
  Actor a = app.require(req, assess::kReaders);
  const core::Date first = date_arg(req, "from"), last = date_arg(req, "to");
  if (last < first) throw core::validation_error({{"to", "结束日期不能早于开始日期"}});
  if (core::days_from_civil(last) - core::days_from_civil(first) > 366)
    throw core::validation_error({{"to", "汇报时段不能超过一年"}});
  const core::Millis from = core::local_midnight(first), to = core::local_midnight(core::add_days(last, 1));
  std::string tenant;
  store::LedgerTotals t;
  std::vector<store::CategoryCount> cats;
  std::vector<store::OutcomeTotal> outcomes;
  std::vector<std::pair<std::string, std::string>> names;
  store::ActivityTotals acts;
  app.db.read([&](store::Conn& c) {
    tenant = reports::tenant_name(c, a.tenant_id);
    t = store::ledger_totals(c, a.tenant_id, from, to, app.clock.now());
    cats = store::category_counts(c, a.tenant_id, from, to);
    outcomes = store::outcome_totals(c, a.tenant_id, from, to);
    names = store::category_names(c, a.tenant_id);
    store::ActivityFilter f;
    f.from = core::format_date(first);
    f.to = core::format_date(last);
    acts = store::activity_totals(c, a.tenant_id, f);
  });
  std::map<std::string, std::string> name_of(names.begin(), names.end());
  auto cat_name = [&](const std::string& code) {
    auto it = name_of.find(code);
    return it == name_of.end() ? code : it->second;
  };
  const std::string span = exporter::chinese_date(first) + "至" + exporter::chinese_date(last);
  exporter::DocxBuilder d;
  d.title(tenant + "城乡人居环境专项整治\n工作汇报");
  d.paragraph(tenant + "紧紧围绕提升城乡人居环境的工作要求，突出工作重点，聚焦薄弱环节，注重精细管理，依托网格化管理平台"
              "开展综合整治，城乡管理进一步规范，人居环境明显改善。现将" + span + "工作情况汇报如下：");
  d.heading(1, "问题发现与处置情况");
  const double rate = t.dispatched ? 100.0 * t.on_time / t.dispatched : 0.0;
  d.paragraph("通过网格员日常巡查、督查检查、暗访、群众反映等渠道，共发现各类环境问题" + std::to_string(t.reported) +
              "件，派遣责任单位处置" + std::to_string(t.dispatched) + "件，整改结案销号" + std::to_string(t.closed) +
              "件，按期处置" + std::to_string(t.on_time) + "件" +
              (t.dispatched ? "（按期处置率" + num(rate) + "%）" : "") + "。截至目前超期未处置" +
              std::to_string(t.overdue_open) + "件，发现问题反弹" + std::to_string(t.rebound) + "件，均已纳入台账跟踪督办。");
  if (!cats.empty()) {
    std::vector<std::vector<std::string>> rows;
    std::int64_t rep = 0, clo = 0;
    for (const auto& c : cats) {
      rows.push_back({cat_name(c.code), std::to_string(c.reported), std::to_string(c.closed)});
      rep += c.reported;
      clo += c.closed;
    }
    rows.push_back({"合计", std::to_string(rep), std::to_string(clo)});
    d.paragraph("各类问题发现及结案情况如下表：");
    d.table({"问题类别", "发现（件）", "结案（件）"}, rows, {4, 2, 2});
  }
  d.heading(1, "整治成效");
  const auto done = outcome_sentence(outcomes);
  d.paragraph(done.empty() ? "本时段处置的问题均以劝导、整改为主，未产生清运、拆除等计量成果。"
                           : "在问题处置中，累计" + done + "，市容环境面貌明显改善。");
  if (acts.count > 0) {
    std::string q;
    for (const auto& x : acts.quantities)
      if (x.amount > 0) q += (q.empty() ? "" : "，") + x.kind + num(x.amount) + (x.uom == "㎡" ? "平方米" : x.uom);
    d.paragraph("组织开展集中整治、包村干部周五清理、书记每日一小时整治等活动" + std::to_string(acts.count) +
                "次，出动人员" + std::to_string(acts.participants) + "人次、车辆" + std::to_string(acts.vehicles) +
                "台次，投入资金" + num(acts.funds) + "万元" + (q.empty() ? "" : "，" + q) + "。");
  } else {
    d.paragraph("本时段未登记集中整治活动。");
  }
  d.heading(1, "长效机制");
  d.heading(2, "网格化管理机制。", "按照属地管理，定岗、定人、定责的原则，建立网格化工作台账，问题发现、派遣、处置、"
                                 "核查、结案全程留痕，实现问题闭环管理。");
  d.heading(2, "积分管理考核机制。", "考核采取百分制方式，按月检查、月曝光、月排名，考核结果与评先评优和奖惩挂钩，"
                                   "切实发挥考核“指挥棒”作用。");
  d.heading(1, "下一步工作打算");
  d.paragraph("一是持续巩固整治成果，对已结案问题开展“回头看”，防止反弹回潮；二是加大督查考核力度，对排名靠后的单位"
              "通报约谈；三是完善长效管理机制，推动城乡人居环境持续改善。");
  d.signature(tenant, core::to_local(app.clock.now()).date);
  return reports::docx_response(d, "work-report-" + core::format_date(first) + "-" + core::format_date(last) + ".docx");
}

void register_work_report_routes(App& app) {
  app.router.get("/api/v1/reports/work-report.docx", [&app](Request& req) { return work_report(app, req); });
}

}  // namespace envgrid::http
