#include "store/notifications.hpp"

namespace envgrid::store {

namespace {

constexpr const char* kNoticeColumns = "id, tenant_id, user_id, kind, title, body, link, dedup, read_at, created_at";
constexpr const char* kDeliveryColumns =
    "id, tenant_id, event, payload, status, last_error, attempts, next_attempt_at, created_at, delivered_at";

NotificationRow read_notice(const Row& r) {
  return {r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.str(5), r.str(6), r.opt_str(7), r.opt_i64(8), r.i64(9)};
}

DeliveryRow read_delivery(const Row& r) {
  return {r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.str(5), r.i64(6), r.i64(7), r.i64(8), r.opt_i64(9)};
}

}  // namespace

bool insert_notification(Conn& c, const NotificationRow& n) {
  // The partial unique index (user_id, dedup) turns a repeat into a no-op on both databases.
  auto r = c.query(
      "INSERT INTO notifications (tenant_id, user_id, kind, title, body, link, dedup, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
      {n.tenant_id, n.user_id, n.kind, n.title, n.body, n.link, opt_param(n.dedup), n.created_at});
  return !r.rows.empty();
}

bool has_notification(Conn& c, std::int64_t user_id, const std::string& dedup) {
  return c.first("SELECT 1 FROM notifications WHERE user_id = ? AND dedup = ?", {user_id, dedup}).has_value();
}

NotificationPage list_notifications(Conn& c, std::int64_t user_id, bool unread_only, std::optional<std::int64_t> before,
                                    int limit) {
  std::string sql = std::string("SELECT ") + kNoticeColumns + " FROM notifications WHERE user_id = ?";
  Params p{user_id};
  if (unread_only) sql += " AND read_at IS NULL";
  if (before) {
    sql += " AND id < ?";
    p.push_back(*before);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  p.push_back(static_cast<std::int64_t>(limit) + 1);  // one more tells whether a next page exists
  NotificationPage page;
  for (const auto& r : c.query(sql, p).rows) page.items.push_back(read_notice(r));
  if (page.items.size() > static_cast<size_t>(limit)) {
    page.items.pop_back();
    page.next_cursor = page.items.back().id;
  }
  return page;
}

std::int64_t unread_count(Conn& c, std::int64_t user_id) {
  return c.scalar_i64("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", {user_id});
}

bool mark_read(Conn& c, std::int64_t user_id, std::int64_t id, std::int64_t now) {
  if (!c.first("SELECT 1 FROM notifications WHERE id = ? AND user_id = ?", {id, user_id})) return false;
  c.query("UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL", {now, id, user_id});
  return true;
}

void mark_all_read(Conn& c, std::int64_t user_id, std::int64_t now) {
  c.query("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL", {now, user_id});
}

std::int64_t enqueue_delivery(Conn& c, std::int64_t tenant, const std::string& event, const std::string& payload,
                              std::int64_t now) {
  return c.insert(
      "INSERT INTO webhook_deliveries (tenant_id, event, payload, status, attempts, next_attempt_at, created_at) "
      "VALUES (?, ?, ?, 'pending', 0, ?, ?) RETURNING id",
      {tenant, event, payload, now, now});
}

std::vector<DeliveryRow> claim_due(Conn& c, std::int64_t now, std::int64_t lease_until, int limit) {
  auto due = c.query(std::string("SELECT ") + kDeliveryColumns +
                         " FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? "
                         "ORDER BY next_attempt_at, id LIMIT ?",
                     {now, static_cast<std::int64_t>(limit)});
  std::vector<DeliveryRow> out;
  for (const auto& r : due.rows) {
    auto d = read_delivery(r);
    // Re-checked in the UPDATE: a row another process claimed meanwhile is skipped.
    auto u = c.query(
        "UPDATE webhook_deliveries SET next_attempt_at = ? "
        "WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?",
        {lease_until, d.id, now});
    if (u.affected == 1) out.push_back(std::move(d));
  }
  return out;
}

void delivery_delivered(Conn& c, std::int64_t id, std::int64_t attempts, std::int64_t now) {
  c.query(
      "UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, last_error = '', delivered_at = ? "
      "WHERE id = ?",
      {attempts, now, id});
}

void delivery_retry(Conn& c, std::int64_t id, std::int64_t attempts, const std::string& error,
                    std::int64_t next_attempt_at) {
  c.query("UPDATE webhook_deliveries SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
          {attempts, error, next_attempt_at, id});
}

void delivery_failed(Conn& c, std::int64_t id, std::int64_t attempts, const std::string& error) {
  c.query("UPDATE webhook_deliveries SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?",
          {attempts, error, id});
}

std::vector<DeliveryRow> recent_deliveries(Conn& c, std::int64_t tenant, int limit) {
  std::vector<DeliveryRow> out;
  for (const auto& r : c.query(std::string("SELECT ") + kDeliveryColumns +
                                   " FROM webhook_deliveries WHERE tenant_id = ? ORDER BY id DESC LIMIT ?",
                               {tenant, static_cast<std::int64_t>(limit)})
                           .rows)
    out.push_back(read_delivery(r));
  return out;
}

}  // namespace envgrid::store
