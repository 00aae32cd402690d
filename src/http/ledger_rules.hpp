#pragma once
// Translations between the HTTP layer's values and domain/lifecycle's.
#include "domain/lifecycle.hpp"
#include "http/app.hpp"
#include "store/problems.hpp"

namespace envgrid::http {

domain::ProblemFacts facts_of(const store::ProblemRow& p, const std::vector<std::int64_t>& assist);
domain::Actor domain_actor(const Actor& a);

}  // namespace envgrid::http
