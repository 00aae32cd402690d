// Photo flags, the after = before refusal, duplicates and rebound.
#include "domain/evidence.hpp"
#include "test_util.hpp"

namespace envgrid::domain {
namespace {

using core::kDay;
using core::kHour;
using test::at;

// ~1 m of latitude in degrees.
constexpr double kMetre = 1.0 / 111195.0;

const GeoPoint kSpot{118.0500, 36.2000};

GeoPoint north(double metres) { return {kSpot.lng, kSpot.lat + metres * kMetre}; }

PhotoFacts after_photo(const char* taken, double metres = 10, std::uint64_t dhash = 0xF0F0F0F0F0F0F0F0ULL) {
  PhotoFacts p;
  p.role = PhotoRole::after;
  if (taken) p.taken_at = at(taken);
  p.gps = north(metres);
  p.dhash = dhash;
  p.sha256 = "after-sha";
  return p;
}

EvidenceContext context() {
  EvidenceContext c;
  c.problem_id = 7;
  c.location = kSpot;
  c.dispatched_at = at("2024-09-13T16:00");
  PhotoFacts before;
  before.role = PhotoRole::before;
  before.taken_at = at("2024-09-13T15:00");
  before.dhash = 0x0123456789ABCDEFULL;
  before.sha256 = "before-sha";
  c.before.push_back(before);
  return c;
}

TEST(Evidence, Haversine) {
  EXPECT_NEAR(distance_m({0, 0}, {0, 1}), 111195, 1);
  EXPECT_NEAR(distance_m(kSpot, north(100)), 100, 0.01);
  EXPECT_NEAR(distance_m({116.3975, 39.9087}, {121.4737, 31.2304}), 1067000, 3000);  // 北京–上海
  EXPECT_EQ(distance_m(kSpot, kSpot), 0);
  EXPECT_EQ(hamming(0, 0), 0);
  EXPECT_EQ(hamming(0, 0xFF), 8);
  EXPECT_EQ(hamming(~0ULL, 0), 64);
}

TEST(Evidence, GoodAfterPhotoHasNoFlags) {
  auto r = check_photo(after_photo("2024-09-13T17:00"), context());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->flags.empty());
  EXPECT_NEAR(*r->distance_m, 10, 0.01);
}

TEST(Evidence, NoExifTime) {
  auto r = check_photo(after_photo(nullptr), context());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->flags, std::vector<EvidenceFlag>{EvidenceFlag::no_exif_time});
  EXPECT_STREQ(evidence_flag_name(EvidenceFlag::no_exif_time), "no_exif_time");
  EXPECT_STREQ(evidence_flag_label(EvidenceFlag::no_exif_time), "照片无拍摄时间");
}

TEST(Evidence, TakenBeforeDispatch) {
  EXPECT_TRUE(check_photo(after_photo("2024-09-13T15:59"), context())->has(EvidenceFlag::time_before_dispatch));
  EXPECT_FALSE(check_photo(after_photo("2024-09-13T16:00"), context())->has(EvidenceFlag::time_before_dispatch));
  EvidenceConfig lenient;
  lenient.time_tolerance = 5 * core::kMinute;
  EXPECT_FALSE(check_photo(after_photo("2024-09-13T15:56"), context(), lenient)->has(EvidenceFlag::time_before_dispatch));
  // A before-photo is not judged against the dispatch.
  auto before = after_photo("2024-09-13T09:00");
  before.role = PhotoRole::before;
  EXPECT_FALSE(check_photo(before, context())->has(EvidenceFlag::time_before_dispatch));
}

TEST(Evidence, OnTheSpotComparesWithTheBeforePhoto) {
  auto ctx = context();
  ctx.on_the_spot = true;
  ctx.dispatched_at.reset();
  EXPECT_TRUE(check_photo(after_photo("2024-09-13T14:59"), ctx)->has(EvidenceFlag::time_before_dispatch));
  EXPECT_FALSE(check_photo(after_photo("2024-09-13T15:10"), ctx)->has(EvidenceFlag::time_before_dispatch));
}

TEST(Evidence, TooFarIsConfigurable) {
  EXPECT_TRUE(check_photo(after_photo("2024-09-13T17:00", 150), context())->has(EvidenceFlag::too_far));
  EXPECT_FALSE(check_photo(after_photo("2024-09-13T17:00", 99), context())->has(EvidenceFlag::too_far));
  EvidenceConfig wide;
  wide.max_distance_m = 200;
  EXPECT_FALSE(check_photo(after_photo("2024-09-13T17:00", 150), context(), wide)->has(EvidenceFlag::too_far));
  auto no_gps = after_photo("2024-09-13T17:00");
  no_gps.gps.reset();
  auto r = check_photo(no_gps, context());
  EXPECT_TRUE(r->has(EvidenceFlag::no_gps));
  EXPECT_FALSE(r->has(EvidenceFlag::too_far));
  EXPECT_FALSE(r->distance_m.has_value());
}

