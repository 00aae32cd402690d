// Recurring duties (常态化): who must log which activity how often.
#include "store/fieldwork.hpp"

namespace envgrid::store {

std::int64_t insert_duty(Conn& c, const DutyRow& d) {
  return c.insert(
      "INSERT INTO duties (tenant_id, name, who, unit_id, activity_kind, frequency, weekday, start_date, end_date, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {d.tenant_id, d.name, d.who, opt_param(d.unit_id), d.activity_kind, d.frequency, opt_param(d.weekday),
       d.start_date, opt_param(d.end_date), d.created_at});
}

std::vector<DutyRow> list_duties(Conn& c, std::int64_t tenant_id) {
  std::vector<DutyRow> out;
  for (const auto& r : c.query("SELECT id, tenant_id, name, who, unit_id, activity_kind, frequency, weekday, start_date, "
                               "end_date, created_at FROM duties WHERE tenant_id = ? ORDER BY id",
                               {tenant_id})
                           .rows)
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), r.opt_i64(4), r.str(5), r.str(6), r.opt_i64(7), r.str(8),
                   r.opt_str(9), r.i64(10)});
  return out;
}

}  // namespace envgrid::store
