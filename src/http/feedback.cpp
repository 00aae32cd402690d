// Higher-level feedback lists (交办清单): a spreadsheet of problems found by a district,
// city or provincial inspection, the media or the 12345 hotline. The import reads the
// first sheet (XLSX or CSV), maps its columns (by the usual Chinese headers or an explicit
// mapping), checks every row and either previews the result (dry_run) or records the list
// and turns every item into a ledger problem linked to it, so the answer can be written
// item by item (reports_feedback.cpp).
//
// All-or-nothing at the file level: one bad row and nothing is stored. The list and its
// items commit together first; each item's problem then commits with the link to its item,
// so an interruption leaves items visibly without a problem rather than problems without
// their list.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/json.hpp"
#include "export/xlsx_reader.hpp"
#include "geo/geojson.hpp"
#include "http/ledger_cache.hpp"
#include "http/ledger_service.hpp"
#include "http/multipart.hpp"
#include "http/territory_state.hpp"
#include "store/feedback.hpp"

namespace envgrid::http {

namespace json = boost::json;

namespace {

struct Field {
  std::string key, label;
  std::vector<std::string> headers;  // usual header texts, first = canonical
};

const std::vector<Field> kFields = {
    {"ref", "序号", {"序号", "编号", "问题编号", "序"}},
    {"description", "问题描述", {"问题描述", "存在问题", "问题内容", "具体问题", "反馈问题", "问题"}},
    {"address", "位置", {"位置", "地点", "地址", "问题位置", "具体位置", "问题地点", "所在位置", "点位"}},
    {"category", "问题类别", {"问题类别", "类别", "问题类型", "类型", "问题分类"}},
    {"lng", "经度", {"经度", "lng", "longitude"}},
    {"lat", "纬度", {"纬度", "lat", "latitude"}},
    {"grid", "网格", {"网格", "所属网格", "网格名称", "网格编码"}},
    {"unit", "责任单位", {"责任单位", "整改单位", "责任部门", "承办单位"}},
    {"deadline", "整改时限", {"整改时限", "完成时限", "整改期限", "办结时限", "时限"}},
};
const std::vector<std::string> kListSources = {"higher_level", "media", "citizen"};
constexpr std::size_t kMaxItems = 2000;

std::string trim(std::string s) {
  auto blank = [](unsigned char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; };
  // Also the ideographic space U+3000 that Chinese spreadsheets are full of.
  for (;;) {
    if (!s.empty() && blank(static_cast<unsigned char>(s.back()))) s.pop_back();
    else if (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE3\x80\x80") == 0) s.resize(s.size() - 3);
    else break;
  }
  std::size_t i = 0;
  for (;;) {
    if (i < s.size() && blank(static_cast<unsigned char>(s[i]))) ++i;
    else if (s.compare(i, 3, "\xE3\x80\x80") == 0) i += 3;
    else break;
  }
  return s.substr(i);
}

// Header text compared without spaces and line breaks ("问题\n描述" = "问题描述").
std::string header_key(const std::string& h) {
  std::string out;
  for (char ch : trim(h))
    if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') out += ch;
  return out;
}

struct Meta {
  store::FeedbackList list;
  std::map<std::string, std::string> mapping;  // field key → header text
  std::optional<std::int64_t> header_row;      // 1-based
};

Meta read_meta(App& app, const Actor& a, std::string_view text) {
  if (text.empty()) throw core::validation_error({{"meta", "请填写清单信息（标题、来源等）"}});
  auto o = core::parse_object(text);
  core::JsonReader r(o, "meta.");
  Meta m;
  m.list.tenant_id = a.tenant_id;
  m.list.title = r.str("title", true, 200, 1).value_or("");
  m.list.doc_number = r.str("doc_number", false, 100).value_or("");
  m.list.issuing_body = r.str("issuing_body", false, 100).value_or("");
  m.list.source = r.one_of("source", false, kListSources).value_or("higher_level");
  m.list.source_level = r.one_of("source_level", false, {"区", "市", "省"});
  if (m.list.source == "higher_level" && !m.list.source_level && !r.has("source_level"))
    r.fail("meta.source_level", "上级督查清单需注明督查层级（区/市/省）");
  const auto today = core::to_local(app.clock.now()).date;
  m.list.received_on = core::format_date(today);
  if (auto v = r.str("received_on", false, 10)) {
    if (auto d = core::parse_date(*v)) m.list.received_on = core::format_date(*d);
    else r.fail("meta.received_on", "日期格式应为 YYYY-MM-DD");
  }
  if (auto v = r.str("due_on", false, 10)) {
    if (auto d = core::parse_date(*v)) m.list.due_on = core::format_date(*d);
    else r.fail("meta.due_on", "日期格式应为 YYYY-MM-DD");
  }
  m.list.campaign_id = r.int64("campaign_id", false, 1);
  m.header_row = r.int64("header_row", false, 1, 20);
  if (const auto* v = r.raw("mapping", false)) {
    if (!v->is_object()) {
      r.fail("meta.mapping", "应为对象，如 {\"description\": \"存在问题\"}");
    } else {
      for (const auto& [k, h] : v->as_object()) {
        const std::string key(k);
        if (std::none_of(kFields.begin(), kFields.end(), [&](const Field& f) { return f.key == key; }))
          r.fail("meta.mapping." + key, "未知的字段");
        else if (!h.is_string() || h.as_string().empty())
          r.fail("meta.mapping." + key, "应为表头文字");
        else
          m.mapping[key] = std::string(h.as_string());
      }
    }
  }
  if (m.list.campaign_id) {
    const bool found = app.db.read([&](store::Conn& c) {
      return c.first("SELECT 1 FROM campaigns WHERE tenant_id = ? AND id = ?", {a.tenant_id, *m.list.campaign_id})
          .has_value();
    });
    if (!found) r.fail("meta.campaign_id", "专项行动不存在");
  }
  r.finish();
  return m;
}

// A deadline cell: 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日 or an Excel serial.
std::optional<core::Date> parse_day(const std::string& s) {
  if (auto d = core::parse_date(s)) return d;
  int y = 0, mo = 0, d = 0;
  char tail[8] = {};
  for (const char* fmt : {"%d/%d/%d%7s", "%d.%d.%d%7s", "%d-%d-%d%7s"})
    if (std::sscanf(s.c_str(), fmt, &y, &mo, &d, tail) >= 3 && y > 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31)
      return core::parse_date(fmt::format("{:04}-{:02}-{:02}", y, mo, d));
  if (std::sscanf(s.c_str(), "%d年%d月%d日", &y, &mo, &d) == 3 && y > 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31)
    return core::parse_date(fmt::format("{:04}-{:02}-{:02}", y, mo, d));
  char* end = nullptr;
  const double serial = std::strtod(s.c_str(), &end);
  if (end && *end == '\0' && serial > 20000 && serial < 80000) return core::parse_date(exporter::excel_serial_date(serial));
  return std::nullopt;
}

// A point inside the grid: its bounding box's centre if inside, else the first inside
// point of a 15×15 lattice over the box.
std::optional<geo::Point> point_in(const geo::MultiPolygon& area) {
  const auto b = geo::bounds(area);
  if (b.empty()) return std::nullopt;
  geo::Point centre{(b.min_lng + b.max_lng) / 2, (b.min_lat + b.max_lat) / 2};
  if (geo::contains(area, centre)) return centre;
  for (int i = 1; i < 15; ++i)
    for (int j = 1; j < 15; ++j) {
      geo::Point p{b.min_lng + (b.max_lng - b.min_lng) * i / 15, b.min_lat + (b.max_lat - b.min_lat) * j / 15};
      if (geo::contains(area, p)) return p;
    }
  return std::nullopt;
}

struct Row {
  std::size_t row_no = 0;  // in the sheet, 1-based
  std::string ref;
  json::object values;     // field key → cell text
  IntakeInput in;
  std::string category_name, unit_name, grid_name;
  std::vector<core::FieldError> errors;
};

struct Plan {
  std::size_t header_row = 1;
  std::vector<std::string> headers;
  std::map<std::string, std::size_t> columns;  // field key → column
  std::vector<Row> rows;
  std::size_t bad = 0;
};

std::size_t find_header_row(const exporter::Table& t) {
  std::size_t best = 0, best_hits = 0;
  for (std::size_t r = 0; r < t.size() && r < 10; ++r) {
    std::size_t hits = 0;
    for (const auto& cell : t[r])
      for (const auto& f : kFields)
        if (std::find(f.headers.begin(), f.headers.end(), header_key(cell)) != f.headers.end()) ++hits;
    if (hits > best_hits) best = r, best_hits = hits;
  }
  return best;
}

void map_columns(const Meta& m, const exporter::Table& t, Plan& plan) {
  std::vector<core::FieldError> errs;
  plan.header_row = m.header_row ? static_cast<std::size_t>(*m.header_row - 1) : find_header_row(t);
  if (plan.header_row >= t.size()) throw core::validation_error({{"meta.header_row", "表头行超出了表格的行数"}});
  for (const auto& h : t[plan.header_row]) plan.headers.push_back(trim(h));
  for (const auto& f : kFields) {
    std::vector<std::string> wanted = f.headers;
    if (auto it = m.mapping.find(f.key); it != m.mapping.end()) wanted = {header_key(it->second)};
    for (std::size_t c = 0; c < plan.headers.size() && !plan.columns.count(f.key); ++c)
      for (const auto& w : wanted)
        if (header_key(plan.headers[c]) == w) {
          plan.columns[f.key] = c;
          break;
        }
    if (!plan.columns.count(f.key) && m.mapping.count(f.key))
      errs.push_back({"meta.mapping." + f.key, "表头中没有「" + m.mapping.at(f.key) + "」列"});
  }
  for (const char* key : {"description", "address", "category"})
    if (!plan.columns.count(key) && !m.mapping.count(key)) {
      const auto& f = *std::find_if(kFields.begin(), kFields.end(), [&](const Field& x) { return x.key == key; });
      errs.push_back({"meta.mapping." + f.key, "找不到「" + f.label + "」列，请在列对应中指定表头"});
    }
  const bool coords = plan.columns.count("lng") && plan.columns.count("lat");
  if (!coords && !plan.columns.count("grid"))
    errs.push_back({"meta.mapping.lng", "需要「经度」「纬度」两列或「网格」列，才能确定每个问题的位置"});
  if (!errs.empty()) {
    // The headers found, so a client can offer them for the mapping.
    auto e = core::validation_error(errs, "第 " + std::to_string(plan.header_row + 1) + " 行作为表头");
    e.error().extra["header_row"] = plan.header_row + 1;
    e.error().extra["headers"] = json::array(plan.headers.begin(), plan.headers.end());
    throw e;
  }
}

Plan plan_rows(App& app, const Actor& a, const Meta& m, const exporter::Table& t) {
  Plan plan;
  map_columns(m, t, plan);
  auto ledger = tenant_ledger(app, a.tenant_id);
  auto meta = territory_state(app, a.tenant_id).meta.load();
  // Grids by code and by name, with a point inside each (read once).
  std::map<std::string, std::pair<std::int64_t, std::optional<geo::Point>>> grids;
  if (plan.columns.count("grid"))
    app.db.read([&](store::Conn& c) {
      for (const auto& r : c.query("SELECT id, code, name, geometry FROM grids WHERE tenant_id = ?", {a.tenant_id}).rows) {
        std::optional<geo::Point> p;
        try {
          if (auto area = geo::parse_area(json::parse(r.str(3)))) p = point_in(*area);
        } catch (const std::exception&) {
        }
        grids[r.str(1)] = grids[r.str(2)] = {r.i64(0), p};
      }
    });
  const auto received = core::parse_date(m.list.received_on);
  for (std::size_t r = plan.header_row + 1; r < t.size(); ++r) {
    auto cell = [&](const std::string& key) -> std::string {
      auto it = plan.columns.find(key);
      return it == plan.columns.end() || it->second >= t[r].size() ? std::string() : trim(t[r][it->second]);
    };
    bool blank = true;
    for (const auto& [k, col] : plan.columns) blank = blank && cell(k).empty();
    if (blank) continue;
    if (plan.rows.size() >= kMaxItems)
      throw core::validation_error({{"file", "一份清单最多 " + std::to_string(kMaxItems) + " 项，请分批导入"}});
    Row row;
    row.row_no = r + 1;
    for (const auto& [k, col] : plan.columns) row.values[k] = cell(k);
    row.ref = cell("ref");
    auto fail = [&](const std::string& field, const std::string& msg) { row.errors.push_back({field, msg}); };
    IntakeInput& in = row.in;
    in.source = m.list.source;
    in.source_level = m.list.source_level;
    in.campaign_id = m.list.campaign_id;
    in.description = cell("description");
    in.address = cell("address");
    if (in.description.empty()) fail("description", "问题描述为空");
    else if (in.description.size() > 2000) fail("description", "问题描述超过 2000 字节");
    if (in.address.size() > 500) fail("address", "位置超过 500 字节");
    const std::string category = cell("category");
    for (const auto& [code, cat] : ledger->categories)
      if (code == category || cat.name == category) {
        in.category_code = code;
        row.category_name = cat.name;
      }
    if (category.empty()) fail("category", "问题类别为空");
    else if (in.category_code.empty()) fail("category", "问题类别「" + category + "」不存在（填类别编码或名称）");
    const std::string lng = cell("lng"), lat = cell("lat"), grid = cell("grid");
    if (!lng.empty() || !lat.empty()) {
      char* e1 = nullptr;
      char* e2 = nullptr;
      in.lng = std::strtod(lng.c_str(), &e1);
      in.lat = std::strtod(lat.c_str(), &e2);
      if (lng.empty() || lat.empty() || *e1 || *e2 || !std::isfinite(in.lng) || !std::isfinite(in.lat))
        fail("lng", "经纬度应为数字，如 118.05 与 36.80");
      else if (in.lng < 73 || in.lng > 136 || in.lat < 3 || in.lat > 54)
        fail("lng", "坐标不在中国范围内（经度、纬度是否填反？）");
    } else if (!grid.empty()) {
      auto it = grids.find(grid);
      if (it == grids.end()) fail("grid", "网格「" + grid + "」不存在（填网格编码或名称）");
      else if (!it->second.second) fail("grid", "网格「" + grid + "」的边界无法取点");
      else {
        in.lng = it->second.second->lng;
        in.lat = it->second.second->lat;
        row.grid_name = grid;
      }
    } else {
      fail("lng", "缺少经纬度或网格，无法确定位置");
    }
    if (in.address.empty()) {
      if (row.grid_name.empty()) fail("address", "位置为空");
      else in.address = row.grid_name;
    }
    const std::string unit = cell("unit"), deadline = cell("deadline");
    if (!unit.empty()) {
      std::optional<std::int64_t> unit_id;
      for (const auto& [id, u] : meta->units)
        if (u.name == unit && !u.disabled) unit_id = id;
      if (!unit_id) fail("unit", "责任单位「" + unit + "」不存在或已停用");
      else {
        in.dispatch = DispatchInput{*unit_id, {}, std::nullopt};
        row.unit_name = unit;
      }
    }
    if (!deadline.empty()) {
      auto d = parse_day(deadline);
      if (!d) fail("deadline", "整改时限「" + deadline + "」不是日期（如 2026-12-31）");
      else if (received && core::days_from_civil(*d) < core::days_from_civil(*received))
        fail("deadline", "整改时限早于清单接收日期");
      else if (unit.empty()) fail("deadline", "填写整改时限时需同时填写责任单位");
      else if (core::local_midnight(core::add_days(*d, 1)) - 1000 <= app.clock.now())
        // The clock would ignore a deadline already past; say so instead of silently
        // falling back to the category's limit.
        fail("deadline", "整改时限「" + deadline + "」已过：请与交办单位确认新的时限，或清空此格按类别时限办理");
      else if (in.dispatch) in.dispatch->deadline = core::local_midnight(core::add_days(*d, 1)) - 1000;
    }
    if (!row.errors.empty()) ++plan.bad;
    plan.rows.push_back(std::move(row));
  }
  if (plan.rows.empty()) throw core::validation_error({{"file", "表格中没有数据行"}});
  return plan;
}

json::object preview_json(const Plan& plan, bool dry_run) {
  json::array rows, headers(plan.headers.begin(), plan.headers.end());
  for (const auto& r : plan.rows) {
    json::array errs;
    for (const auto& e : r.errors) errs.push_back({{"field", e.field}, {"message", e.message}});
    rows.push_back({{"row", r.row_no},
                    {"ref", r.ref},
                    {"ok", r.errors.empty()},
                    {"values", r.values},
                    {"category_code", r.in.category_code},
                    {"category_name", r.category_name},
                    {"unit_name", r.unit_name},
                    {"lng", r.in.lng},
                    {"lat", r.in.lat},
                    {"errors", errs}});
  }
  json::object columns;
  for (const auto& [k, c] : plan.columns) columns[k] = plan.headers[c];
  return {{"dry_run", dry_run},
          {"header_row", plan.header_row + 1},
          {"headers", headers},
          {"columns", columns},
          {"total", plan.rows.size()},
          {"ok_count", plan.rows.size() - plan.bad},
          {"error_count", plan.bad},
          {"rows", rows}};
}

json::object list_json(const store::FeedbackList& l) {
  return {{"id", l.id},
          {"title", l.title},
          {"doc_number", l.doc_number},
          {"issuing_body", l.issuing_body},
          {"source", l.source},
          {"source_level", core::opt(l.source_level)},
          {"received_on", l.received_on},
          {"due_on", core::opt(l.due_on)},
          {"campaign_id", core::opt(l.campaign_id)},
          {"filename", l.filename},
          {"counts", {{"items", l.items}, {"closed", l.closed}, {"overdue", l.overdue}}},
          {"created_at", core::format_iso(l.created_at)}};
}

}  // namespace

std::vector<store::ProblemRow> record_feedback_list(App& app, const Actor& a, store::FeedbackList& list,
                                                    const std::vector<FeedbackEntry>& entries) {
  std::vector<std::int64_t> item_ids;
  list.id = app.db.write([&](store::Conn& c) {
    const auto id = store::insert_feedback_list(c, list);
    for (const auto& e : entries) {
      store::FeedbackItem item;
      item.list_id = id;
      item.row_no = e.row_no;
      item.ref = e.ref;
      item.raw = e.raw;
      item_ids.push_back(store::insert_feedback_item(c, a.tenant_id, item));
    }
    return id;
  });
  std::vector<store::ProblemRow> out;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    IntakeInput in = entries[i].in;
    const auto item_id = item_ids[i];
    in.feedback_item_id = item_id;
    in.also_in_write = [item_id](store::Conn& c, std::int64_t problem_id) {
      c.query("UPDATE feedback_items SET problem_id = ? WHERE id = ?", {problem_id, item_id});
    };
    out.push_back(intake(app, a, in));
  }
  return out;
}

void register_feedback_routes(App& app) {
  app.router.post("/api/v1/feedback-lists", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher"});
    const std::string dry = req.q("dry_run").value_or("false");
    if (dry != "true" && dry != "false") throw core::validation_error({{"dry_run", "取值应为：true、false"}});
    auto parts = parse_multipart(req.header("content-type").value_or(""), req.body);
    const Part* file = nullptr;
    std::string_view meta_text;
    for (const auto& p : parts) {
      if (p.name == "file") file = &p;
      else if (p.name == "meta") meta_text = p.body;
    }
    if (!file || file->body.empty()) throw core::validation_error({{"file", "请上传交办清单文件（.xlsx 或 .csv）"}});
    Meta m = read_meta(app, a, meta_text);
    m.list.filename = file->filename.substr(0, 200);
    auto table = exporter::read_table(file->body).take();
    Plan plan = plan_rows(app, a, m, table);
    if (dry == "true") return Response::json(preview_json(plan, true));
    if (plan.bad) {
      core::Error e{422, "import-invalid", "清单有误，未导入任何问题",
                    "共 " + std::to_string(plan.bad) + " 行有误，请修改后重新导入", {}, preview_json(plan, false)};
      for (const auto& r : plan.rows)
        for (const auto& fe : r.errors) e.errors.push_back({"rows[" + std::to_string(r.row_no) + "]." + fe.field, fe.message});
      throw core::ApiError(std::move(e));
    }
    m.list.created_by = a.user_id;
    m.list.created_at = app.clock.now();
    std::vector<FeedbackEntry> entries;
    for (const auto& r : plan.rows)
      entries.push_back({static_cast<std::int64_t>(r.row_no), r.ref, json::serialize(r.values), r.in});
    const auto problems = record_feedback_list(app, a, m.list, entries);
    json::array created;
    for (std::size_t i = 0; i < problems.size(); ++i)
      created.push_back({{"row", plan.rows[i].row_no}, {"item_id", *problems[i].feedback_item_id},
                         {"problem_id", problems[i].id}, {"number", problems[i].number}, {"state", problems[i].state}});
    auto stored = app.db.read(
        [&](store::Conn& c) { return store::get_feedback_list(c, a.tenant_id, m.list.id, app.clock.now()); });
    auto out = list_json(*stored);
    out["created"] = created;
    return Response::json(out, 201);
  });

