// Patrols (巡查): tours with their GPS tracks.
#include "store/fieldwork.hpp"

namespace envgrid::store {

namespace {
constexpr const char* kCols = "SELECT id, tenant_id, user_id, started_at, stopped_at, point_count FROM patrols";
PatrolRow read_row(const Row& r) {
  return {r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.opt_i64(4), r.i64(5)};
}
}  // namespace

std::int64_t insert_patrol(Conn& c, const PatrolRow& p) {
  return c.insert("INSERT INTO patrols (tenant_id, user_id, started_at, point_count) VALUES (?, ?, ?, 0) RETURNING id",
                  {p.tenant_id, p.user_id, p.started_at});
}

std::optional<PatrolRow> get_patrol(Conn& c, std::int64_t tenant_id, std::int64_t id) {
  auto r = c.first(std::string(kCols) + " WHERE tenant_id = ? AND id = ?", {tenant_id, id});
  if (!r) return std::nullopt;
  return read_row(*r);
}

std::optional<PatrolRow> open_patrol(Conn& c, std::int64_t tenant_id, std::int64_t user_id) {
  auto r = c.first(std::string(kCols) + " WHERE tenant_id = ? AND user_id = ? AND stopped_at IS NULL", {tenant_id, user_id});
  if (!r) return std::nullopt;
  return read_row(*r);
}

std::vector<PatrolRow> list_patrols(Conn& c, std::int64_t tenant_id, std::optional<std::int64_t> user_id, int limit) {
  Params p{tenant_id};
  std::string w;
  if (user_id) w = " AND user_id = ?", p.push_back(*user_id);
  p.push_back(std::int64_t{limit});
  std::vector<PatrolRow> out;
  for (const auto& r : c.query(std::string(kCols) + " WHERE tenant_id = ?" + w + " ORDER BY started_at DESC, id DESC LIMIT ?", p).rows)
    out.push_back(read_row(r));
  return out;
}

bool add_points(Conn& c, const PatrolRow& p, const std::vector<TrackPoint>& pts) {
  auto res = c.query("UPDATE patrols SET point_count = point_count + ? WHERE tenant_id = ? AND id = ? AND stopped_at IS NULL",
                     {static_cast<std::int64_t>(pts.size()), p.tenant_id, p.id});
  if (res.affected != 1) return false;
  for (const auto& t : pts)
    c.query("INSERT INTO patrol_points (tenant_id, patrol_id, at, lng, lat) VALUES (?, ?, ?, ?, ?)",
            {p.tenant_id, p.id, t.at, t.lng, t.lat});
  return true;
}

bool stop_patrol(Conn& c, std::int64_t tenant_id, std::int64_t id, std::int64_t at) {
  return c.query("UPDATE patrols SET stopped_at = ? WHERE tenant_id = ? AND id = ? AND stopped_at IS NULL",
                 {at, tenant_id, id})
             .affected == 1;
}

std::vector<std::pair<std::int64_t, TrackPoint>> points_since(Conn& c, std::int64_t tenant_id, std::int64_t since) {
  std::vector<std::pair<std::int64_t, TrackPoint>> out;
  for (const auto& r : c.query("SELECT p.user_id, t.at, t.lng, t.lat FROM patrol_points t JOIN patrols p ON p.id = t.patrol_id "
                               "WHERE t.tenant_id = ? AND t.at >= ?",
                               {tenant_id, since})
                           .rows)
    out.push_back({r.i64(0), {r.i64(1), r.f64(2), r.f64(3)}});
  return out;
}

}  // namespace envgrid::store
