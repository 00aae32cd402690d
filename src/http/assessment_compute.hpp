#pragma once
// The assessment handlers' bridge to domain/assessment and store/assessment: loading a
// scheme (tenant override in settings, else the default in data/assessment/), checking
// query arguments, counting facts with aggregate queries and scoring every unit.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/assessment_period.hpp"
#include "http/app.hpp"

namespace envgrid::http::assess {

namespace da = domain::assessment;

// Roles that may read scores, rankings and documents.
inline const std::initializer_list<std::string_view> kReaders = {"admin", "dispatcher", "inspector", "leader",
                                                                     "viewer"};
// Codes with a default scheme in data/assessment/.
const std::vector<std::string>& default_codes();
// The scheme as the tenant uses it; 404 for an unknown code.
da::Scheme load_scheme(store::Conn& c, std::int64_t tenant, const std::string& code);
// ?scheme= (required, must exist) and ?period= (YYYY-MM, YYYY-Qn, YYYY); 400 naming the field.
std::string scheme_arg(const Request& req);
da::Period period_arg(const Request& req, const char* name = "period");

// A campaign's dates as an assessment period ("campaign:<id>"); 400 naming `field` when
// the campaign is not the tenant's.
da::Period campaign_period(store::Conn& c, std::int64_t tenant, std::int64_t campaign_id, const char* field);

struct Computed {
  da::Scheme scheme;
  da::Period period;
  core::Millis at = 0;  // evaluation time (超期 is measured here)
  std::vector<da::UnitScore> scores;
};
// Every unit of the scheme's types scored and ranked for the period.
Computed compute(App& app, std::int64_t tenant, const std::string& scheme, const da::Period& period);
// {scheme, scheme_name, period, period_label, evaluated_at, items, exposure, awards}
boost::json::object result_json(const Computed& r);
// Adds campaign_score and annual_score = (1 − w)·score + w·campaign_score (w: the scheme's
// campaign_weight) to each ranked item of an annual result.
void weigh_campaign(boost::json::object& annual, const Computed& campaign);
// Units whose score, grade or rank differ between a frozen and a fresh result.
boost::json::array diff(const boost::json::object& frozen, const boost::json::object& fresh);

}  // namespace envgrid::http::assess
