// 整改情况报告: the answer to an imported feedback list (交办清单), item by item — what
// was found, who rectified it, the measure taken, the state and when it was closed, with
// before/after photos — from the ledger as it stands. Nothing is invented: an item still
// open says so, with its deadline.
#include <map>

#include "core/json.hpp"
#include "export/chinese_date.hpp"
#include "http/ledger_domain.hpp"
#include "http/reports_util.hpp"
#include "http/territory_state.hpp"
#include "store/feedback.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

std::string measure(const store::FeedbackItem& i) {
  std::string m = i.handle_comment;
  try {
    if (!i.outcome.empty()) {
      const auto o = json::parse(i.outcome).as_object();
      std::string q = std::string(o.at("label").as_string());
      if (const auto* n = o.if_contains("quantity"); n && n->to_number<double>() > 0)
        q += reports::num(n->to_number<double>()) + std::string(o.at("unit").as_string());
      if (const auto* amt = o.if_contains("amount")) q += "，罚款" + reports::num(amt->to_number<double>()) + "元";
      m += (m.empty() ? "" : "；") + q;
    }
  } catch (const std::exception&) {
  }
  return m.empty() ? "—" : m;
}

std::string status(const store::FeedbackItem& i, core::Millis now) {
  if (!i.problem_id) return "未登记";
  if (i.state == "closed")
    return "已整改销号（" + exporter::chinese_date(core::to_local(*i.closed_at).date) + "）";
  if (i.state == "voided" || i.state == "rejected") return reports::state_label(i.state);
  std::string s = i.state == "handled" ? "已整改，待核查" : "正在整改";
  if (i.deadline) {
    s += "，时限" + exporter::chinese_date(core::to_local(*i.deadline).date);
    if (*i.deadline < now) s += "（已超期）";
  }
  return s;
}

struct Photos {
  std::string before, after;
};

}  // namespace

