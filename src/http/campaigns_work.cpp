// Campaign work: work items (任务台账) with progress and 销号, deliverables with
// per-unit submissions and their status.
#include "http/campaigns.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {


json::array ids_json(const std::vector<std::int64_t>& ids) { return json::array(ids.begin(), ids.end()); }

json::object item_json(const store::WorkItemRow& w, const std::vector<store::ProgressRow>& progress) {
  json::array updates;
  for (const auto& p : progress)
    updates.push_back({{"id", p.id}, {"quantity", p.quantity}, {"note", p.note},
                       {"attachment_ids", ids_json(p.attachment_ids)}, {"close", p.close}, {"actor_id", p.actor_id},
                       {"at", core::format_iso(p.at)}});
  return {{"id", w.id},
          {"campaign_id", w.campaign_id},
          {"task_area_id", core::opt(w.task_area_id)},
          {"title", w.title},
          {"target_quantity", w.target_quantity},
          {"uom", w.uom},
          {"owner_unit_id", w.owner_unit_id},
          {"deadline", w.deadline},
          {"done_quantity", w.done_quantity},
          {"remaining_quantity", std::max(0.0, w.target_quantity - w.done_quantity)},
          {"closed", w.closed_at.has_value()},
          {"closed_at", w.closed_at ? json::value(core::format_iso(*w.closed_at)) : json::value(nullptr)},
          {"progress", updates},
          {"version", w.version}};
}

// Attachment ids must be the tenant's; returns how many carry EXIF time and GPS.
int check_photos(store::Conn& c, std::int64_t tenant, core::JsonReader& r, const std::vector<std::int64_t>& ids) {
  int located = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    auto row = c.first("SELECT taken_at, lng FROM attachments WHERE tenant_id = ? AND id = ?", {tenant, ids[i]});
    if (!row) r.fail("attachment_ids[" + std::to_string(i) + "]", "附件不存在");
    else if (!row->null(0) && !row->null(1)) ++located;
  }
  return located;
}

// unit_handler acts only for its own unit; admin and dispatcher for any.
void require_unit(const Actor& a, std::int64_t unit_id) {
  if (a.any({"admin", "dispatcher"})) return;
  if (!a.unit_id || *a.unit_id != unit_id) throw core::forbidden("只能填报本单位的任务");
}

}  // namespace

