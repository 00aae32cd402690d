#pragma once
// The problem JSON every ledger endpoint returns (see openapi.json #/components/schemas/ProblemView).
#include <boost/json.hpp>
#include <map>
#include <vector>

#include "http/app.hpp"
#include "store/problems.hpp"

namespace envgrid::http {

// Renders a page of problems with names, SLA, flags and the actor's allowed actions.
// `detail` adds attachments with their evidence flags.
boost::json::array render_problems(App& app, const Actor& a, const std::vector<store::ProblemRow>& rows, bool detail);
boost::json::object render_problem(App& app, const Actor& a, const store::ProblemRow& row);

}  // namespace envgrid::http
