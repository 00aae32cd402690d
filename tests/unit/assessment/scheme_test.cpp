// Schemes are data: the defaults load, bad ones are refused naming the item.
#include <gtest/gtest.h>

#include "core/embedded.hpp"
#include "domain/assessment.hpp"
#include "domain/assessment_period.hpp"

using namespace envgrid::domain::assessment;
namespace json = boost::json;

static bool names_field(const envgrid::core::Error& e, const std::string& field) {
  for (const auto& f : e.errors)
    if (f.field == field) return true;
  return false;
}

TEST(Scheme, DefaultsLoadAndRoundTrip) {
  for (const char* p : {"data/assessment/handling.json", "data/assessment/territorial.json"}) {
    auto s = parse_scheme(json::parse(*envgrid::embedded::find(p)));
    ASSERT_TRUE(s.ok()) << p;
    auto again = parse_scheme(scheme_json(*s));
    ASSERT_TRUE(again.ok()) << p;
    EXPECT_EQ(json::serialize(scheme_json(*again)), json::serialize(scheme_json(*s)));
  }
}

TEST(Scheme, BadItemIsNamed) {
  auto v = json::parse(*envgrid::embedded::find("data/assessment/territorial.json"));
  v.as_object()["items"].as_array()[2].as_object()["max"] = "十五";
  auto s = parse_scheme(v);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(names_field(s.error(), "items[2].max"));
}

TEST(Scheme, UnknownFactMetricAndFieldAreRefused) {
  auto v = json::parse(*envgrid::embedded::find("data/assessment/handling.json"));
  auto& o = v.as_object();
  o["deductions"].as_array()[0].as_object()["fact"] = "weather";
  o["items"].as_array()[0].as_object()["metric"] = "speed";
  o["colour"] = "red";
  auto s = parse_scheme(v);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(names_field(s.error(), "deductions[0].fact"));
  EXPECT_TRUE(names_field(s.error(), "items[0].metric"));
  EXPECT_TRUE(names_field(s.error(), "colour"));
}

TEST(Scheme, ItemsAboveTheMaximumScoreAreRefused) {
  auto v = json::parse(*envgrid::embedded::find("data/assessment/handling.json"));
  v.as_object()["items"].as_array()[0].as_object()["max"] = 50;
  auto s = parse_scheme(v);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(names_field(s.error(), "items"));
}

TEST(Scheme, DuplicateKeysAreRefused) {
  auto v = json::parse(*envgrid::embedded::find("data/assessment/handling.json"));
  v.as_object()["items"].as_array()[1].as_object()["key"] = "on_time";
  auto s = parse_scheme(v);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(names_field(s.error(), "items[1].key"));
}

TEST(Period, MonthQuarterYear) {
  auto m = parse_period("2024-09");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->label, "2024年9月");
  EXPECT_EQ(m->to - m->from, 30 * envgrid::core::kDay);
  EXPECT_EQ(m->from, envgrid::core::local_midnight({2024, 9, 1}));
  auto q = parse_period("2024-Q4");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->label, "2024年第四季度");
  EXPECT_EQ(q->to, envgrid::core::local_midnight({2025, 1, 1}));
  EXPECT_EQ(parse_period("2024")->label, "2024年度");
  for (const char* bad : {"2024-13", "2024-00", "2024-Q5", "24-01", "2024-9", "abcd", ""})
    EXPECT_FALSE(parse_period(bad)) << bad;
}