static Response feedback_answer(App& app, Request& req) {
  Actor a = app.require(req, {"admin", "dispatcher", "inspector", "leader", "viewer"});
  const auto list_arg = query_int(req, "list", 1, INT64_MAX);
  if (!list_arg) throw core::validation_error({{"list", "请指定交办清单（list=清单编号）"}});
  const auto now = app.clock.now();
  std::string tenant_name;
  std::optional<store::FeedbackList> list;
  std::vector<store::FeedbackItem> items;
  std::map<std::int64_t, Photos> photos;
  app.db.read([&](store::Conn& c) {
    list = store::get_feedback_list(c, a.tenant_id, *list_arg, now);
    if (!list) return;
    tenant_name = reports::tenant_name(c, a.tenant_id);
    items = store::feedback_items(c, a.tenant_id, *list_arg);
    for (const auto& r : c.query("SELECT pa.problem_id, pa.role, a.sha256 FROM feedback_items i "
                                 "JOIN problem_attachments pa ON pa.problem_id = i.problem_id "
                                 "JOIN attachments a ON a.id = pa.attachment_id "
                                 "WHERE i.list_id = ? AND pa.role IN ('before', 'after') ORDER BY a.id",
                                 {*list_arg})
                             .rows) {
      auto& p = photos[r.i64(0)];
      if (r.str(1) == "before" && p.before.empty()) p.before = r.str(2);
      if (r.str(1) == "after") p.after = r.str(2);  // the latest after-photo
    }
  });
  if (!list) throw core::not_found("交办清单");
  auto meta = territory_state(app, a.tenant_id).meta.load();
  auto unit_name = [&](const std::optional<std::int64_t>& id) -> std::string {
    if (!id) return "待派遣";
    auto it = meta->units.find(*id);
    return it == meta->units.end() ? "—" : it->second.name;
  };

  std::size_t closed = 0, handled = 0, open = 0, overdue = 0, dropped = 0;
  for (const auto& i : items) {
    if (i.state == "closed") ++closed;
    else if (i.state == "handled") ++handled;
    else if (i.state == "voided" || i.state == "rejected") ++dropped;
    else {
      ++open;
      if (i.deadline && *i.deadline < now) ++overdue;
    }
  }
  const std::string source = list->issuing_body.empty() ? "上级" : list->issuing_body;
  const std::string doc = list->doc_number.empty() ? "" : list->doc_number;
  exporter::DocxBuilder d;
  d.red_header(tenant_name + "城乡环境整治办公室")
      .title("关于" + list->title + "\n反馈问题整改情况的报告")
      .addressee(source + "：");
  const auto received = core::parse_date(list->received_on);
  d.paragraph((received ? exporter::chinese_date(*received) : list->received_on) + "，我们收到" + source +
              (doc.empty() ? "" : doc) + "《" + list->title + "》，共反馈问题" + std::to_string(items.size()) +
              "个。收到后逐项登记入问题台账，明确责任单位和整改时限，跟踪整改到位。现将整改情况报告如下：");
  d.heading(1, "总体情况")
      .paragraph("截至" + exporter::chinese_date(core::to_local(now).date) + "，" + std::to_string(items.size()) +
                 "个问题中已整改销号" + std::to_string(closed) + "个，已整改待核查" + std::to_string(handled) +
                 "个，正在整改" + std::to_string(open) + "个" +
                 (overdue ? "（其中超过整改时限" + std::to_string(overdue) + "个）" : "") +
                 (dropped ? "，经核实不予受理或作废" + std::to_string(dropped) + "个" : "") + "。");
  d.heading(1, "逐项整改情况");
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : items)
    rows.push_back({i.ref.empty() ? std::to_string(i.row_no) : i.ref, i.address + "：" + i.description,
                    unit_name(i.unit_id), measure(i), status(i, now)});
  d.table({"序号", "反馈问题", "责任单位", "整改措施", "整改情况"}, rows, {0.9, 4.2, 1.8, 2.6, 2.6});
  bool any_photo = false;
  for (const auto& i : items) {
    if (!i.problem_id) continue;
    auto it = photos.find(*i.problem_id);
    if (it == photos.end()) continue;
    auto before = it->second.before.empty() ? std::nullopt : reports::photo(app, it->second.before);
    auto after = it->second.after.empty() ? std::nullopt : reports::photo(app, it->second.after);
    if (!before && !after) continue;
    if (!any_photo) d.heading(1, "整改照片");
    any_photo = true;
    d.paragraph((i.ref.empty() ? std::to_string(i.row_no) : i.ref) + ". " + i.address + "：" + i.description);
    if (before && after) d.image_pair(*before, *after, "整改前", "整改后");
    else if (before) d.image(*before, 8, "整改前");
    else d.image(*after, 8, "整改后");
  }
  d.heading(1, "下一步工作");
  if (open + handled == 0) {
    d.paragraph("反馈问题已全部整改到位。我们将举一反三，加强日常巡查，防止问题反弹回潮。");
  } else {
    std::string pending;
    for (const auto& i : items)
      if (i.state != "closed" && i.state != "voided" && i.state != "rejected")
        pending += (pending.empty() ? "" : "；") + (i.ref.empty() ? std::to_string(i.row_no) : i.ref) + "号（" +
                   unit_name(i.unit_id) + "，" + status(i, now) + "）";
    d.paragraph("对尚未销号的" + std::to_string(open + handled) + "个问题，按整改时限跟踪督办、逐一核查销号：" +
                pending + "。整改完成后另行报告。");
  }
  d.signature(tenant_name + "城乡环境整治办公室", core::to_local(now).date);
  return reports::docx_response(d, "feedback-answer-" + std::to_string(list->id) + ".docx");
}

void register_feedback_report_routes(App& app) {
  app.router.get("/api/v1/reports/feedback-answer.docx", [&app](Request& req) { return feedback_answer(app, req); });
}

}  // namespace envgrid::http
