#pragma once
// Assessment (考评) as pure values: a scheme (考评办法) read from JSON and checked, and
// scoring of per-unit facts against it — per-item breakdown, deductions with caps, bonuses,
// vetoes (一票否决), grade bands, ranks with ties, exposure list and award tiers. No I/O:
// callers count the facts (store/assessment*) and pass them in.
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace envgrid::domain::assessment {

// How an item earns its points.
//   metric:  max × a ledger rate (on_time_rate, close_rate, no_rework_rate, no_overdue_rate)
//   entries: manual entries (POST /assessment/entries) summed and clamped to [0, max]
//   inspection: max × the unit's mean inspection checklist score (0–100) / 100
// Without any entry or fact, `full_by_default` gives max, else 0.
struct Item {
  std::string key, name, source, metric;
  double max = 0;
  bool full_by_default = true;
};

// points × fact count, at most cap (0: no cap). Facts: src_higher_level, src_media,
// src_covert, rebound, returns, criticisms, interviews, entry:<key>.
struct Deduction {
  std::string key, name, fact;
  double points = 0, cap = 0;
};

// Fact ≥ 1 sets the score to 0 and the grade to the lowest band.
struct Veto {
  std::string key, name, fact;
};

struct Bonus {
  std::string key, name, fact;
  double cap = 0;
};

struct Grade {
  std::string grade;
  double min = 0;
};

struct AwardTier {
  std::string name;
  double amount = 0;
  int winners = 0;
};

struct Scheme {
  std::string code, name, kind;  // kind: territorial | handling
  std::vector<std::string> unit_types;
  std::string period = "month";  // month | quarter | year | campaign
  std::vector<Item> items;
  std::vector<Deduction> deductions;
  double deduction_cap = 0;  // total deductions at most this (0: no cap)
  std::vector<Veto> vetoes;
  std::vector<Bonus> bonuses;
  double bonus_cap = 0;
  double max_score = 100;
  std::vector<Grade> grades;  // sorted by min, descending
  int exposure_bottom = 3;    // 月曝光: the N lowest ranked
  std::vector<AwardTier> awards;
  double campaign_weight = 0.5;  // share of a campaign's score in the annual score
  bool unranked_when_empty = false;  // handling: an empty cohort is "无案件"
};

// Reads and checks a scheme; every problem is named in Chinese with its JSON path
// (e.g. "items[2].max"). Never throws.
core::Result<Scheme> parse_scheme(const boost::json::value& v);
boost::json::object scheme_json(const Scheme& s);

// What the store counted for one unit in the period. Counts are keyed by fact name:
// cohort, closed, on_time, handled, reworked, overdue, src_*, rebound, returns,
// criticisms, interviews, inspection_avg, entry:<item>.
struct UnitFacts {
  std::int64_t unit_id = 0;
  std::string unit_name;
  std::map<std::string, double> facts;
  double fact(const std::string& k) const;
  bool has(const std::string& k) const { return facts.count(k) != 0; }
};

struct Line {
  std::string key, name, kind;  // kind: item | deduction | bonus | veto
  double points = 0, max = 0;   // deductions and their caps are positive numbers
  double count = 0;             // the fact behind it (a rate for metric items)
  bool capped = false;
};

struct UnitScore {
  std::int64_t unit_id = 0;
  std::string unit_name;
  bool ranked = true;       // false: 无案件 (handling scheme, empty cohort)
  bool vetoed = false;
  double score = 0;         // rounded to 2 decimals
  std::string grade;        // "" when not ranked
  std::optional<int> rank;  // 1-based, ties share a rank, the next rank skips
  std::vector<Line> lines;
};

// One unit's score without rank.
UnitScore score_unit(const Scheme& s, const UnitFacts& f);
// Every unit scored and ranked (ranked units by score descending, then unit id; unranked
// after them). Deterministic for the same input.
std::vector<UnitScore> score_all(const Scheme& s, const std::vector<UnitFacts>& facts);
// The grade band for a score.
std::string grade_of(const Scheme& s, double score);
// The bottom N ranked units (月曝光), worst first; ties at the boundary are all included.
// Units sharing the best score are never exposed (a cohort of two, or everyone tied).
std::vector<UnitScore> exposure(const Scheme& s, const std::vector<UnitScore>& ranked);

struct Award {
  std::string tier;
  double amount = 0;
  std::int64_t unit_id = 0;
  std::string unit_name;
  double score = 0;
};
// Award tiers filled in rank order; each tier takes `winners` units (ties at a tier's
// boundary go to the higher tier, so a tier may take more). Vetoed units win nothing, and
// neither do exposed ones: in a small cohort the bottom N and the winners would overlap.
std::vector<Award> awards(const Scheme& s, const std::vector<UnitScore>& ranked);

// The annual score with a campaign counted at weight w: (1 − w)·annual + w·campaign.
double weighted_score(double annual, double campaign, double w);

boost::json::object score_json(const UnitScore& u);

}  // namespace envgrid::domain::assessment