  app.router.get("/api/v1/feedback-lists", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "leader", "viewer"});
    auto lists = app.db.read([&](store::Conn& c) { return store::list_feedback_lists(c, a.tenant_id, app.clock.now()); });
    json::array items;
    for (const auto& l : lists) items.push_back(list_json(l));
    return Response::json(json::object{{"items", items}});
  });

  app.router.get("/api/v1/feedback-lists/{id}", [&app](Request& req) {
    Actor a = app.require(req, {"admin", "dispatcher", "inspector", "leader", "viewer"});
    const auto id = path_id(req, "id", "交办清单");
    const auto now = app.clock.now();
    auto [list, items] = app.db.read([&](store::Conn& c) {
      auto l = store::get_feedback_list(c, a.tenant_id, id, now);
      if (!l) throw core::not_found("交办清单");
      return std::make_pair(*l, store::feedback_items(c, a.tenant_id, id));
    });
    json::array rows;
    for (const auto& i : items) {
      json::value raw;
      try {
        raw = json::parse(i.raw);
      } catch (const std::exception&) {
        raw = json::object{};
      }
      rows.push_back({{"id", i.id},
                      {"row", i.row_no},
                      {"ref", i.ref},
                      {"values", raw},
                      {"problem_id", core::opt(i.problem_id)},
                      {"number", i.number},
                      {"state", i.state},
                      {"unit_id", core::opt(i.unit_id)},
                      {"deadline", i.deadline ? json::value(core::format_iso(*i.deadline)) : nullptr},
                      {"overdue", i.deadline && *i.deadline < now && i.state != "closed" && i.state != "voided"},
                      {"closed_at", i.closed_at ? json::value(core::format_iso(*i.closed_at)) : nullptr}});
    }
    auto out = list_json(list);
    out["items"] = rows;
    return Response::json(out);
  });
}

}  // namespace envgrid::http
