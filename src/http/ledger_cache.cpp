#include "http/ledger_cache.hpp"

#include "domain/category.hpp"

namespace envgrid::http {

namespace json = boost::json;

static CategoryView view_of(const domain::Category& c) {
  CategoryView v;
  v.code = c.code;
  v.name = c.name;
  v.parent_code = c.parent;
  v.limit_hours = c.limit_hours;
  v.limit_kind = domain::limit_kind_name(c.limit_kind);
  v.unit_type = c.unit_type;
  v.after_photo_required = c.after_photo_required;
  v.deduction = c.deduction;
  v.filing_standard = c.filing_standard;
  v.closing_standard = c.closing_standard;
  return v;
}

static std::shared_ptr<const TenantLedger> load(App& app, std::int64_t tenant) {
  auto t = std::make_shared<TenantLedger>();
  auto rows = app.db.read([&](store::Conn& c) {
    return c.query("SELECT key, value FROM settings WHERE tenant_id = ? AND (key = 'categories' OR key = "
                   "'working_periods' OR key LIKE 'calendar/%')",
                   {tenant})
        .rows;
  });
  std::vector<domain::HolidayYear> years;
  for (const auto& r : rows) {
    const std::string& key = r.str(0);
    auto v = json::parse(r.str(1));
    if (key == "categories") {
      auto list = domain::parse_categories(v);
      if (!list) throw std::runtime_error("stored categories are invalid: " + list.error().title);
      for (const auto& c : list.value().categories) t->categories[c.code] = view_of(c);
    } else if (key == "working_periods") {
      auto p = domain::parse_periods(v);
      if (!p) throw std::runtime_error("stored working periods are invalid");
      t->calendar = domain::WorkCalendar(p.value());
    } else {
      auto y = domain::parse_holiday_year(v);
      if (!y) throw std::runtime_error("stored calendar " + key + " is invalid");
      years.push_back(y.value());
    }
  }
  for (const auto& y : years) t->calendar.set_year(y);
  return t;
}

std::shared_ptr<const TenantLedger> tenant_ledger(App& app, std::int64_t tenant) {
  {
    std::lock_guard lk(app.ledger_cache->mu);
    auto it = app.ledger_cache->tenants.find(tenant);
    if (it != app.ledger_cache->tenants.end()) return it->second;
  }
  auto t = load(app, tenant);
  std::lock_guard lk(app.ledger_cache->mu);
  return app.ledger_cache->tenants.emplace(tenant, t).first->second;
}

void invalidate_ledger(App& app, std::int64_t tenant) {
  std::lock_guard lk(app.ledger_cache->mu);
  app.ledger_cache->tenants.erase(tenant);
}

std::optional<CategoryView> find_category(App& app, std::int64_t tenant, const std::string& code) {
  auto t = tenant_ledger(app, tenant);
  auto it = t->categories.find(code);
  if (it == t->categories.end()) return std::nullopt;
  return it->second;
}

}  // namespace envgrid::http
