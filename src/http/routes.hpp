#pragma once
#include "http/app.hpp"

namespace envgrid::http {
// Registers every resource's routes on app.router.
void register_all(App& app);
}  // namespace envgrid::http
