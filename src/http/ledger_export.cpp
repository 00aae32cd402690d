// GET /api/v1/reports/ledger.xlsx: the 问题台账 for the list's filters, streamed page by
// page into a constant-memory workbook.
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "export/ledger_xlsx.hpp"
#include "http/ledger_domain.hpp"
#include "http/problems_query.hpp"
#include "media/attachment_store.hpp"

namespace envgrid::http {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

std::map<std::int64_t, std::string> names(App& app, const char* sql, std::int64_t tenant) {
  std::map<std::int64_t, std::string> out;
  app.db.read([&](store::Conn& c) {
    for (const auto& r : c.query(sql, {tenant}).rows) out[r.i64(0)] = r.str(1);
  });
  return out;
}

std::string when(const std::optional<core::Millis>& t) {
  if (!t) return "";
  auto l = core::to_local(*t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", l.date.year, l.date.month, l.date.day, l.hour, l.minute);
  return buf;
}

std::optional<std::string> thumb(App& app, store::Conn& c, std::int64_t problem_id, const char* role) {
  auto r = c.first("SELECT a.sha256 FROM problem_attachments pa JOIN attachments a ON a.id = pa.attachment_id "
                   "WHERE pa.problem_id = ? AND pa.role = ? ORDER BY a.id LIMIT 1",
                   {problem_id, std::string(role)});
  if (!r) return std::nullopt;
  return app.files->read_derived(r->str(0), "thumb.jpg");
}

}  // namespace

void register_ledger_export_routes(App& app) {
  app.router.get("/api/v1/reports/ledger.xlsx", [&app](Request& req) {
    Actor a = app.authenticate(req);
    const auto now = app.clock.now();
    auto f = parse_problem_filter(req, now, {});
    apply_scope(a, f);
    auto total = app.db.read([&](store::Conn& c) {
      std::int64_t n = 0;
      for (const auto& [k, v] : store::count_problems(c, a.tenant_id, f, "1")) n += v;
      return n;
    });
    auto units = names(app, "SELECT id, name FROM units WHERE tenant_id = ?", a.tenant_id);
    auto grids = names(app, "SELECT id, name FROM grids WHERE tenant_id = ?", a.tenant_id);
    auto tenant_name = app.db.read([&](store::Conn& c) { return c.first("SELECT name FROM tenants WHERE id = ?", {a.tenant_id})->str(0); });
    std::string title = tenant_name + "问题台账";
    if (f.from || f.to)
      title += "（" + (f.from ? core::format_date(core::to_local(*f.from).date) : std::string("")) + " 至 " +
               (f.to ? core::format_date(core::add_days(core::to_local(*f.to).date, -1)) : std::string("今")) + "）";
    const fs::path tmp = fs::path(app.cfg.data_dir) / "tmp";
    fs::create_directories(tmp);
    const fs::path out = tmp / ("ledger-" + core::random_hex(8) + ".xlsx");
    exporter::LedgerOptions opts;
    opts.thumbnails = total <= static_cast<std::int64_t>(exporter::kMaxThumbnailRows);
    opts.tmpdir = tmp;
    exporter::LedgerXlsx book(out, title, opts);
    std::optional<store::Cursor> cursor;
    for (;;) {
      auto page = app.db.read([&](store::Conn& c) { return store::list_problems(c, a.tenant_id, f, 500, cursor); });
      app.db.read([&](store::Conn& c) {
        for (const auto& p : page.items) {
          exporter::LedgerRow row;
          row.number = p.number;
          row.source = source_label(p.source);
          auto cat = find_category(app, a.tenant_id, p.category_code);
          row.category = cat ? cat->name : p.category_code;
          row.address = p.address;
          row.grid = p.grid_id ? grids[*p.grid_id] : "网格外";
          row.unit = p.unit_id ? units[*p.unit_id] : "";
          row.description = p.description;
          auto sla = sla_view(app, p, now);
          row.deadline = when(sla.deadline);
          row.state = state_label(p.state) + (sla.overdue ? "（超期）" : "");
          if (p.outcome) {
            auto o = json::parse(*p.outcome).as_object();
            std::ostringstream os;
            os << o.at("label").as_string().c_str() << " " << o.at("quantity").to_number<double>() << " "
               << o.at("unit").as_string().c_str();
            row.handling = os.str();
          }
          if (p.rework_count) row.handling += "（返工 " + std::to_string(p.rework_count) + " 次）";
          row.closed_at = when(p.closed_at);
          if (opts.thumbnails) {
            row.before_jpeg = thumb(app, c, p.id, "before");
            row.after_jpeg = thumb(app, c, p.id, "after");
          }
          book.add(row);
        }
      });
      if (!page.next) break;
      cursor = page.next;
    }
    auto done = book.finish();
    if (!done) {
      fs::remove(out);
      throw core::ApiError(done.error());
    }
    std::ifstream in(out, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    fs::remove(out);
    Response r;
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = ss.str();
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"ledger.xlsx\"; filename*=UTF-8''%E9%97%AE%E9%A2%98%E5%8F%B0%E8%B4%A6.xlsx");
    return r;
  });
}

}  // namespace envgrid::http
