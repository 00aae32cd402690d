// The lifecycle rules and labels, from domain/lifecycle.
#include "domain/lifecycle.hpp"
#include "http/ledger_domain.hpp"
#include "http/ledger_rules.hpp"

namespace envgrid::http {

domain::ProblemFacts facts_of(const store::ProblemRow& p, const std::vector<std::int64_t>& assist) {
  domain::ProblemFacts f;
  f.state = domain::parse_state(p.state).value_or(domain::State::reported);
  f.suspended = p.suspended;
  f.pending_extension = sla_has_pending(p.sla);
  f.unit_id = p.unit_id;
  f.assisting_unit_ids = assist;
  f.grid_id = p.grid_id;
  f.reporter_id = p.reporter_id;
  return f;
}

domain::Actor domain_actor(const Actor& a) {
  domain::Actor d;
  d.user_id = a.user_id;
  for (const auto& r : a.roles)
    if (auto role = domain::parse_role(r)) d.roles.push_back(*role);
  d.unit_id = a.unit_id;
  d.grid_ids = a.grid_ids;
  return d;
}

void check_action(const store::ProblemRow& p, const std::vector<std::int64_t>& assist, const Actor& a,
                  const std::string& action) {
  auto act = domain::parse_action(action);
  if (!act || *act == domain::Action::report) throw core::validation_error({{"action", "未知操作"}});
  auto r = domain::decide(facts_of(p, assist), domain_actor(a), *act);
  if (!r) throw core::ApiError(r.error());
}

std::vector<std::string> allowed_actions(const store::ProblemRow& p, const std::vector<std::int64_t>& assist,
                                         const Actor& a) {
  std::vector<std::string> out;
  for (auto act : domain::allowed_actions(facts_of(p, assist), domain_actor(a))) out.emplace_back(domain::action_name(act));
  return out;
}

std::string state_label(const std::string& state) {
  auto s = domain::parse_state(state);
  return s ? domain::state_label(*s) : state;
}

std::string action_label(const std::string& action) {
  if (action == "auto_close") return "自动结案";
  auto a = domain::parse_action(action);
  return a ? domain::action_label(*a) : action;
}

std::string source_label(const std::string& source) {
  static const std::map<std::string, std::string> labels = {
      {"patrol", "巡查"},      {"inspection", "督查"}, {"covert", "暗访"},      {"higher_level", "上级督查"},
      {"media", "媒体曝光"},   {"citizen", "市民投诉"}, {"self_check", "自查"}};
  auto it = labels.find(source);
  return it == labels.end() ? source : it->second;
}

}  // namespace envgrid::http
