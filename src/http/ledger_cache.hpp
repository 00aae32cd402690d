#pragma once
// Per-tenant ledger configuration (categories, working calendar), parsed from the
// settings table once and reloaded after an admin edits it.
#include <map>
#include <memory>
#include <mutex>

#include "domain/calendar.hpp"
#include "http/ledger_domain.hpp"

namespace envgrid::http {

struct TenantLedger {
  domain::WorkCalendar calendar;
  std::map<std::string, CategoryView> categories;  // by code
};

struct LedgerCache {
  std::mutex mu;
  std::map<std::int64_t, std::shared_ptr<const TenantLedger>> tenants;
};

// The tenant's configuration (loaded on first use). Throws on unreadable settings.
std::shared_ptr<const TenantLedger> tenant_ledger(App& app, std::int64_t tenant);
void invalidate_ledger(App& app, std::int64_t tenant);

}  // namespace envgrid::http