void register_campaign_work_routes(App& app) {
  app.router.get("/api/v1/campaigns/{id}/work-items", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"});
    const auto cid = campaign::load(app, a, path_id(req, "id", "专项行动")).id;
    json::array items;
    app.db.read([&](store::Conn& c) {
      for (const auto& w : store::list_work_items(c, a.tenant_id, cid))
        items.push_back(item_json(w, store::list_progress(c, a.tenant_id, w.id)));
    });
    return Response::json(json::object{{"items", items}});
  });

  app.router.post("/api/v1/campaigns/{id}/work-items", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    const auto camp = campaign::load(app, a, path_id(req, "id", "专项行动"));
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::WorkItemRow w;
    w.tenant_id = a.tenant_id;
    w.campaign_id = camp.id;
    w.title = r.str("title", true, 200, 1).value_or("");
    w.target_quantity = r.num("target_quantity", true, 1e-9, 1e12).value_or(0);
    w.uom = r.str("uom", true, 10, 1).value_or("");
    w.owner_unit_id = r.int64("owner_unit_id", true, 1).value_or(0);
    w.task_area_id = r.int64("task_area_id", false, 1);
    auto deadline = campaign::date_field(r, "deadline", true);
    if (deadline) w.deadline = core::format_date(*deadline);
    if (w.task_area_id && std::none_of(camp.task_areas.begin(), camp.task_areas.end(),
                                       [&](const auto& t) { return t.id == *w.task_area_id; }))
      r.fail("task_area_id", "任务方向不属于该专项行动");
    if (deadline && w.deadline < camp.start_date) r.fail("deadline", "完成时限不能早于专项行动开始日期");
    app.db.read([&](store::Conn& c) {
      if (w.owner_unit_id && !c.first("SELECT 1 FROM units WHERE tenant_id = ? AND id = ?", {a.tenant_id, w.owner_unit_id}))
        r.fail("owner_unit_id", "单位不存在");
    });
    r.finish();
    w.created_at = app.clock.now();
    w.id = app.db.write([&](store::Conn& c) { return store::insert_work_item(c, w); });
    return Response::json(item_json(w, {}), 201);
  });

  app.router.post("/api/v1/campaigns/{id}/work-items/{item}/progress", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "unit_handler"});
    const auto cid = campaign::load(app, a, path_id(req, "id", "专项行动")).id;
    const auto item_id = path_id(req, "item", "任务");
    auto w = app.db.read([&](store::Conn& c) { return store::get_work_item(c, a.tenant_id, cid, item_id); });
    if (!w) throw core::not_found("任务");
    require_unit(a, w->owner_unit_id);
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    auto version = r.int64("version", true, 1);
    store::ProgressRow p;
    p.quantity = r.num("quantity", true, 0, 1e12).value_or(0);
    p.note = r.str("note", false, 2000).value_or("");
    p.attachment_ids = r.int_array("attachment_ids", false, 20).value_or(std::vector<std::int64_t>{});
    p.close = r.boolean("close", false).value_or(false);
    app.db.read([&](store::Conn& c) { check_photos(c, a.tenant_id, r, p.attachment_ids); });
    r.finish();
    if (w->closed_at) throw core::conflict("closed", "任务已销号，不能再填报进度");
    w->version = *version;
    p.actor_id = a.user_id;
    p.at = app.clock.now();
    if (!app.db.write([&](store::Conn& c) { return store::add_progress(c, *w, p); }))
      throw core::conflict("stale-version", "任务已被他人更新，请刷新后重试");
    auto out = app.db.read([&](store::Conn& c) {
      auto fresh = store::get_work_item(c, a.tenant_id, cid, item_id);
      return item_json(*fresh, store::list_progress(c, a.tenant_id, item_id));
    });
    return Response::json(out, 201);
  });

  app.router.get("/api/v1/campaigns/{id}/deliverables", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"});
    const auto camp = campaign::load(app, a, path_id(req, "id", "专项行动"));
    auto subs = app.db.read([&](store::Conn& c) { return store::list_submissions(c, a.tenant_id, camp.id); });
    const auto today = core::format_date(core::to_local(app.clock.now()).date);
    json::array items;
    for (const auto& d : camp.deliverables) {
      std::vector<std::optional<std::int64_t>> units;
      if (d.per_unit)
        for (auto u : camp.unit_ids) units.emplace_back(u);
      else
        units.emplace_back(std::nullopt);
      json::array status;
      for (const auto& u : units) {
        const store::SubmissionRow* first = nullptr;
        for (const auto& s : subs)
          if (s.deliverable_id == d.id && (!d.per_unit || s.unit_id == u)) {
            first = &s;
            break;
          }
        std::string st;
        if (first) st = core::format_date(core::to_local(first->submitted_at).date) <= d.due_date ? "submitted" : "late";
        else st = today <= d.due_date ? "not_due" : "missing";
        json::object o{{"unit_id", core::opt(u)}, {"status", st}};
        if (first)
          o["submission"] = json::object{{"id", first->id}, {"note", first->note},
                                         {"attachment_ids", ids_json(first->attachment_ids)},
                                         {"submitted_at", core::format_iso(first->submitted_at)}};
        status.push_back(std::move(o));
      }
      items.push_back({{"id", d.id}, {"kind", d.kind}, {"title", d.title}, {"due_date", d.due_date},
                       {"per_unit", d.per_unit}, {"units", status}});
    }
    return Response::json(json::object{{"items", items}});
  });

  app.router.post("/api/v1/campaigns/{id}/deliverables/{d}/submissions", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "unit_handler"});
    const auto camp = campaign::load(app, a, path_id(req, "id", "专项行动"));
    const auto did = path_id(req, "d", "材料要求");
    auto d = std::find_if(camp.deliverables.begin(), camp.deliverables.end(), [&](const auto& x) { return x.id == did; });
    if (d == camp.deliverables.end()) throw core::not_found("材料要求");
    auto body = core::parse_object(req.body);
    core::JsonReader r(body);
    store::SubmissionRow s;
    s.deliverable_id = did;
    s.unit_id = r.int64("unit_id", false, 1);
    s.note = r.str("note", false, 2000).value_or("");
    s.attachment_ids = r.int_array("attachment_ids", true, 50).value_or(std::vector<std::int64_t>{});
    if (!s.unit_id && d->per_unit) s.unit_id = a.unit_id;
    if (d->per_unit && !s.unit_id) r.fail("unit_id", "请指定报送单位");
    else if (d->per_unit && std::find(camp.unit_ids.begin(), camp.unit_ids.end(), *s.unit_id) == camp.unit_ids.end())
      r.fail("unit_id", "该单位不是专项行动的参与单位");
    if (s.unit_id) require_unit(a, *s.unit_id);
    else if (!a.any({"admin", "dispatcher"})) throw core::forbidden("只能报送本单位的材料");
    if (s.attachment_ids.empty() && r.has("attachment_ids")) r.fail("attachment_ids", "请至少附一个文件");
    const int located = app.db.read([&](store::Conn& c) { return check_photos(c, a.tenant_id, r, s.attachment_ids); });
    if (d->kind == "phase_summary" && !s.attachment_ids.empty() && located == 0 && r.errors().empty())
      r.fail("attachment_ids", "阶段总结需至少附一张带拍摄时间和GPS位置的现场照片（照片缺少EXIF时间或位置）");
    r.finish();
    s.submitted_by = a.user_id;
    s.submitted_at = app.clock.now();
    s.id = app.db.write([&](store::Conn& c) { return store::insert_submission(c, a.tenant_id, s); });
    return Response::json(json::object{{"id", s.id}, {"deliverable_id", did}, {"unit_id", core::opt(s.unit_id)},
                                       {"note", s.note}, {"attachment_ids", ids_json(s.attachment_ids)},
                                       {"submitted_at", core::format_iso(s.submitted_at)}},
                          201);
  });
}

}  // namespace envgrid::http
