// Lifecycle actions on a problem: each checks role, scope, state and version, applies
// its effect, and appends one hash-chained history row in the same transaction.
#include "http/ledger_util.hpp"
#include "http/notify.hpp"
#include "http/problems_query.hpp"

namespace envgrid::http {

namespace json = boost::json;
using namespace ledger;

namespace {

[[noreturn]] void stale(const store::ProblemRow& p, const std::vector<std::int64_t>& assist, const Actor& a) {
  core::ApiError e = core::conflict("stale-version", "问题已被他人修改，请刷新后重试",
                                    "当前版本为 " + std::to_string(p.version));
  json::array allowed;
  for (const auto& x : allowed_actions(p, assist, a)) allowed.emplace_back(x);
  e.error().extra["allowed_actions"] = allowed;
  e.error().extra["current_version"] = p.version;
  throw e;
}

// The deadline cap and clock mode of the problem's campaign, if any.
std::optional<core::Millis> campaign_cap(store::Conn& c, const store::ProblemRow& p) {
  if (!p.campaign_id) return std::nullopt;
  auto r = c.first("SELECT deadline_cap FROM campaigns WHERE id = ?", {*p.campaign_id});
  return r ? r->opt_i64(0) : std::nullopt;
}
bool campaign_every_day(store::Conn& c, const store::ProblemRow& p) {
  if (!p.campaign_id) return false;
  auto r = c.first("SELECT clock_mode FROM campaigns WHERE id = ?", {*p.campaign_id});
  return r && r->str(0) == "every_day";
}

void require_comment(const ActionInput& in, const char* why) {
  if (in.comment.empty()) throw core::validation_error({{"comment", why}});
}

}  // namespace

store::ProblemRow act(App& app, const Actor& a, std::int64_t problem_id, const ActionInput& in) {
  const core::Millis now = in.at.value_or(app.clock.now());
  app.db.write([&](store::Conn& c) {
    auto found = store::get_problem(c, a.tenant_id, problem_id);
    std::vector<std::int64_t> assist;
    if (found) assist = store::assist_units(c, problem_id);
    if (!found || !can_see(a, *found, assist)) throw core::not_found("问题");
    store::ProblemRow p = *found;
    // A stale version first: whatever was asked, the user must see the current problem.
    if (in.version != p.version) stale(p, assist, a);
    check_action(p, assist, a, in.action);
    const std::string from = p.state;
    json::object payload;
    auto cat = find_category(app, a.tenant_id, p.category_code);
    if (!cat) throw core::conflict("category-missing", "该问题的类别已被删除，请先恢复类别");

    if (in.action == "accept") {
      p.state = "registered";
      p.accepted_at = now;
    } else if (in.action == "reject") {
      require_comment(in, "不予受理需说明理由");
      p.state = "rejected";
    } else if (in.action == "dispatch") {
      if (!in.dispatch) throw core::validation_error({{"unit_id", "派遣需指定责任单位"}});
      const auto& d = *in.dispatch;
      check_unit(c, a.tenant_id, d.unit_id, "unit_id");
      for (size_t i = 0; i < d.assist_unit_ids.size(); ++i) {
        check_unit(c, a.tenant_id, d.assist_unit_ids[i], "assist_unit_ids[" + std::to_string(i) + "]");
        if (d.assist_unit_ids[i] == d.unit_id)
          throw core::validation_error({{"assist_unit_ids[" + std::to_string(i) + "]", "协办单位不能与主办单位相同"}});
      }
      if (d.deadline && *d.deadline <= now) throw core::validation_error({{"deadline", "处置期限应晚于当前时间"}});
      p.state = "dispatched";
      p.unit_id = d.unit_id;
      p.dispatched_at = now;
      p.explicit_deadline = d.deadline;
      p.suspended = false;
      p.sla = start_clock(*cat, now, d.deadline, campaign_cap(c, p), campaign_every_day(c, p));
      store::set_assist_units(c, a.tenant_id, p.id, d.assist_unit_ids);
      json::array ids;
      for (auto u : d.assist_unit_ids) ids.emplace_back(u);
      payload = {{"unit_id", d.unit_id}, {"assist_unit_ids", ids}};
      if (d.deadline) payload["deadline"] = core::format_iso(*d.deadline);
    } else if (in.action == "return") {
      require_comment(in, "退回需说明理由（如不属于本单位职责）");
      payload = {{"unit_id", p.unit_id ? json::value(*p.unit_id) : json::value(nullptr)}};
      p.state = "registered";
      p.return_count += 1;
      p.unit_id.reset();
      p.dispatched_at.reset();
      p.sla = "{}";
      p.explicit_deadline.reset();
      store::set_assist_units(c, a.tenant_id, p.id, {});
    } else if (in.action == "handle") {
      auto after = load_photos(c, a.tenant_id, in.attachment_ids, "attachment_ids");
      if (cat->after_photo_required && after.empty() && problem_photos(c, p.id, "after").empty())
        throw core::validation_error({{"attachment_ids", "该类别要求上传整改后照片"}});
      if (!in.outcome) throw core::validation_error({{"outcome", "请填写处置结果"}});
      check_outcome(*in.outcome);
      auto before = problem_photos(c, p.id, "before");
      auto used = photos_used_elsewhere(c, a.tenant_id, p.id, after);
      const core::Millis start = sla_start(p.sla).value_or(p.dispatched_at.value_or(p.reported_at));
      auto ev = check_after_photos(app, p, after, before, used, start);
      link_photos(c, a.tenant_id, p.id, after, "after", ev);
      p.evidence = merge_evidence(p.evidence, ev);
      p.state = "handled";
      p.handled_at = now;
      p.outcome = json::serialize(outcome_json(*in.outcome));
      payload = {{"outcome", json::parse(*p.outcome)}, {"attachments", static_cast<std::int64_t>(after.size())}};
    } else if (in.action == "verify_pass") {
      p.state = "closed";
      p.closed_at = now;
    } else if (in.action == "verify_fail") {
      require_comment(in, "核查不通过需说明原因");
      p.state = "dispatched";
      p.rework_count += 1;
      p.handled_at.reset();
      // Rework restarts the full limit from now (the domain drops the old round's extensions).
      p.sla = sla_rework(p.sla, now);
      payload = {{"rework", p.rework_count}};
    } else if (in.action == "request_extension") {
      require_comment(in, "申请延期需说明理由");
      if (!in.hours || *in.hours <= 0 || *in.hours > 720) throw core::validation_error({{"hours", "延期时长应在 1 到 720 小时之间"}});
      p.sla = sla_request_extension(p.sla, static_cast<std::int64_t>(*in.hours * 60), a.user_id, now);
      payload = {{"hours", *in.hours}};
    } else if (in.action == "approve_extension" || in.action == "deny_extension") {
      const bool approve = in.action == "approve_extension";
      if (!approve) require_comment(in, "驳回延期需说明理由");
      std::int64_t minutes = 0;
      p.sla = sla_decide_extension(p.sla, approve, now, minutes);
      payload = {{"minutes", minutes}};
    } else if (in.action == "suspend") {
      require_comment(in, "挂账需说明原因");
      p.sla = sla_suspend(p.sla, now);
      p.suspended = true;
    } else if (in.action == "resume") {
      p.sla = sla_resume(p.sla, now);
      p.suspended = false;
    } else if (in.action == "void") {
      require_comment(in, "作废需说明理由");
      p.state = "voided";
    } else if (in.action == "merge") {
      if (!in.merge_into || *in.merge_into == p.id) throw core::validation_error({{"merge_into", "请指定要合并到的另一个问题"}});
      auto target = store::get_problem(c, a.tenant_id, *in.merge_into);
      if (!target || target->state == "voided" || target->state == "rejected")
        throw core::validation_error({{"merge_into", "目标问题不存在或已作废"}});
      p.state = "voided";
      p.merged_into = target->id;
      payload = {{"merge_into", target->id}, {"number", target->number}};
    } else {
      throw core::validation_error({{"action", "未知操作"}});
    }
    p.updated_at = now;
    refresh_deadline(app, p);
    if (!store::update_problem(c, p)) stale(p, assist, a);
    record(c, p, a, in.action, from, in.comment, payload, now);
    // Backdated actions (the demo generator) tell nobody.
    if (!in.at) notify::problem_action(app, c, a, p, in.action, in.comment, payload, now);
  });
  return *app.db.read([&](store::Conn& c) { return store::get_problem(c, a.tenant_id, problem_id); });
}

}  // namespace envgrid::http
