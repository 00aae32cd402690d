// Scores for small ledgers computed by hand.
#include <gtest/gtest.h>

#include "core/embedded.hpp"
#include "domain/assessment.hpp"

using namespace envgrid::domain::assessment;

namespace {

Scheme load(const char* path) {
  auto text = envgrid::embedded::find(path);
  EXPECT_TRUE(text.has_value()) << path;
  auto s = parse_scheme(boost::json::parse(*text));
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().title);
  return s.value();
}

UnitFacts unit(std::int64_t id, std::map<std::string, double> f) { return UnitFacts{id, "单位" + std::to_string(id), f}; }

const Line* line(const UnitScore& u, const std::string& key) {
  for (const auto& l : u.lines)
    if (l.key == key) return &l;
  return nullptr;
}

}  // namespace

TEST(HandlingScore, FormulaOnASmallCohort) {
  // 4 problems dispatched in the month: 3 handled (2 on time), 2 closed, 1 reworked,
  // 1 still open past its deadline; 1 wrongful return.
  // 30·2/4 + 30·2/4 + 20·(1 − 1/3) + 20·(1 − 1/4) − 1 = 15 + 15 + 13.33 + 15 − 1 = 57.33
  auto s = load("data/assessment/handling.json");
  auto u = score_unit(s, unit(1, {{"cohort", 4}, {"handled", 3}, {"on_time", 2}, {"closed", 2}, {"reworked", 1},
                                  {"overdue", 1}, {"returns", 1}}));
  EXPECT_TRUE(u.ranked);
  EXPECT_DOUBLE_EQ(u.score, 57.33);
  EXPECT_EQ(u.grade, "D");
  EXPECT_DOUBLE_EQ(line(u, "on_time")->points, 15);
  EXPECT_DOUBLE_EQ(line(u, "no_rework")->points, 13.33);
  EXPECT_DOUBLE_EQ(line(u, "returns")->points, 1);
}

TEST(HandlingScore, PerfectCohortIsHundredAndGradeA) {
  auto s = load("data/assessment/handling.json");
  auto u = score_unit(s, unit(1, {{"cohort", 2}, {"handled", 2}, {"on_time", 2}, {"closed", 2}}));
  EXPECT_DOUBLE_EQ(u.score, 100);
  EXPECT_EQ(u.grade, "A");
}

TEST(HandlingScore, EmptyCohortIsNoCasesAndNotRanked) {
  auto s = load("data/assessment/handling.json");
  auto all = score_all(s, {unit(1, {}), unit(2, {{"cohort", 1}, {"handled", 1}, {"on_time", 1}})});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].unit_id, 2);
  EXPECT_EQ(all[0].rank, 1);
  // 30 + 0 + 20 + 20 = 70
  EXPECT_DOUBLE_EQ(all[0].score, 70);
  EXPECT_FALSE(all[1].ranked);
  EXPECT_FALSE(all[1].rank.has_value());
  EXPECT_EQ(score_json(all[1]).at("status").as_string(), "无案件");
}

TEST(TerritorialScore, CleanestUnitIsRankedWithFullMarks) {
  auto s = load("data/assessment/territorial.json");
  auto all = score_all(s, {unit(7, {})});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].ranked);
  EXPECT_DOUBLE_EQ(all[0].score, 100);
  EXPECT_EQ(all[0].rank, 1);
}

TEST(TerritorialScore, DeductionsBySourceAndManualEntries) {
  // 材料审核提报 entered as 6 of 10; 2 上级督查 (−4), 1 媒体曝光 (−5), 3 暗访 (−3), 1 反弹 (−1):
  // 100 − 4 − 4 − 5 − 3 − 1 = 83 → B
  auto s = load("data/assessment/territorial.json");
  auto u = score_unit(s, unit(1, {{"entry:materials", 6}, {"src_higher_level", 2}, {"src_media", 1},
                                  {"src_covert", 3}, {"rebound", 1}}));
  EXPECT_DOUBLE_EQ(u.score, 83);
  EXPECT_EQ(u.grade, "B");
  EXPECT_DOUBLE_EQ(line(u, "materials")->points, 6);
  EXPECT_DOUBLE_EQ(line(u, "media")->points, 5);
}

TEST(TerritorialScore, PerSourceAndTotalCapsHold) {
  // 媒体曝光 6 × 5 = 30 capped at 20; 上级督查 15 × 2 = 30 capped at 20; 暗访 12 capped at 10:
  // 50 in all, capped at 40 → 60 → C. An entry above the item's maximum is clamped.
  auto s = load("data/assessment/territorial.json");
  auto u = score_unit(s, unit(1, {{"src_media", 6}, {"src_higher_level", 15}, {"src_covert", 12}, {"entry:volunteer", 9}}));
  EXPECT_TRUE(line(u, "media")->capped);
  EXPECT_DOUBLE_EQ(line(u, "media")->points, 20);
  EXPECT_DOUBLE_EQ(line(u, "volunteer")->points, 5);
  EXPECT_DOUBLE_EQ(u.score, 60);
  EXPECT_EQ(u.grade, "C");
}

TEST(TerritorialScore, BonusIsCappedAndScoreNeverExceedsMaximum) {
  auto s = load("data/assessment/territorial.json");
  auto u = score_unit(s, unit(1, {{"entry:frontage", 10}, {"entry:bonus", 8}}));
  // 95 + min(8, 5) = 100
  EXPECT_DOUBLE_EQ(u.score, 100);
  EXPECT_DOUBLE_EQ(line(u, "bonus")->points, 5);
  auto v = score_unit(s, unit(2, {{"entry:bonus", 3}}));
  EXPECT_DOUBLE_EQ(v.score, 100);
}

