// Assignments (包保) and merchants (商户).
#include "store/territory.hpp"
#include "store/territory_sql.hpp"

namespace envgrid::store {

namespace {

constexpr const char* kAssignment =
    "SELECT id, kind, cadre_name, cadre_user_id, unit_id, target_unit_id, target_zone_id, target_name, duty, "
    "start_date, end_date, version FROM assignments";
constexpr const char* kMerchant =
    "SELECT id, name, address, zone_id, lng, lat, duty_set, pledge_signed_at, pledge_attachment_sha, licence_status, "
    "trade, stars, contact, phone, version FROM merchants";

AssignmentRow read_assignment(const Row& r) {
  AssignmentRow a;
  a.id = r.i64(0);
  a.kind = r.str(1);
  a.cadre_name = r.str(2);
  a.cadre_user_id = r.opt_i64(3);
  a.unit_id = r.opt_i64(4);
  a.target_unit_id = r.opt_i64(5);
  a.target_zone_id = r.opt_i64(6);
  a.target_name = r.str(7);
  a.duty = r.str(8);
  a.start_date = r.str(9);
  a.end_date = r.opt_str(10);
  a.version = r.i64(11);
  return a;
}

MerchantRow read_merchant(const Row& r) {
  MerchantRow m;
  m.id = r.i64(0);
  m.name = r.str(1);
  m.address = r.str(2);
  m.zone_id = r.opt_i64(3);
  m.lng = r.opt_f64(4);
  m.lat = r.opt_f64(5);
  m.duty_set = r.str(6);
  m.pledge_signed_at = r.opt_str(7);
  m.pledge_attachment_sha = r.opt_str(8);
  m.licence_status = r.str(9);
  m.trade = r.str(10);
  m.stars = static_cast<int>(r.i64(11));
  m.contact = r.str(12);
  m.phone = r.str(13);
  m.version = r.i64(14);
  return m;
}

Params assignment_params(const AssignmentRow& a) {
  return {a.kind, a.cadre_name, opt_param(a.cadre_user_id), opt_param(a.unit_id), opt_param(a.target_unit_id),
          opt_param(a.target_zone_id), a.target_name, a.duty, a.start_date, opt_param(a.end_date)};
}

Params merchant_params(const MerchantRow& m) {
  return {m.name, m.address, opt_param(m.zone_id), opt_param(m.lng), opt_param(m.lat), m.duty_set,
          opt_param(m.pledge_signed_at), opt_param(m.pledge_attachment_sha), m.licence_status, m.trade,
          static_cast<std::int64_t>(m.stars), m.contact, m.phone};
}

}  // namespace

std::vector<AssignmentRow> list_assignments(Conn& c, std::int64_t tenant, const ListQuery& q) {
  std::vector<AssignmentRow> out;
  for (const auto& r : detail::list_query(c, kAssignment, tenant, q).rows) out.push_back(read_assignment(r));
  return out;
}

std::optional<AssignmentRow> get_assignment(Conn& c, std::int64_t tenant, std::int64_t id) {
  auto r = c.first(std::string(kAssignment) + " WHERE tenant_id = ? AND id = ?", {tenant, id});
  if (!r) return std::nullopt;
  return read_assignment(*r);
}

std::int64_t insert_assignment(Conn& c, std::int64_t tenant, const AssignmentRow& a) {
  Params p{tenant};
  for (auto& x : assignment_params(a)) p.push_back(std::move(x));
  return c.insert(
      "INSERT INTO assignments (tenant_id, kind, cadre_name, cadre_user_id, unit_id, target_unit_id, target_zone_id, "
      "target_name, duty, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      p);
}

bool update_assignment(Conn& c, std::int64_t tenant, const AssignmentRow& a) {
  Params p = assignment_params(a);
  p.insert(p.end(), {tenant, a.id, a.version});
  return c.query("UPDATE assignments SET kind = ?, cadre_name = ?, cadre_user_id = ?, unit_id = ?, target_unit_id = ?, "
                 "target_zone_id = ?, target_name = ?, duty = ?, start_date = ?, end_date = ?, version = version + 1 "
                 "WHERE tenant_id = ? AND id = ? AND version = ?",
                 p)
             .affected > 0;
}

bool delete_assignment(Conn& c, std::int64_t tenant, std::int64_t id) {
  return c.query("DELETE FROM assignments WHERE tenant_id = ? AND id = ?", {tenant, id}).affected > 0;
}

std::vector<MerchantRow> list_merchants(Conn& c, std::int64_t tenant, const ListQuery& q) {
  std::vector<MerchantRow> out;
  for (const auto& r : detail::list_query(c, kMerchant, tenant, q).rows) out.push_back(read_merchant(r));
  return out;
}

std::optional<MerchantRow> get_merchant(Conn& c, std::int64_t tenant, std::int64_t id) {
  auto r = c.first(std::string(kMerchant) + " WHERE tenant_id = ? AND id = ?", {tenant, id});
  if (!r) return std::nullopt;
  return read_merchant(*r);
}

std::int64_t insert_merchant(Conn& c, std::int64_t tenant, const MerchantRow& m) {
  Params p{tenant};
  for (auto& x : merchant_params(m)) p.push_back(std::move(x));
  return c.insert(
      "INSERT INTO merchants (tenant_id, name, address, zone_id, lng, lat, duty_set, pledge_signed_at, "
      "pledge_attachment_sha, licence_status, trade, stars, contact, phone) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      p);
}

bool update_merchant(Conn& c, std::int64_t tenant, const MerchantRow& m) {
  Params p = merchant_params(m);
  p.insert(p.end(), {tenant, m.id, m.version});
  return c.query("UPDATE merchants SET name = ?, address = ?, zone_id = ?, lng = ?, lat = ?, duty_set = ?, "
                 "pledge_signed_at = ?, pledge_attachment_sha = ?, licence_status = ?, trade = ?, stars = ?, "
                 "contact = ?, phone = ?, version = version + 1 WHERE tenant_id = ? AND id = ? AND version = ?",
                 p)
             .affected > 0;
}

bool delete_merchant(Conn& c, std::int64_t tenant, std::int64_t id) {
  return c.query("DELETE FROM merchants WHERE tenant_id = ? AND id = ?", {tenant, id}).affected > 0;
}

}  // namespace envgrid::store
