#pragma once
// Evidence rules (DESIGN.md "Evidence", "Duplicates and rebound"): photos are checked and
// flagged, not silently accepted; an after-photo that is a before-photo is refused; a new
// report is matched against nearby problems of the same category. Pure: the caller looks
// up the photos and candidate problems and passes them in. Coordinates are WGS-84.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/lifecycle.hpp"

namespace envgrid::domain {

struct GeoPoint {
  double lng = 0, lat = 0;
};

// Great-circle distance in metres (haversine, mean Earth radius 6 371 008.8 m).
double distance_m(GeoPoint a, GeoPoint b);
// Number of differing bits of two 64-bit dHashes.
int hamming(std::uint64_t a, std::uint64_t b);

enum class PhotoRole { before, after };

struct PhotoFacts {
  std::optional<core::Millis> taken_at;  // EXIF DateTimeOriginal
  std::optional<GeoPoint> gps;           // EXIF GPS
  std::uint64_t dhash = 0;
  std::string sha256;
  PhotoRole role = PhotoRole::after;
};

// A photo attached to another problem, found by the caller by equal sha256 or near dHash.
struct PhotoElsewhere {
  std::int64_t problem_id = 0;
  std::string sha256;
  std::uint64_t dhash = 0;
};

struct EvidenceContext {
  std::int64_t problem_id = 0;
  GeoPoint location;
  std::optional<core::Millis> dispatched_at;  // latest dispatch (rework included)
  bool on_the_spot = false;                   // 当场处置: compare with the before-photos' time
  std::vector<PhotoFacts> before;             // the problem's before-photos
  std::vector<PhotoElsewhere> elsewhere;
};

struct EvidenceConfig {
  double max_distance_m = 100;
  int near_dhash = 4;                    // Hamming distance that counts as the same picture
  core::Millis time_tolerance = 0;       // camera clocks running slow
};

enum class EvidenceFlag { no_exif_time, time_before_dispatch, too_far, no_gps, reused_elsewhere };
const char* evidence_flag_name(EvidenceFlag f);   // "no_exif_time", …
const char* evidence_flag_label(EvidenceFlag f);  // "照片无拍摄时间", …

struct EvidenceCheck {
  std::vector<EvidenceFlag> flags;
  std::optional<double> distance_m;       // photo GPS to the problem
  std::vector<std::int64_t> reused_on;    // other problems with the same picture
  bool has(EvidenceFlag f) const;
};

// Flags for one photo. time_before_dispatch applies to after-photos only: taken before
// the dispatch, or, for an on-the-spot fix, before the earliest before-photo.
// Error 422 "same-photo" ("整改后照片与整改前照片相同") when an after-photo has the same
// sha256 or dHash (distance 0) as a before-photo.
core::Result<EvidenceCheck> check_photo(const PhotoFacts& photo, const EvidenceContext& ctx,
                                        const EvidenceConfig& cfg = {});

// --- duplicates (重复上报) and rebound (反弹) at intake ---

struct DuplicateConfig {
  double duplicate_radius_m = 30;
  core::Millis duplicate_window = 72 * core::kHour;
  double rebound_radius_m = 30;
  core::Millis rebound_window = 30 * core::kDay;
};

struct Candidate {
  std::int64_t id = 0;
  std::string category_code;
  GeoPoint point;
  core::Millis reported_at = 0;
  State state = State::reported;
  std::optional<core::Millis> closed_at;
};

struct NewReport {
  std::string category_code;
  GeoPoint point;
  core::Millis reported_at = 0;
};

struct Match {
  std::int64_t id = 0;
  double distance_m = 0;
};

// Open (reported, registered, dispatched, handled) is a problem still in the ledger's work.
bool is_open(State s);
// Open problems of the same category within the radius reported within the window before
// (or after) the new one; nearest first.
std::vector<Match> find_duplicates(const NewReport& r, const std::vector<Candidate>& cands,
                                   const DuplicateConfig& cfg = {});
// Closed problems of the same category within the radius closed within the window before
// the new report; nearest first. A non-empty result flags the new problem `rebound`.
std::vector<Match> find_rebounds(const NewReport& r, const std::vector<Candidate>& cands,
                                 const DuplicateConfig& cfg = {});

}  // namespace envgrid::domain
