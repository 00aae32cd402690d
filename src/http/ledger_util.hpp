#pragma once
// Helpers shared by the ledger's intake and action paths (same translation-unit family).
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "http/ledger_domain.hpp"
#include "http/ledger_service.hpp"
#include "store/db.hpp"
#include "store/ledger_chain.hpp"

namespace envgrid::http::ledger {

// Attachments of the tenant by id, in the given order; throws 400 naming the field
// when one does not exist (or belongs to another tenant).
std::vector<PhotoFacts> load_photos(store::Conn& c, std::int64_t tenant, const std::vector<std::int64_t>& ids,
                                    const std::string& field);
// Photos linked to the problem with a role.
std::vector<PhotoFacts> problem_photos(store::Conn& c, std::int64_t problem_id, const std::string& role);
// Photos on OTHER problems with the same SHA-256 or a dHash within distance 4.
std::vector<PhotoFacts> photos_used_elsewhere(store::Conn& c, std::int64_t tenant, std::int64_t problem_id,
                                              const std::vector<PhotoFacts>& photos);
void link_photos(store::Conn& c, std::int64_t tenant, std::int64_t problem_id, const std::vector<PhotoFacts>& photos,
                 const std::string& role, const std::vector<EvidenceFlag>& flags);
// Appends the history row for an action.
void record(store::Conn& c, const store::ProblemRow& p, const Actor& a, const std::string& action,
            const std::optional<std::string>& from, const std::string& comment, const boost::json::object& payload,
            core::Millis at);
// Validates an outcome (kind and quantity); throws 400.
void check_outcome(const Outcome& o);
boost::json::object outcome_json(const Outcome& o);
// Evidence flags as the JSON array kept on the problem.
std::string merge_evidence(const std::string& existing, const std::vector<EvidenceFlag>& flags);
// Unit exists in the tenant and is not disabled; throws 400 naming the field.
void check_unit(store::Conn& c, std::int64_t tenant, std::int64_t unit_id, const std::string& field);
// Sets deadline/warn_at from the row's SLA JSON.
void refresh_deadline(App& app, store::ProblemRow& p);

}  // namespace envgrid::http::ledger
