// Identifiers and Chinese labels of states, actions and roles.
#include <array>

#include "domain/lifecycle.hpp"

namespace envgrid::domain {

namespace {

struct Names {
  const char* name;
  const char* label;
};

constexpr std::array<Names, 7> kStates = {{
    {"reported", "待受理"},
    {"rejected", "不予受理"},
    {"registered", "已立案"},
    {"dispatched", "处置中"},
    {"handled", "待核查"},
    {"closed", "已结案"},
    {"voided", "已作废"},
}};

constexpr std::array<Names, 15> kActions = {{
    {"report", "上报"},
    {"accept", "受理"},
    {"reject", "不予受理"},
    {"dispatch", "派遣"},
    {"return", "退回"},
    {"handle", "处置"},
    {"verify_pass", "核查通过"},
    {"verify_fail", "核查不通过（返工）"},
    {"request_extension", "申请延期"},
    {"approve_extension", "批准延期"},
    {"deny_extension", "驳回延期"},
    {"suspend", "挂账"},
    {"resume", "恢复处置"},
    {"void", "作废"},
    {"merge", "合并重复问题"},
}};

constexpr std::array<Names, 7> kRoles = {{
    {"admin", "系统管理员"},
    {"dispatcher", "受理派遣员"},
    {"inspector", "督查人员"},
    {"grid_worker", "网格员"},
    {"unit_handler", "责任单位处置人员"},
    {"leader", "领导"},
    {"viewer", "上级观察员"},
}};

static_assert(static_cast<size_t>(State::voided) + 1 == kStates.size());
static_assert(static_cast<size_t>(Action::merge) + 1 == kActions.size());
static_assert(static_cast<size_t>(Role::viewer) + 1 == kRoles.size());

template <class E, size_t N>
std::optional<E> find(const std::array<Names, N>& table, std::string_view s) {
  for (size_t i = 0; i < N; ++i)
    if (s == table[i].name) return static_cast<E>(i);
  return std::nullopt;
}

template <class E>
std::vector<E> enumerate(size_t n) {
  std::vector<E> v;
  for (size_t i = 0; i < n; ++i) v.push_back(static_cast<E>(i));
  return v;
}

}  // namespace

const char* state_name(State s) { return kStates[static_cast<size_t>(s)].name; }
const char* state_label(State s) { return kStates[static_cast<size_t>(s)].label; }
const char* action_name(Action a) { return kActions[static_cast<size_t>(a)].name; }
const char* action_label(Action a) { return kActions[static_cast<size_t>(a)].label; }
const char* role_name(Role r) { return kRoles[static_cast<size_t>(r)].name; }
const char* role_label(Role r) { return kRoles[static_cast<size_t>(r)].label; }

std::optional<State> parse_state(std::string_view s) { return find<State>(kStates, s); }
std::optional<Action> parse_action(std::string_view s) { return find<Action>(kActions, s); }
std::optional<Role> parse_role(std::string_view s) { return find<Role>(kRoles, s); }

const std::vector<State>& all_states() {
  static const std::vector<State> v = enumerate<State>(kStates.size());
  return v;
}

const std::vector<Action>& all_actions() {
  static const std::vector<Action> v = enumerate<Action>(kActions.size());
  return v;
}

}  // namespace envgrid::domain
