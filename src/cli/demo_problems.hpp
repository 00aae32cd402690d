#pragma once
// The demo town's ledger: `months` of problems across categories, sources and states,
// with generated photos carrying EXIF time and GPS, moved through the real lifecycle
// (some overdue, reworked, returned, extended, rebound, duplicated). Deterministic.
#include <cstdint>

#include "core/config.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace envgrid::cli {

// REQUIRES: the demo territory and users exist in the tenant. Prints progress.
void demo_problems(store::Database& db, const core::Config& cfg, std::int64_t tenant, int months, core::Millis now);

}  // namespace envgrid::cli
