// Problem numbers: Shanghai date + daily sequence.
#include "domain/numbering.hpp"
#include "test_util.hpp"

namespace envgrid::domain {
namespace {

using test::at;

TEST(Numbering, DatePlusFourDigitSequence) {
  EXPECT_EQ(problem_number(at("2024-09-13T16:00"), 1), "202409130001");
  EXPECT_EQ(problem_number(at("2024-09-13T16:00"), 42), "202409130042");
  EXPECT_EQ(problem_number(at("2024-09-13T16:00"), 10000), "2024091310000");
}

TEST(Numbering, TheDayIsTheShanghaiDay) {
  // 2024-09-13T16:30Z is 00:30 on the 14th in Shanghai.
  EXPECT_EQ(number_day(at("2024-09-13T16:30:00Z")), "20240914");
  EXPECT_EQ(number_day(at("2024-09-13T15:59:59Z")), "20240913");
}

TEST(Numbering, SequenceRollsPerDay) {
  EXPECT_EQ(next_sequence(std::nullopt, at("2024-09-13T08:00")), 1);
  EXPECT_EQ(next_sequence("202409130007", at("2024-09-13T23:59")), 8);
  EXPECT_EQ(next_sequence("202409130007", at("2024-09-14T00:00")), 1);
  EXPECT_EQ(next_sequence("2024091309999", at("2024-09-13T12:00")), 10000);
  EXPECT_EQ(next_sequence("garbage", at("2024-09-13T12:00")), 1);
}

TEST(Numbering, Parse) {
  auto n = parse_problem_number("202409130042");
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->date, (core::Date{2024, 9, 13}));
  EXPECT_EQ(n->sequence, 42);
  EXPECT_FALSE(parse_problem_number("20240913004"));   // short sequence
  EXPECT_FALSE(parse_problem_number("202402300001"));  // no such date
  EXPECT_FALSE(parse_problem_number("202409130000"));  // sequence starts at 1
  EXPECT_FALSE(parse_problem_number("2024-09-13-01"));
}

}  // namespace
}  // namespace envgrid::domain
