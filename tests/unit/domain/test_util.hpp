#pragma once
// Shared helpers for the domain tests: Shanghai instants from ISO text, data files.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "core/time.hpp"
#include "domain/calendar.hpp"

namespace envgrid::domain::test {

// "2024-09-13T16:00" (Shanghai) → epoch ms; fails the test on bad input.
inline core::Millis at(const char* iso) {
  auto t = core::parse_iso(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(0);
}

inline std::string iso(core::Millis t) { return core::format_iso(t); }

// A file under the source tree's data/ parsed as JSON.
inline boost::json::value data_json(const std::string& rel) {
  std::ifstream in(std::string(ENVGRID_SOURCE_DIR) + "/data/" + rel);
  EXPECT_TRUE(in.good()) << rel;
  std::stringstream ss;
  ss << in.rdbuf();
  return boost::json::parse(ss.str());
}

// The calendar with data/holidays/2023–2026.json loaded and the default periods.
inline WorkCalendar repo_calendar() {
  WorkCalendar cal;
  for (int y = 2023; y <= 2026; ++y) {
    auto r = parse_holiday_year(data_json("holidays/" + std::to_string(y) + ".json"), y);
    EXPECT_TRUE(r.ok()) << y << ": " << (r.ok() ? "" : r.error().title);
    if (r.ok()) cal.set_year(*r);
  }
  return cal;
}

}  // namespace envgrid::domain::test
