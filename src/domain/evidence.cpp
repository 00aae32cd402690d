// Photo flags, the after=before refusal, and duplicate/rebound matching.
#include "domain/evidence.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace envgrid::domain {

namespace {

constexpr double kEarthRadiusM = 6371008.8;
constexpr double kPi = 3.14159265358979323846;

double rad(double deg) { return deg * kPi / 180.0; }

void sort_nearest(std::vector<Match>& v) {
  std::stable_sort(v.begin(), v.end(), [](const Match& a, const Match& b) { return a.distance_m < b.distance_m; });
}

}  // namespace

double distance_m(GeoPoint a, GeoPoint b) {
  const double dlat = rad(b.lat - a.lat), dlng = rad(b.lng - a.lng);
  const double s = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(rad(a.lat)) * std::cos(rad(b.lat)) * std::sin(dlng / 2) * std::sin(dlng / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(s)));
}

int hamming(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

const char* evidence_flag_name(EvidenceFlag f) {
  switch (f) {
    case EvidenceFlag::no_exif_time: return "no_exif_time";
    case EvidenceFlag::time_before_dispatch: return "time_before_dispatch";
    case EvidenceFlag::too_far: return "too_far";
    case EvidenceFlag::no_gps: return "no_gps";
    case EvidenceFlag::reused_elsewhere: return "reused_elsewhere";
  }
  return "";
}

const char* evidence_flag_label(EvidenceFlag f) {
  switch (f) {
    case EvidenceFlag::no_exif_time: return "照片无拍摄时间";
    case EvidenceFlag::time_before_dispatch: return "拍摄时间早于派遣时间";
    case EvidenceFlag::too_far: return "拍摄地点距问题位置过远";
    case EvidenceFlag::no_gps: return "照片无定位信息";
    case EvidenceFlag::reused_elsewhere: return "照片已在其他问题中使用";
  }
  return "";
}

bool EvidenceCheck::has(EvidenceFlag f) const { return std::find(flags.begin(), flags.end(), f) != flags.end(); }

core::Result<EvidenceCheck> check_photo(const PhotoFacts& photo, const EvidenceContext& ctx, const EvidenceConfig& cfg) {
  EvidenceCheck out;
  if (photo.role == PhotoRole::after) {
    for (const auto& b : ctx.before)
      if (b.dhash == photo.dhash || (!b.sha256.empty() && b.sha256 == photo.sha256))
        return core::Error{422, "same-photo", "整改后照片与整改前照片相同",
                           "请上传整改完成后在现场重新拍摄的照片", {}, {}};
  }

  if (!photo.taken_at) {
    out.flags.push_back(EvidenceFlag::no_exif_time);
  } else if (photo.role == PhotoRole::after) {
    std::optional<core::Millis> not_before = ctx.dispatched_at;
    if (ctx.on_the_spot) {
      not_before.reset();
      for (const auto& b : ctx.before)
        if (b.taken_at && (!not_before || *b.taken_at < *not_before)) not_before = b.taken_at;
    }
    if (not_before && *photo.taken_at + cfg.time_tolerance < *not_before)
      out.flags.push_back(EvidenceFlag::time_before_dispatch);
  }

  if (!photo.gps) {
    out.flags.push_back(EvidenceFlag::no_gps);
  } else {
    out.distance_m = distance_m(*photo.gps, ctx.location);
    if (*out.distance_m > cfg.max_distance_m) out.flags.push_back(EvidenceFlag::too_far);
  }

  for (const auto& e : ctx.elsewhere) {
    if (e.problem_id == ctx.problem_id) continue;
    const bool same = (!e.sha256.empty() && e.sha256 == photo.sha256) || hamming(e.dhash, photo.dhash) <= cfg.near_dhash;
    if (same && std::find(out.reused_on.begin(), out.reused_on.end(), e.problem_id) == out.reused_on.end())
      out.reused_on.push_back(e.problem_id);
  }
  if (!out.reused_on.empty()) out.flags.push_back(EvidenceFlag::reused_elsewhere);
  return out;
}

bool is_open(State s) {
  return s == State::reported || s == State::registered || s == State::dispatched || s == State::handled;
}

std::vector<Match> find_duplicates(const NewReport& r, const std::vector<Candidate>& cands, const DuplicateConfig& cfg) {
  std::vector<Match> out;
  for (const auto& c : cands) {
    if (c.category_code != r.category_code || !is_open(c.state)) continue;
    if (std::llabs(r.reported_at - c.reported_at) > cfg.duplicate_window) continue;
    const double d = distance_m(r.point, c.point);
    if (d <= cfg.duplicate_radius_m) out.push_back({c.id, d});
  }
  sort_nearest(out);
  return out;
}

std::vector<Match> find_rebounds(const NewReport& r, const std::vector<Candidate>& cands, const DuplicateConfig& cfg) {
  std::vector<Match> out;
  for (const auto& c : cands) {
    if (c.category_code != r.category_code || c.state != State::closed || !c.closed_at) continue;
    const core::Millis since = r.reported_at - *c.closed_at;
    if (since < 0 || since > cfg.rebound_window) continue;
    const double d = distance_m(r.point, c.point);
    if (d <= cfg.rebound_radius_m) out.push_back({c.id, d});
  }
  sort_nearest(out);
  return out;
}

}  // namespace envgrid::domain
