// SLA inputs and status as JSON (the problem's `sla` column and API views).
#include "domain/json_util.hpp"
#include "domain/sla.hpp"

namespace envgrid::domain {

namespace json = boost::json;

namespace {

json::value opt_ms(const std::optional<core::Millis>& v) { return v ? json::value(*v) : json::value(nullptr); }

}  // namespace

json::object sla_inputs_to_json(const SlaInputs& in) {
  json::array ext, sus;
  for (const auto& e : in.extensions) ext.push_back(json::object{{"minutes", e.minutes}, {"approved_at", e.approved_at}});
  for (const auto& s : in.suspensions) sus.push_back(json::object{{"from", s.from}, {"to", opt_ms(s.to)}});
  return json::object{{"limit_minutes", in.limit.minutes},
                      {"kind", limit_kind_name(in.limit.kind)},
                      {"mode", clock_mode_name(in.mode)},
                      {"dispatched_at", in.dispatched_at},
                      {"extensions", std::move(ext)},
                      {"suspensions", std::move(sus)},
                      {"rework_at", opt_ms(in.rework_at)},
                      {"explicit_deadline", opt_ms(in.explicit_deadline)},
                      {"cap", opt_ms(in.cap)},
                      {"handled_at", opt_ms(in.handled_at)}};
}

core::Result<SlaInputs> parse_sla_inputs(const json::value& v) {
  const char* title = "时限数据有误";
  if (!v.is_object()) return detail::validation(title, {{"", "应为 JSON 对象"}});
  core::JsonReader r(v.as_object());
  SlaInputs in;
  constexpr std::int64_t kMaxMinutes = 366LL * 24 * 60;
  in.limit.minutes = r.int64("limit_minutes", true, 0, kMaxMinutes).value_or(0);
  in.limit.kind = parse_limit_kind(r.one_of("kind", true, {"working", "natural"}).value_or("working"))
                      .value_or(LimitKind::working);
  in.mode = parse_clock_mode(r.one_of("mode", false, {"normal", "every_day"}).value_or("normal"))
                .value_or(ClockMode::normal);
  in.dispatched_at = r.int64("dispatched_at", true).value_or(0);
  detail::each_object(r, "extensions", false, 1000, [&](core::JsonReader& sub, const std::string&) {
    Extension e;
    e.minutes = sub.int64("minutes", true, 1, kMaxMinutes).value_or(0);
    e.approved_at = sub.int64("approved_at", true).value_or(0);
    in.extensions.push_back(e);
  });
  detail::each_object(r, "suspensions", false, 1000, [&](core::JsonReader& sub, const std::string& path) {
    Suspension s;
    s.from = sub.int64("from", true).value_or(0);
    s.to = sub.int64("to", false);
    if (s.to && *s.to < s.from) sub.fail(path + ".to", "恢复时间不能早于挂账时间");
    in.suspensions.push_back(s);
  });
  in.rework_at = r.int64("rework_at", false);
  in.explicit_deadline = r.int64("explicit_deadline", false);
  in.cap = r.int64("cap", false);
  in.handled_at = r.int64("handled_at", false);
  auto errors = detail::collect(r);
  if (!errors.empty()) return detail::validation(title, std::move(errors));
  return in;
}

json::object sla_status_to_json(const SlaStatus& s) {
  return json::object{{"deadline", s.deadline},   {"warn_at", s.warn_at},
                      {"used_ratio", s.used_ratio}, {"light", light_name(s.light)},
                      {"overdue", s.overdue},     {"remaining_ms", s.remaining},
                      {"stopped", s.stopped}};
}

}  // namespace envgrid::domain
