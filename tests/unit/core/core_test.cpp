#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/json.hpp"
#include "core/time.hpp"

namespace envgrid::core {

TEST(Time, ShanghaiCivilTimeRoundTrips) {
  auto t = parse_iso("2024-09-13T16:00:00+08:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_iso(*t), "2024-09-13T16:00:00+08:00");
  EXPECT_EQ(*parse_iso("2024-09-13T08:00:00Z"), *t);
  EXPECT_EQ(iso_weekday(Date{2024, 9, 13}), 5);
  EXPECT_EQ(to_local(*t).hour, 16);
}

TEST(Time, RejectsImpossibleDates) {
  EXPECT_FALSE(parse_date("2024-02-30"));
  EXPECT_FALSE(parse_date("2024-13-01"));
  EXPECT_FALSE(parse_iso("2024-09-13T25:00"));
  EXPECT_FALSE(parse_iso("yesterday"));
  EXPECT_TRUE(parse_date("2024-02-29"));
}

TEST(Config, ExampleFileIsValid) {
  std::ifstream in("data/config.example.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  ASSERT_FALSE(ss.str().empty());
  Config c;
  auto e = apply_toml(c, ss.str());
  EXPECT_FALSE(e) << e->detail;
}

TEST(Config, UnknownKeyAndWrongTypeAreNamed) {
  Config c;
  auto e = apply_toml(c, "[server]\nlisten_port = 8080\n");
  ASSERT_TRUE(e);
  EXPECT_NE(e->detail.find("server.listen_port"), std::string::npos);
  e = apply_toml(c, "[auth]\nsession_ttl_hours = \"12\"\n");
  ASSERT_TRUE(e);
  EXPECT_NE(e->detail.find("auth.session_ttl_hours"), std::string::npos);
  e = apply_toml(c, "[server\n");
  ASSERT_TRUE(e);
}

TEST(Config, ListenAddressIsChecked) {
  EXPECT_TRUE(split_listen("127.0.0.1:8080"));
  EXPECT_FALSE(split_listen("127.0.0.1"));
  EXPECT_FALSE(split_listen("127.0.0.1:99999"));
  EXPECT_EQ(split_listen("[::1]:80")->first, "::1");
}

TEST(JsonReader, CollectsEveryBadFieldAndUnknownOnes) {
  auto o = parse_object(R"({"a": "x", "b": 1.5, "c": [1, "2"], "zzz": 1})");
  JsonReader r(o);
  r.int64("a", true);
  r.int64("b", true);
  r.int_array("c", true);
  r.str("missing", true);
  try {
    r.finish();
    FAIL();
  } catch (const ApiError& e) {
    std::set<std::string> fields;
    for (const auto& f : e.error().errors) fields.insert(f.field);
    EXPECT_EQ(fields, (std::set<std::string>{"a", "b", "c[1]", "missing", "zzz"}));
  }
}

TEST(JsonReader, MalformedBodyIsA400) {
  EXPECT_THROW(parse_object("{\"a\":"), ApiError);
  EXPECT_THROW(parse_object("[1]"), ApiError);
  EXPECT_THROW(parse_object("{\"a\": NaN}"), ApiError);
}

TEST(Crypto, HmacSha256MatchesRfc4231) {
  // RFC 4231 test case 2 (webhook signatures are checked against this by gateways).
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Config, NotifyAndWebhookKeysAreRead) {
  Config c;
  EXPECT_FALSE(apply_toml(c, "[notify]\nsweep_seconds = 5\n[webhook]\nretry_base_seconds = 2\nmax_attempts = 4\n"));
  EXPECT_EQ(c.notify_sweep_seconds, 5);
  EXPECT_EQ(c.webhook_retry_base_seconds, 2);
  EXPECT_EQ(c.webhook_max_attempts, 4);
  EXPECT_TRUE(apply_toml(c, "[webhook]\nmax_attempts = 0\n"));
}

}  // namespace envgrid::core
