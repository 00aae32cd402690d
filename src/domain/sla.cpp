// SLA evaluation: walk the limit forward from the start, skipping suspended intervals.
#include "domain/sla.hpp"

#include <algorithm>

namespace envgrid::domain {

using core::kMinute;
using core::Millis;

const char* limit_kind_name(LimitKind k) { return k == LimitKind::natural ? "natural" : "working"; }

std::optional<LimitKind> parse_limit_kind(std::string_view s) {
  if (s == "working") return LimitKind::working;
  if (s == "natural") return LimitKind::natural;
  return std::nullopt;
}

const char* light_name(Light l) {
  switch (l) {
    case Light::green: return "green";
    case Light::yellow: return "yellow";
    case Light::red: return "red";
  }
  return "green";
}

const char* light_label(Light l) {
  switch (l) {
    case Light::green: return "正常";
    case Light::yellow: return "预警";
    case Light::red: return "超期";
  }
  return "正常";
}

Light light_for(double used_ratio) {
  if (used_ratio > 1.0) return Light::red;
  if (used_ratio >= 0.8) return Light::yellow;
  return Light::green;
}

namespace {

struct Interval {
  Millis from = 0, to = 0;
};

// Counts and adds limit time in the limit's kind.
struct Clock {
  const WorkCalendar& cal;
  LimitKind kind;
  ClockMode mode;
  Millis measure(Millis a, Millis b) const {
    return kind == LimitKind::working ? cal.working_between(a, b, mode) : natural_between(a, b);
  }
  Millis add(Millis t, Millis d) const {
    return kind == LimitKind::working ? cal.add_working(t, d, mode) : add_natural(t, d);
  }
};

// Suspensions clipped to [start, …), open ones ending at `clock_end`, sorted and merged.
std::vector<Interval> stopped_intervals(const std::vector<Suspension>& ss, Millis start, Millis clock_end) {
  std::vector<Interval> v;
  for (const auto& s : ss) {
    const Millis from = std::max(s.from, start);
    const Millis to = s.to ? *s.to : std::max(clock_end, from);
    if (to > from) v.push_back({from, to});
  }
  std::sort(v.begin(), v.end(), [](const Interval& a, const Interval& b) { return a.from < b.from; });
  std::vector<Interval> merged;
  for (const auto& iv : v) {
    if (!merged.empty() && iv.from <= merged.back().to) merged.back().to = std::max(merged.back().to, iv.to);
    else merged.push_back(iv);
  }
  return merged;
}

// The instant at which `target` limit time has run from `start`, the clock stopped
// during `stops`.
Millis instant_at(const Clock& c, const std::vector<Interval>& stops, Millis start, Millis target) {
  Millis t = start, left = target;
  for (const auto& iv : stops) {
    if (iv.to <= t) continue;
    const Millis before = c.measure(t, iv.from);
    if (left <= before) return c.add(t, left);
    left -= before;
    t = iv.to;
  }
  return c.add(t, left);
}

// Limit time in [a, b) outside `stops`.
Millis running_between(const Clock& c, const std::vector<Interval>& stops, Millis a, Millis b) {
  if (b <= a) return 0;
  Millis sum = c.measure(a, b);
  for (const auto& iv : stops) sum -= c.measure(std::max(a, iv.from), std::min(b, iv.to));
  return sum;
}

}  // namespace

SlaStatus evaluate_sla(const WorkCalendar& cal, const SlaInputs& in, Millis now) {
  const Clock c{cal, in.limit.kind, in.mode};
  SlaStatus s;
  s.start = std::max(in.dispatched_at, in.rework_at.value_or(in.dispatched_at));
  s.stopped = in.handled_at && *in.handled_at <= now;
  const Millis clock_end = s.stopped ? *in.handled_at : now;
  const auto stops = stopped_intervals(in.suspensions, s.start, clock_end);

  Millis extra = 0;
  for (const auto& e : in.extensions)
    if (e.approved_at >= s.start && e.minutes > 0) extra += e.minutes * kMinute;

  // An explicit deadline from before a rework restart belongs to the old round.
  if (in.explicit_deadline && *in.explicit_deadline > s.start) {
    const Millis base = c.measure(s.start, *in.explicit_deadline);
    s.deadline = std::max(*in.explicit_deadline, instant_at(c, stops, s.start, base + extra));
  } else {
    s.deadline = instant_at(c, stops, s.start, in.limit.minutes * kMinute + extra);
  }
  if (in.cap && *in.cap > s.start) s.deadline = std::min(s.deadline, *in.cap);

  s.total = running_between(c, stops, s.start, s.deadline);
  s.used = running_between(c, stops, s.start, clock_end);
  s.remaining = s.total - s.used;
  s.used_ratio = s.total > 0 ? static_cast<double>(s.used) / static_cast<double>(s.total) : 1.0;
  s.warn_at = instant_at(c, stops, s.start, (s.total * 4 + 4) / 5);
  s.overdue = clock_end > s.deadline;
  s.light = s.overdue ? Light::red : light_for(s.used_ratio);
  return s;
}

const char* step_name(Step s) {
  switch (s) {
    case Step::accept: return "accept";
    case Step::dispatch: return "dispatch";
    case Step::verify: return "verify";
  }
  return "accept";
}

const char* step_label(Step s) {
  switch (s) {
    case Step::accept: return "受理";
    case Step::dispatch: return "派遣";
    case Step::verify: return "核查";
  }
  return "受理";
}

std::int64_t StepLimits::of(Step s) const {
  switch (s) {
    case Step::accept: return accept;
    case Step::dispatch: return dispatch;
    case Step::verify: return verify;
  }
  return accept;
}

SlaStatus evaluate_step(const WorkCalendar& cal, std::int64_t minutes, ClockMode mode, Millis started_at,
                        std::optional<Millis> done_at, Millis now) {
  SlaInputs in;
  in.limit = {minutes, LimitKind::working};
  in.mode = mode;
  in.dispatched_at = started_at;
  in.handled_at = done_at;
  return evaluate_sla(cal, in, now);
}

}  // namespace envgrid::domain
