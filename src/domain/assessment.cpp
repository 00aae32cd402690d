// Scoring per-unit facts against a scheme: items, deductions, bonuses, vetoes, ranks.
#include "domain/assessment.hpp"

#include <algorithm>
#include <cmath>

namespace envgrid::domain::assessment {

namespace json = boost::json;

static double round2(double v) { return std::round(v * 100.0) / 100.0; }

double UnitFacts::fact(const std::string& k) const {
  auto it = facts.find(k);
  return it == facts.end() ? 0.0 : it->second;
}

// The rates of the handling formula; a zero denominator counts as the best case
// (nothing handled → no rework; the empty cohort itself is handled by the caller).
static double metric_rate(const std::string& metric, const UnitFacts& f) {
  const double cohort = f.fact("cohort"), handled = f.fact("handled");
  if (metric == "on_time_rate") return cohort > 0 ? f.fact("on_time") / cohort : 0.0;
  if (metric == "close_rate") return cohort > 0 ? f.fact("closed") / cohort : 0.0;
  if (metric == "no_rework_rate") return handled > 0 ? 1.0 - f.fact("reworked") / handled : 1.0;
  if (metric == "no_overdue_rate") return cohort > 0 ? 1.0 - f.fact("overdue") / cohort : 1.0;
  return 0.0;
}

static Line item_line(const Item& it, const UnitFacts& f) {
  Line l{it.key, it.name, "item", 0, it.max};
  if (it.source == "metric") {
    l.count = metric_rate(it.metric, f);
    l.points = it.max * l.count;
    return l;
  }
  if (it.source == "inspection") {
    // The unit's mean inspection checklist score (0–100) in the period, scaled to max.
    if (f.has("inspection_avg")) {
      l.count = f.fact("inspection_avg");
      l.points = it.max * std::clamp(l.count, 0.0, 100.0) / 100.0;
    } else {
      l.points = it.full_by_default ? it.max : 0.0;
    }
    return l;
  }
  const std::string k = "entry:" + it.key;
  if (f.has(k)) {
    l.count = f.fact(k);
    l.points = std::clamp(l.count, 0.0, it.max);
    l.capped = l.points != l.count;
  } else {
    l.points = it.full_by_default ? it.max : 0.0;
  }
  return l;
}

UnitScore score_unit(const Scheme& s, const UnitFacts& f) {
  UnitScore u;
  u.unit_id = f.unit_id;
  u.unit_name = f.unit_name;
  if (s.unranked_when_empty && f.fact("cohort") <= 0) {
    u.ranked = false;
    return u;
  }
  double items = 0, deductions = 0, bonuses = 0;
  for (const auto& it : s.items) {
    u.lines.push_back(item_line(it, f));
    items += u.lines.back().points;
  }
  for (const auto& d : s.deductions) {
    Line l{d.key, d.name, "deduction", 0, d.cap};
    l.count = f.fact(d.fact);
    l.points = l.count * d.points;
    if (d.cap > 0 && l.points > d.cap) {
      l.points = d.cap;
      l.capped = true;
    }
    deductions += l.points;
    u.lines.push_back(l);
  }
  if (s.deduction_cap > 0 && deductions > s.deduction_cap) {
    u.lines.push_back(Line{"deduction_cap", "扣分封顶", "cap", deductions - s.deduction_cap, s.deduction_cap, 0, true});
    deductions = s.deduction_cap;
  }
  for (const auto& b : s.bonuses) {
    Line l{b.key, b.name, "bonus", 0, b.cap};
    l.count = f.fact(b.fact);
    l.points = std::max(0.0, l.count);
    if (b.cap > 0 && l.points > b.cap) {
      l.points = b.cap;
      l.capped = true;
    }
    bonuses += l.points;
    u.lines.push_back(l);
  }
  if (s.bonus_cap > 0 && bonuses > s.bonus_cap) {
    u.lines.push_back(Line{"bonus_cap", "加分封顶", "cap", bonuses - s.bonus_cap, s.bonus_cap, 0, true});
    bonuses = s.bonus_cap;
  }
  double score = std::clamp(items - deductions + bonuses, 0.0, s.max_score);
  for (const auto& v : s.vetoes) {
    if (f.fact(v.fact) >= 1) {
      u.vetoed = true;
      u.lines.push_back(Line{v.key, v.name, "veto", score, 0, f.fact(v.fact), false});
    }
  }
  u.score = u.vetoed ? 0.0 : round2(score);
  u.grade = u.vetoed && !s.grades.empty() ? s.grades.back().grade : grade_of(s, u.score);
  for (auto& l : u.lines) {
    l.points = round2(l.points);
    l.count = std::round(l.count * 10000.0) / 10000.0;
  }
  return u;
}

std::string grade_of(const Scheme& s, double score) {
  for (const auto& g : s.grades)
    if (score >= g.min) return g.grade;
  return s.grades.empty() ? "" : s.grades.back().grade;
}

std::vector<UnitScore> score_all(const Scheme& s, const std::vector<UnitFacts>& facts) {
  std::vector<UnitScore> out;
  out.reserve(facts.size());
  for (const auto& f : facts) out.push_back(score_unit(s, f));
  std::stable_sort(out.begin(), out.end(), [](const UnitScore& a, const UnitScore& b) {
    if (a.ranked != b.ranked) return a.ranked;
    if (a.score != b.score) return a.score > b.score;
    return a.unit_id < b.unit_id;
  });
  for (size_t i = 0; i < out.size(); ++i) {
    if (!out[i].ranked) break;
    out[i].rank = (i > 0 && out[i - 1].ranked && out[i - 1].score == out[i].score) ? *out[i - 1].rank
                                                                                    : static_cast<int>(i + 1);
  }
  return out;
}

std::vector<UnitScore> exposure(const Scheme& s, const std::vector<UnitScore>& ranked) {
  std::vector<UnitScore> r;
  for (const auto& u : ranked)
    if (u.ranked) r.push_back(u);
  std::reverse(r.begin(), r.end());
  if (s.exposure_bottom <= 0 || r.empty()) return {};
  // Units sharing the best score are never "at the bottom" (a cohort of two, or all tied).
  const double best = r.back().score;
  std::erase_if(r, [&](const UnitScore& u) { return u.score == best; });
  if (r.size() <= static_cast<size_t>(s.exposure_bottom)) return r;
  size_t n = static_cast<size_t>(s.exposure_bottom);
  while (n < r.size() && r[n].score == r[n - 1].score) ++n;
  r.resize(n);
  return r;
}

std::vector<Award> awards(const Scheme& s, const std::vector<UnitScore>& ranked) {
  std::vector<Award> out;
  // A unit on the exposure list is not also rewarded (a small cohort could be both).
  std::vector<std::int64_t> exposed;
  for (const auto& u : exposure(s, ranked)) exposed.push_back(u.unit_id);
  size_t i = 0;
  for (const auto& t : s.awards) {
    int taken = 0;
    double last = 0;
    while (i < ranked.size() && ranked[i].ranked) {
      const auto& u = ranked[i];
      if (std::find(exposed.begin(), exposed.end(), u.unit_id) != exposed.end()) break;
      if (taken >= t.winners && !(taken > 0 && u.score == last)) break;
      if (!u.vetoed) {
        out.push_back(Award{t.name, t.amount, u.unit_id, u.unit_name, u.score});
        ++taken;
        last = u.score;
      }
      ++i;
    }
  }
  return out;
}

double weighted_score(double annual, double campaign, double w) {
  return round2((1.0 - w) * annual + w * campaign);
}

json::object score_json(const UnitScore& u) {
  json::array lines;
  for (const auto& l : u.lines)
    lines.push_back(json::object{{"key", l.key}, {"name", l.name}, {"kind", l.kind}, {"points", l.points},
                                 {"max", l.max}, {"count", l.count}, {"capped", l.capped}});
  json::object o{{"unit_id", u.unit_id}, {"unit_name", u.unit_name}, {"ranked", u.ranked}, {"vetoed", u.vetoed},
                 {"lines", lines}};
  if (u.ranked) {
    o["score"] = u.score;
    o["grade"] = u.grade;
    o["rank"] = u.rank ? json::value(*u.rank) : json::value(nullptr);
    o["status"] = u.vetoed ? "一票否决" : "已评分";
  } else {
    o["score"] = nullptr;
    o["grade"] = nullptr;
    o["rank"] = nullptr;
    o["status"] = "无案件";
  }
  return o;
}

}  // namespace envgrid::domain::assessment
