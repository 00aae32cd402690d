// Photo evidence on handling, by domain/evidence.
#include "domain/evidence.hpp"
#include "http/ledger_domain.hpp"

namespace envgrid::http {

static domain::PhotoFacts to_domain(const PhotoFacts& p, domain::PhotoRole role) {
  domain::PhotoFacts f;
  f.taken_at = p.taken_at;
  if (p.lng && p.lat) f.gps = domain::GeoPoint{*p.lng, *p.lat};
  f.dhash = p.dhash;
  f.sha256 = p.sha256;
  f.role = role;
  return f;
}

std::vector<EvidenceFlag> check_after_photos(App& app, const store::ProblemRow& p, const std::vector<PhotoFacts>& after,
                                             const std::vector<PhotoFacts>& before,
                                             const std::vector<PhotoFacts>& used_elsewhere, core::Millis clock_start) {
  domain::EvidenceContext ctx;
  ctx.problem_id = p.id;
  ctx.location = {p.lng, p.lat};
  ctx.on_the_spot = p.fixed_on_spot;
  ctx.dispatched_at = clock_start;
  for (const auto& b : before) ctx.before.push_back(to_domain(b, domain::PhotoRole::before));
  domain::EvidenceConfig cfg;
  cfg.max_distance_m = app.cfg.evidence_max_distance_m;
  std::vector<EvidenceFlag> out;
  for (const auto& ph : after) {
    ctx.elsewhere.clear();
    for (const auto& e : used_elsewhere)
      if (e.problem_id != p.id && (e.sha256 == ph.sha256 || domain::hamming(e.dhash, ph.dhash) <= cfg.near_dhash))
        ctx.elsewhere.push_back({e.problem_id, e.sha256, e.dhash});
    auto check = domain::check_photo(to_domain(ph, domain::PhotoRole::after), ctx, cfg).take();
    for (auto f : check.flags) out.push_back({ph.attachment_id, domain::evidence_flag_name(f), domain::evidence_flag_label(f)});
  }
  return out;
}

}  // namespace envgrid::http