TEST(Evidence, ReusedOnAnotherProblem) {
  const std::uint64_t h = 0xF0F0F0F0F0F0F0F0ULL;
  auto ctx = context();
  ctx.elsewhere = {{8, "other", h ^ 0xF},      // Hamming 4: the same picture
                   {9, "other", h ^ 0x1F},     // Hamming 5: different
                   {7, "after-sha", h},        // this problem itself
                   {10, "after-sha", ~h},      // the same file
                   {8, "again", h}};           // listed once
  auto r = check_photo(after_photo("2024-09-13T17:00"), ctx);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->has(EvidenceFlag::reused_elsewhere));
  EXPECT_EQ(r->reused_on, (std::vector<std::int64_t>{8, 10}));
  EvidenceConfig strict;
  strict.near_dhash = 3;
  ctx.elsewhere = {{8, "other", h ^ 0xF}};
  EXPECT_FALSE(check_photo(after_photo("2024-09-13T17:00"), ctx, strict)->has(EvidenceFlag::reused_elsewhere));
}

TEST(Evidence, AfterPhotoEqualToBeforePhotoIsRefused) {
  auto ctx = context();
  auto same = after_photo("2024-09-13T17:00", 10, ctx.before[0].dhash);  // re-encoded: other sha, same dHash
  auto r = check_photo(same, ctx);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 422);
  EXPECT_EQ(r.error().title, "整改后照片与整改前照片相同");
  auto copy = after_photo("2024-09-13T17:00");
  copy.sha256 = "before-sha";  // the very file
  EXPECT_EQ(check_photo(copy, ctx).error().status, 422);
  // One bit apart is a different picture: flagged elsewhere at most, never refused here.
  EXPECT_TRUE(check_photo(after_photo("2024-09-13T17:00", 10, ctx.before[0].dhash ^ 1), ctx).ok());
  // A second before-photo like the first is fine.
  same.role = PhotoRole::before;
  EXPECT_TRUE(check_photo(same, ctx).ok());
}

// --- duplicates and rebound ---

Candidate cand(std::int64_t id, const char* cat, double metres, const char* reported, State s,
               const char* closed = nullptr) {
  Candidate c{id, cat, north(metres), at(reported), s, std::nullopt};
  if (closed) c.closed_at = at(closed);
  return c;
}

TEST(Duplicates, SameCategoryOpenNearAndRecent) {
  const NewReport r{"06010", kSpot, at("2024-09-13T16:00")};
  const std::vector<Candidate> cs = {
      cand(1, "06010", 20, "2024-09-12T10:00", State::dispatched),
      cand(2, "06010", 5, "2024-09-13T15:00", State::reported),
      cand(3, "07001", 5, "2024-09-13T15:00", State::reported),   // other category
      cand(4, "06010", 31, "2024-09-13T15:00", State::reported),  // too far
      cand(5, "06010", 5, "2024-09-10T15:59", State::registered), // > 72 h
      cand(6, "06010", 5, "2024-09-13T15:00", State::closed, "2024-09-13T15:30"),
      cand(7, "06010", 5, "2024-09-13T15:00", State::voided),
      cand(8, "06010", 29, "2024-09-10T16:00", State::handled),   // exactly 72 h
  };
  auto m = find_duplicates(r, cs);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].id, 2);  // nearest first
  EXPECT_EQ(m[1].id, 1);
  EXPECT_EQ(m[2].id, 8);
  DuplicateConfig tight;
  tight.duplicate_radius_m = 10;
  EXPECT_EQ(find_duplicates(r, cs, tight).size(), 1u);
}

TEST(Duplicates, ReboundAfterCloseWithin30Days) {
  const NewReport r{"06010", kSpot, at("2024-09-13T16:00")};
  const std::vector<Candidate> cs = {
      cand(1, "06010", 20, "2024-08-01T10:00", State::closed, "2024-09-03T10:00"),
      cand(2, "06010", 20, "2024-07-01T10:00", State::closed, "2024-08-13T15:00"),  // 31 days
      cand(3, "06010", 40, "2024-09-01T10:00", State::closed, "2024-09-05T10:00"),  // too far
      cand(4, "06011", 5, "2024-09-01T10:00", State::closed, "2024-09-05T10:00"),   // other category
      cand(5, "06010", 5, "2024-09-01T10:00", State::dispatched),                   // not closed
  };
  auto m = find_rebounds(r, cs);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].id, 1);
  DuplicateConfig longer;
  longer.rebound_window = 40 * kDay;
  EXPECT_EQ(find_rebounds(r, cs, longer).size(), 2u);
  EXPECT_TRUE(is_open(State::handled));
  EXPECT_FALSE(is_open(State::rejected));
  (void)kHour;
}

}  // namespace
}  // namespace envgrid::domain
