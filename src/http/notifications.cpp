// The signed-in user's notices (站内消息): list with unread count, mark one or all read.
#include "store/notifications.hpp"

#include "core/json.hpp"
#include "http/app.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

json::object notice_json(const store::NotificationRow& n) {
  return {{"id", n.id},
          {"kind", n.kind},
          {"title", n.title},
          {"body", n.body},
          {"link", n.link},
          {"read", n.read_at.has_value()},
          {"at", core::format_iso(n.created_at)}};
}

bool unread_flag(const Request& req) {
  auto v = req.q("unread");
  if (!v || v->empty() || *v == "0" || *v == "false") return false;
  if (*v == "1" || *v == "true") return true;
  throw core::validation_error({{"unread", "应为 1 或 0"}});
}

}  // namespace

void register_notification_routes(App& app) {
  app.router.get("/api/v1/notifications", [&app](Request& req) {
    Actor a = app.authenticate(req);
    const bool unread = unread_flag(req);
    const int limit = static_cast<int>(query_int(req, "limit", 1, 200).value_or(50));
    const auto cursor = query_int(req, "cursor", 1, INT64_MAX);
    auto [page, count] = app.db.read([&](store::Conn& c) {
      return std::make_pair(store::list_notifications(c, a.user_id, unread, cursor, limit),
                            store::unread_count(c, a.user_id));
    });
    json::array items;
    for (const auto& n : page.items) items.push_back(notice_json(n));
    return Response::json(
        json::object{{"items", items}, {"unread", count}, {"next_cursor", core::opt(page.next_cursor)}});
  });

  app.router.post("/api/v1/notifications/read-all", [&app](Request& req) {
    Actor a = app.authenticate(req);
    app.db.write([&](store::Conn& c) { store::mark_all_read(c, a.user_id, app.clock.now()); });
    return Response::no_content();
  });

  app.router.post("/api/v1/notifications/{id}/read", [&app](Request& req) {
    Actor a = app.authenticate(req);
    const auto id = path_id(req, "id", "消息");
    // Another user's notice is indistinguishable from a missing one.
    if (!app.db.write([&](store::Conn& c) { return store::mark_read(c, a.user_id, id, app.clock.now()); }))
      throw core::not_found("消息");
    return Response::no_content();
  });
}

}  // namespace envgrid::http
