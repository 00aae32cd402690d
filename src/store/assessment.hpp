#pragma once
// What assessment reads and writes: per-unit fact counts for a period (one aggregate
// query per cohort, GROUP BY unit — never a query per unit), manual entries, the
// accountability log (通报批评/约谈), frozen results (定榜), and schemes kept in settings.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/settings.hpp"

namespace envgrid::store {

// unit id → fact name → count (names as in domain/assessment.hpp).
using FactMap = std::map<std::int64_t, std::map<std::string, double>>;

struct UnitRef {
  std::int64_t id = 0;
  std::string name, type, principal;
};
// Enabled units of the given types, by id.
std::vector<UnitRef> units_of_types(Conn& c, std::int64_t tenant, const std::vector<std::string>& types);

// Handling cohort: problems whose final dispatch to the unit falls in [from, to);
// open past deadline measured at `at`. Adds returns made by each unit's staff.
void add_handling_facts(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to, std::int64_t at, FactMap& out);
// Territorial: problems reported in [from, to) in grids of the community/village, by source.
void add_territorial_facts(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to, std::int64_t at,
                           FactMap& out);
// entry:<item> sums of manual entries for the scheme and period code.
void add_entry_facts(Conn& c, std::int64_t tenant, const std::string& scheme, const std::string& period, FactMap& out);
// inspection_avg: each unit's mean inspection checklist score in rounds held in
// [first_day, last_day] (inspection_scores of the fieldwork module).
void add_inspection_facts(Conn& c, std::int64_t tenant, const std::string& first_day, const std::string& last_day,
                          FactMap& out);
// criticisms / interviews recorded in [from, to).
void add_accountability_facts(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to, FactMap& out);

// A problem behind a unit's points (explain).
struct ProblemFact {
  std::int64_t id = 0;
  std::string number, state, source, category_code;
  std::optional<std::int64_t> dispatched_at, handled_at, closed_at, deadline, rebound_of;
  std::int64_t rework_count = 0, return_count = 0, reported_at = 0;
};
std::vector<ProblemFact> handling_problems(Conn& c, std::int64_t tenant, std::int64_t unit, std::int64_t from,
                                           std::int64_t to);
std::vector<ProblemFact> territorial_problems(Conn& c, std::int64_t tenant, std::int64_t unit, std::int64_t from,
                                              std::int64_t to);

struct Entry {
  std::int64_t id = 0, unit_id = 0, created_by = 0, created_at = 0;
  std::string scheme, period, item, note;
  double points = 0;
};
std::int64_t insert_entry(Conn& c, std::int64_t tenant, const Entry& e);
std::vector<Entry> list_entries(Conn& c, std::int64_t tenant, const std::string& scheme, const std::string& period,
                                std::optional<std::int64_t> unit);

struct Accountability {
  std::int64_t id = 0, unit_id = 0, created_by = 0, created_at = 0;
  std::string unit_name, kind, target, person, reason, day;  // kind: criticism | interview
  std::optional<std::int64_t> problem_id;
  std::int64_t at = 0;  // start of `day`, for period sums
};
std::int64_t insert_accountability(Conn& c, std::int64_t tenant, const Accountability& a);
// Records whose day lies in [first_day, last_day] (YYYY-MM-DD), newest first.
std::vector<Accountability> list_accountability(Conn& c, std::int64_t tenant, const std::string& first_day,
                                                const std::string& last_day, std::optional<std::int64_t> unit);

struct Frozen {
  std::string result;  // JSON
  std::int64_t frozen_by = 0, frozen_at = 0;
};
std::optional<Frozen> get_frozen(Conn& c, std::int64_t tenant, const std::string& scheme, const std::string& period);
// False when the period was already frozen (a frozen result never changes).
bool insert_frozen(Conn& c, std::int64_t tenant, const std::string& scheme, const std::string& period,
                   const Frozen& f);


// People: per user, reports made and verifications done (on time: within `verify_ms`
// of the handling) in [from, to).
struct PersonFacts {
  std::int64_t user_id = 0;
  std::string display_name;
  std::vector<std::string> roles;
  std::int64_t reports = 0, valid_reports = 0, verifications = 0, on_time_verifications = 0;
  std::int64_t patrols = 0, patrol_days = 0;  // tours started in the period, distinct days
};
std::vector<PersonFacts> people_facts(Conn& c, std::int64_t tenant, std::int64_t from, std::int64_t to,
                                      std::int64_t verify_ms);

}  // namespace envgrid::store
