// SLA bookkeeping on the problem's `sla` column, evaluated by domain/sla.
#include <boost/json.hpp>

#include "domain/sla.hpp"
#include "http/ledger_cache.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

struct SlaDoc {
  std::optional<domain::SlaInputs> inputs;
  json::value pending = nullptr;
};

SlaDoc parse(const std::string& text) {
  SlaDoc d;
  auto v = json::parse(text.empty() ? "{}" : text);
  auto& o = v.as_object();
  if (auto it = o.find("inputs"); it != o.end() && !it->value().is_null()) {
    auto r = domain::parse_sla_inputs(it->value());
    if (!r) throw std::runtime_error("stored SLA inputs are invalid: " + r.error().title);
    d.inputs = r.value();
  }
  if (auto it = o.find("pending"); it != o.end()) d.pending = it->value();
  return d;
}

std::string dump(const SlaDoc& d) {
  json::object o{{"inputs", d.inputs ? json::value(domain::sla_inputs_to_json(*d.inputs)) : json::value(nullptr)},
                 {"pending", d.pending}};
  return json::serialize(o);
}

}  // namespace

std::string start_clock(const CategoryView& cat, core::Millis start, std::optional<core::Millis> explicit_deadline,
                        std::optional<core::Millis> cap, bool every_day) {
  SlaDoc d;
  domain::SlaInputs in;
  in.limit.minutes = static_cast<std::int64_t>(cat.limit_hours * 60);
  in.limit.kind = cat.limit_kind == "natural" ? domain::LimitKind::natural : domain::LimitKind::working;
  in.mode = every_day ? domain::ClockMode::every_day : domain::ClockMode::normal;
  in.dispatched_at = start;
  in.explicit_deadline = explicit_deadline;
  in.cap = cap;
  d.inputs = in;
  return dump(d);
}

std::string sla_rework(const std::string& sla, core::Millis at) {
  auto d = parse(sla);
  if (d.inputs) {
    d.inputs->rework_at = at;
    d.inputs->handled_at.reset();
  }
  d.pending = nullptr;
  return dump(d);
}

std::string sla_request_extension(const std::string& sla, std::int64_t minutes, std::int64_t by, core::Millis at) {
  auto d = parse(sla);
  d.pending = json::object{{"minutes", minutes}, {"by", by}, {"at", at}};
  return dump(d);
}

std::string sla_decide_extension(const std::string& sla, bool approve, core::Millis at, std::int64_t& minutes) {
  auto d = parse(sla);
  minutes = d.pending.is_object() ? d.pending.as_object().at("minutes").to_number<std::int64_t>() : 0;
  if (approve && d.inputs && minutes > 0) d.inputs->extensions.push_back({minutes, at});
  d.pending = nullptr;
  return dump(d);
}

std::string sla_suspend(const std::string& sla, core::Millis at) {
  auto d = parse(sla);
  if (d.inputs) d.inputs->suspensions.push_back({at, std::nullopt});
  return dump(d);
}

std::string sla_resume(const std::string& sla, core::Millis at) {
  auto d = parse(sla);
  if (d.inputs && !d.inputs->suspensions.empty() && !d.inputs->suspensions.back().to) d.inputs->suspensions.back().to = at;
  return dump(d);
}

bool sla_has_pending(const std::string& sla) { return parse(sla).pending.is_object(); }

std::optional<core::Millis> sla_start(const std::string& sla) {
  auto d = parse(sla);
  if (!d.inputs) return std::nullopt;
  return d.inputs->rework_at.value_or(d.inputs->dispatched_at);
}

static std::optional<domain::SlaStatus> evaluate(App& app, const store::ProblemRow& p, core::Millis now) {
  auto d = parse(p.sla);
  if (!d.inputs) return std::nullopt;
  d.inputs->handled_at = p.handled_at;
  return domain::evaluate_sla(tenant_ledger(app, p.tenant_id)->calendar, *d.inputs, now);
}

std::optional<Deadline> plan_deadline(App& app, const store::ProblemRow& p) {
  // The deadline does not depend on `now` except through an open suspension; evaluate at
  // the last update so the stored value is what it was when written.
  auto s = evaluate(app, p, p.updated_at ? p.updated_at : app.clock.now());
  if (!s) return std::nullopt;
  return Deadline{s->deadline, s->warn_at};
}

SlaView sla_view(App& app, const store::ProblemRow& p, core::Millis now) {
  SlaView v;
  auto s = evaluate(app, p, now);
  if (!s) return v;
  v.deadline = s->deadline;
  v.used_ratio = s->used_ratio;
  v.light = domain::light_name(s->light);
  v.overdue = s->overdue;
  return v;
}

std::optional<StepView> step_view(App& app, const store::ProblemRow& p, core::Millis now) {
  if (p.suspended) return std::nullopt;
  StepView v;
  int minutes = 0;
  std::optional<core::Millis> start;
  if (p.state == "reported") {
    v = {"accept", "受理"};
    minutes = app.cfg.step_accept_minutes;
    start = p.reported_at;
  } else if (p.state == "registered") {
    v = {"dispatch", "派遣"};
    minutes = app.cfg.step_dispatch_minutes;
    start = p.accepted_at;
  } else if (p.state == "handled") {
    v = {"verify", "核查"};
    minutes = app.cfg.step_verify_minutes;
    start = p.handled_at;
  }
  if (!minutes || !start) return std::nullopt;
  const auto& cal = tenant_ledger(app, p.tenant_id)->calendar;
  // The deadline first, measured only over the step's own limit; the time used is measured
  // only while it runs, so a problem waiting for months costs no walk over the calendar.
  const auto planned = domain::evaluate_step(cal, minutes, domain::ClockMode::normal, *start, std::nullopt, *start);
  v.started_at = *start;
  v.deadline = planned.deadline;
  if (now > planned.deadline) {
    v.light = "red";
    v.overdue = true;
  } else {
    const auto s = domain::evaluate_step(cal, minutes, domain::ClockMode::normal, *start, std::nullopt, now);
    v.light = domain::light_name(s.light);
    v.overdue = s.overdue;
  }
  return v;
}

}  // namespace envgrid::http
