#pragma once
// The ledger handlers' bridge to the pure domain layer: categories and the working
// calendar of a tenant (cached, reloaded when an admin edits them), SLA views,
// lifecycle decisions and labels.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/app.hpp"
#include "store/problems.hpp"

namespace envgrid::http {

struct SlaView {
  std::optional<core::Millis> deadline;
  double used_ratio = 0;
  std::optional<std::string> light;  // green|yellow|red
  bool overdue = false;
};

// The step a problem waits on before or after handling — 受理 (reported), 派遣 (registered),
// 核查 (handled) — on its own working-time limit (config steps.*).
struct StepView {
  std::string step, label;  // accept|dispatch|verify, 受理|派遣|核查
  core::Millis started_at = 0, deadline = 0;
  std::string light;  // green|yellow|red
  bool overdue = false;
};

struct CategoryView {
  std::string code, name, parent_code, limit_kind, unit_type, filing_standard, closing_standard;
  double limit_hours = 0, deduction = 0;
  bool after_photo_required = false;
};

// Category by code in the tenant's list, or nullopt.
std::optional<CategoryView> find_category(App& app, std::int64_t tenant, const std::string& code);
// The SLA of a problem at `now` (clock stopped at handling and while suspended).
SlaView sla_view(App& app, const store::ProblemRow& p, core::Millis now);
// nullopt in other states, while suspended, or when that step's limit is 0.
std::optional<StepView> step_view(App& app, const store::ProblemRow& p, core::Millis now);
std::string state_label(const std::string& state);
std::string source_label(const std::string& source);
std::string action_label(const std::string& action);
inline const std::vector<std::string> kSources = {"patrol", "inspection", "covert", "higher_level",
                                                  "media", "citizen", "self_check"};
// Actions the actor may take on the problem now.
std::vector<std::string> allowed_actions(const store::ProblemRow& p, const std::vector<std::int64_t>& assist,
                                         const Actor& a);

// Throws 403 (role/scope) or 409 with allowed_actions (state) unless the actor may
// take `action` on the problem now.
void check_action(const store::ProblemRow& p, const std::vector<std::int64_t>& assist, const Actor& a,
                  const std::string& action);

// Deadline and the moment the light turns yellow (80 % of the limit), from the SLA
// inputs kept in the problem's `sla` JSON; nullopt when the clock has not started.
struct Deadline {
  core::Millis deadline = 0, warn_at = 0;
};
std::optional<Deadline> plan_deadline(App& app, const store::ProblemRow& p);
// The problem's `sla` column: {"inputs": domain SLA inputs | null, "pending": {"minutes",
// "by", "at"} | null}. These edit it and return the new text.
std::string start_clock(const CategoryView& cat, core::Millis start, std::optional<core::Millis> explicit_deadline,
                        std::optional<core::Millis> cap, bool every_day);
std::string sla_rework(const std::string& sla, core::Millis at);
std::string sla_request_extension(const std::string& sla, std::int64_t minutes, std::int64_t by, core::Millis at);
// Approves (moves the pending minutes into the extensions) or denies the pending request.
std::string sla_decide_extension(const std::string& sla, bool approve, core::Millis at, std::int64_t& minutes);
std::string sla_suspend(const std::string& sla, core::Millis at);
std::string sla_resume(const std::string& sla, core::Millis at);
bool sla_has_pending(const std::string& sla);
std::optional<core::Millis> sla_start(const std::string& sla);

struct PhotoFacts {
  std::int64_t attachment_id = 0;
  std::int64_t problem_id = 0;  // set for photos found on other problems
  std::string sha256;
  std::uint64_t dhash = 0;
  std::optional<core::Millis> taken_at;
  std::optional<double> lng, lat;
};
struct EvidenceFlag {
  std::int64_t attachment_id = 0;
  std::string code, label;
};
// Checks after-photos against the problem (time, place, its before-photos) and against
// photos used on other problems. Throws 422 when an after-photo is a before-photo.
std::vector<EvidenceFlag> check_after_photos(App& app, const store::ProblemRow& p, const std::vector<PhotoFacts>& after,
                                             const std::vector<PhotoFacts>& before,
                                             const std::vector<PhotoFacts>& used_elsewhere, core::Millis clock_start);

}  // namespace envgrid::http