TEST(TerritorialScore, VetoZeroesTheScoreAndWinsNoAward) {
  auto s = load("data/assessment/territorial.json");
  auto all = score_all(s, {unit(1, {{"entry:veto", 1}}), unit(2, {{"src_covert", 1}})});
  const auto& vetoed = all[1].unit_id == 1 ? all[1] : all[0];
  EXPECT_TRUE(vetoed.vetoed);
  EXPECT_DOUBLE_EQ(vetoed.score, 0);
  EXPECT_EQ(vetoed.grade, "D");
  auto aw = awards(s, all);
  ASSERT_EQ(aw.size(), 1u);
  EXPECT_EQ(aw[0].unit_id, 2);
  EXPECT_EQ(aw[0].tier, "一等奖");
  EXPECT_DOUBLE_EQ(aw[0].amount, 3000);
}

TEST(Ranking, TiesShareARankAndTheNextRankSkips) {
  auto s = load("data/assessment/territorial.json");
  s.exposure_bottom = 0;  // tiers only here: exposed units win nothing (see below)
  // 99, 99, 98, 97
  auto all = score_all(s, {unit(4, {{"src_covert", 3}}), unit(3, {{"src_covert", 1}}), unit(1, {{"src_covert", 1}}),
                           unit(2, {{"src_covert", 2}})});
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].unit_id, 1);
  EXPECT_EQ(all[1].unit_id, 3);
  EXPECT_EQ(all[0].rank, 1);
  EXPECT_EQ(all[1].rank, 1);
  EXPECT_EQ(all[2].rank, 3);
  EXPECT_EQ(all[3].rank, 4);
  // One 一等奖 winner, but the tie at the boundary takes both into the higher tier.
  auto aw = awards(s, all);
  ASSERT_GE(aw.size(), 4u);
  EXPECT_EQ(aw[0].tier, "一等奖");
  EXPECT_EQ(aw[1].tier, "一等奖");
  EXPECT_EQ(aw[2].tier, "二等奖");
  EXPECT_EQ(aw[3].tier, "二等奖");
}

TEST(Ranking, ExposureListsTheBottomWorstFirstWithBoundaryTies) {
  auto s = load("data/assessment/territorial.json");
  s.exposure_bottom = 2;
  // scores: 1→100, 2→99, 3→98, 4→98
  auto all = score_all(s, {unit(1, {}), unit(2, {{"src_covert", 1}}), unit(3, {{"src_covert", 2}}),
                           unit(4, {{"src_covert", 2}})});
  auto ex = exposure(s, all);
  ASSERT_EQ(ex.size(), 2u);
  EXPECT_DOUBLE_EQ(ex[0].score, 98);
  EXPECT_DOUBLE_EQ(ex[1].score, 98);
  s.exposure_bottom = 3;
  EXPECT_EQ(exposure(s, all).size(), 3u);
}

TEST(Ranking, ASmallCohortIsNotBothExposedAndRewarded) {
  auto s = load("data/assessment/territorial.json");  // bottom 3 exposed; 1 + 2 + 3 winners
  // Two units, 100 and 98: the better one is not "at the bottom"; the exposed one wins nothing.
  auto two = score_all(s, {unit(1, {}), unit(2, {{"src_covert", 2}})});
  auto ex = exposure(s, two);
  ASSERT_EQ(ex.size(), 1u);
  EXPECT_EQ(ex[0].unit_id, 2);
  auto aw = awards(s, two);
  ASSERT_EQ(aw.size(), 1u);
  EXPECT_EQ(aw[0].unit_id, 1);
  EXPECT_EQ(aw[0].tier, "一等奖");
  // Four units: the bottom three are exposed, only the best is rewarded.
  auto four = score_all(s, {unit(1, {}), unit(2, {{"src_covert", 1}}), unit(3, {{"src_covert", 2}}),
                            unit(4, {{"src_covert", 3}})});
  EXPECT_EQ(exposure(s, four).size(), 3u);
  aw = awards(s, four);
  ASSERT_EQ(aw.size(), 1u);
  EXPECT_EQ(aw[0].unit_id, 1);
  // Everyone tied: nobody is at the bottom, and the tie at the first tier takes them all.
  auto tied = score_all(s, {unit(1, {}), unit(2, {}), unit(3, {})});
  EXPECT_TRUE(exposure(s, tied).empty());
  EXPECT_EQ(awards(s, tied).size(), 3u);
}

TEST(Ranking, CampaignWeightsHalfOfTheAnnualScore) {
  EXPECT_DOUBLE_EQ(weighted_score(80, 90, 0.5), 85);
  EXPECT_DOUBLE_EQ(weighted_score(80, 90, 0), 80);
}

TEST(TerritorialScore, InspectionChecklistScoreScalesItsItem) {
  // 人居环境提升 (25) from a mean checklist score of 80 → 20; 100 − 5 = 95 → A.
  auto s = load("data/assessment/territorial.json");
  auto u = score_unit(s, unit(1, {{"inspection_avg", 80}}));
  EXPECT_DOUBLE_EQ(line(u, "living_env")->points, 20);
  EXPECT_DOUBLE_EQ(u.score, 95);
  EXPECT_EQ(u.grade, "A");
}
