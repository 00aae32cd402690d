#pragma once
// Campaigns (专项行动): shared pieces of the campaign handlers and the template entry
// point the demo generator calls.
#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "core/json.hpp"
#include "core/time.hpp"
#include "http/app.hpp"
#include "store/campaigns.hpp"

namespace envgrid::http {

// Creates a campaign from data/campaigns/<template_id>.json, its phases and deliverables
// shifted so the first phase starts on `start`. Returns the id. Throws ApiError 404 for
// an unknown template, 403 unless the actor is admin or dispatcher.
std::int64_t create_campaign_from_template(App& app, const Actor& a, const std::string& template_id, core::Date start);

namespace campaign {

// Kinds and their Chinese names, in one place for parsing and rendering.
extern const std::vector<std::string> kPhaseKinds, kDeliverableKinds;

// Reads the writable fields of a campaign body into row (every field when !partial,
// only the present ones otherwise); field errors go to r. Checks dates and ordering
// but not references (see check_refs).
void read_body(core::JsonReader& r, store::CampaignRow& row, bool partial);
// Field errors for units referenced by the row that are not in the tenant.
void check_refs(store::Conn& c, std::int64_t tenant, core::JsonReader& r, const store::CampaignRow& row);
// End of the last rectification phase (exclusive, epoch ms), else of the campaign.
std::optional<core::Millis> deadline_cap(const store::CampaignRow& row);
boost::json::object to_json(const store::CampaignRow& row);
// The campaign in the actor's tenant, or 404.
store::CampaignRow load(App& app, const Actor& a, std::int64_t id);
// A required "YYYY-MM-DD" field; nullopt (and a field error) when malformed.
// prefix names the enclosing object in the error ("phases[0]"), empty at the top level.
std::optional<core::Date> date_field(core::JsonReader& r, std::string_view key, bool required,
                                     const std::string& prefix = {});

}  // namespace campaign

}  // namespace envgrid::http
