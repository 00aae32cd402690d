#pragma once
// In-app notifications (one row per recipient user) and the outbound webhook's delivery
// queue (one row per event and tenant), both in migrations/*/0006.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace envgrid::store {

struct NotificationRow {
  std::int64_t id = 0, tenant_id = 0, user_id = 0;
  std::string kind, title, body, link;
  std::optional<std::string> dedup;
  std::optional<std::int64_t> read_at;
  std::int64_t created_at = 0;
};

// Inserts the notice unless the user already has one with the same dedup key.
// Returns true when a row was inserted.
bool insert_notification(Conn& c, const NotificationRow& n);
// Does the user already hold a notice with this dedup key?
bool has_notification(Conn& c, std::int64_t user_id, const std::string& dedup);

struct NotificationPage {
  std::vector<NotificationRow> items;       // newest first
  std::optional<std::int64_t> next_cursor;  // pass as `before` for the next page
};
// The user's notices with id < before (all when nullopt), newest first, at most limit.
NotificationPage list_notifications(Conn& c, std::int64_t user_id, bool unread_only, std::optional<std::int64_t> before,
                                    int limit);
std::int64_t unread_count(Conn& c, std::int64_t user_id);
// Marks one of the user's notices read (already read counts as success). False when the
// id is not the user's.
bool mark_read(Conn& c, std::int64_t user_id, std::int64_t id, std::int64_t now);
void mark_all_read(Conn& c, std::int64_t user_id, std::int64_t now);

struct DeliveryRow {
  std::int64_t id = 0, tenant_id = 0;
  std::string event, payload, status, last_error;
  std::int64_t attempts = 0, next_attempt_at = 0, created_at = 0;
  std::optional<std::int64_t> delivered_at;
};

// Queues a pending delivery due now; returns its id.
std::int64_t enqueue_delivery(Conn& c, std::int64_t tenant, const std::string& event, const std::string& payload,
                              std::int64_t now);
// Claims up to `limit` pending deliveries due at `now` by pushing their next attempt to
// lease_until, so another worker (another process on the same database) skips them.
// REQUIRES: run inside a write job.
std::vector<DeliveryRow> claim_due(Conn& c, std::int64_t now, std::int64_t lease_until, int limit);
// Records one attempt: delivered, or failed for good, or pending again at next_attempt_at.
void delivery_delivered(Conn& c, std::int64_t id, std::int64_t attempts, std::int64_t now);
void delivery_retry(Conn& c, std::int64_t id, std::int64_t attempts, const std::string& error,
                    std::int64_t next_attempt_at);
void delivery_failed(Conn& c, std::int64_t id, std::int64_t attempts, const std::string& error);
// The tenant's latest deliveries, newest first.
std::vector<DeliveryRow> recent_deliveries(Conn& c, std::int64_t tenant, int limit);

}  // namespace envgrid::store
