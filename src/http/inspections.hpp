#pragma once
// Inspection rounds (督查检查): shared pieces of inspections*.cpp.
#include <boost/json.hpp>

#include "http/app.hpp"
#include "store/fieldwork.hpp"

namespace envgrid::http::inspection {

// The round as JSON; with detail, its scores, findings and re-checks too.
boost::json::object to_json(App& app, const Actor& a, const store::InspectionRow& i, bool detail);
// The round in the actor's tenant, or 404.
store::InspectionRow load(App& app, const Actor& a, std::int64_t id);

}  // namespace envgrid::http::inspection
