#include "runtime/semantics/timestamp.h"

#include <gtest/gtest.h>

#include <ctime>
#include <limits>
#include <string>

#include "tests/unit/compiler/test_rng.h"

namespace tb::semantics {
namespace {

Instant at(std::string_view text) {
  const auto instant = parse_instant(text);
  EXPECT_TRUE(instant) << text;
  return instant ? *instant : Instant{};
}

int order(std::string_view a, std::string_view b) {
  const auto va = parse_rfc3339(a);
  EXPECT_TRUE(va) << a;
  return va ? compare(*va, at(b)) : 2;
}

TEST(Timestamp, ParsesToEpochSeconds) {
  EXPECT_EQ(at("1970-01-01T00:00:00Z").seconds, 0);
  EXPECT_EQ(at("2026-11-25T10:00:00Z").seconds, 1795600800);
  EXPECT_EQ(at("1969-12-31T23:59:59Z").seconds, -1);
  EXPECT_EQ(at("0000-01-01T00:00:00Z").seconds, -62167219200);
  EXPECT_EQ(at("9999-12-31T23:59:59Z").seconds, 253402300799);
}

TEST(Timestamp, OffsetsAreApplied) {
  // Text comparison would put this before a window it falls inside (semantics R9).
  const Instant from = at("2026-03-01T00:00:00Z"), to = at("2026-03-02T00:00:00Z");
  const auto late = parse_rfc3339("2026-02-28T23:30:00-01:00");
  ASSERT_TRUE(late);
  EXPECT_EQ(compare(*late, from), 1);
  EXPECT_EQ(compare(*late, to), -1);
  EXPECT_LT(std::string("2026-02-28T23:30:00-01:00"), std::string("2026-03-01T00:00:00Z"));
  EXPECT_EQ(order("2026-03-01T05:30:00+05:30", "2026-03-01T00:00:00Z"), 0);
  EXPECT_EQ(order("2026-03-01T00:00:00-00:00", "2026-03-01T00:00:00Z"), 0);
  EXPECT_EQ(order("2026-03-01T00:00:00+23:59", "2026-02-28T00:01:00Z"), 0);
}

TEST(Timestamp, EitherCaseForTAndZ) {
  EXPECT_EQ(order("2026-03-01t10:00:00z", "2026-03-01T10:00:00Z"), 0);
}

TEST(Timestamp, FractionIsExactAtAnyPrecision) {
  const auto v = parse_rfc3339("2026-03-01T23:59:59.9999999999Z");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->fraction, "9999999999");
  EXPECT_EQ(compare(*v, at("2026-03-02T00:00:00Z")), -1);  // not rounded onto the boundary
  EXPECT_EQ(order("2026-03-01T10:00:00.5Z", "2026-03-01T10:00:00.500000000000Z"), 0);
  EXPECT_EQ(order("2026-03-01T10:00:00.000Z", "2026-03-01T10:00:00Z"), 0);
  EXPECT_EQ(order("2026-03-01T10:00:00.5Z", "2026-03-01T10:00:00.51Z"), -1);
  EXPECT_EQ(order("2026-03-01T10:00:00.6Z", "2026-03-01T10:00:00.51Z"), 1);
  EXPECT_EQ(order("2026-03-01T10:00:00.00000000000000000000001Z", "2026-03-01T10:00:00Z"), 1);
  EXPECT_EQ(at("2026-03-01T10:00:00.1200Z").fraction, "12");
}

TEST(Timestamp, CalendarAndClockAreReal) {
  EXPECT_TRUE(parse_rfc3339("2024-02-29T00:00:00Z"));   // leap year
  EXPECT_TRUE(parse_rfc3339("2000-02-29T00:00:00Z"));   // divisible by 400
  EXPECT_FALSE(parse_rfc3339("1900-02-29T00:00:00Z"));  // divisible by 100 only
  EXPECT_FALSE(parse_rfc3339("2026-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-04-31T00:00:00Z"));
  EXPECT_TRUE(parse_rfc3339("2026-12-31T23:59:59Z"));
  EXPECT_FALSE(parse_rfc3339("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-00-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-01-00T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T24:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T23:60:00Z"));
  EXPECT_FALSE(parse_rfc3339("2016-12-31T23:59:60Z"));  // no leap second
}

TEST(Timestamp, AnythingElseIsNotATimestamp) {
  for (const char* bad : {
           "2026-03-01T10:00:00",         // no offset
           "2026-03-01 10:00:00Z",        // space for T
           "2026-03-01T10:00:00+0000",    // offset without colon
           "2026-03-01T10:00:00+00",      // offset hours only
           "2026-03-01T10:00:00+24:00",   // offset hour out of range
           "2026-03-01T10:00:00+01:60",   // offset minute out of range
           "2026-03-01T10:00:00Z ",       // trailing space
           " 2026-03-01T10:00:00Z",       // leading space
           "2026-03-01",                  // date only
           "2026-03-01T10:00Z",           // no seconds
           "2026-03-01T10:00:00.Z",       // empty fraction
           "2026-03-01T10:00:00,5Z",      // comma fraction
           "26-03-01T10:00:00Z",          // two-digit year
           "+2026-03-01T10:00:00Z",       // expanded year
           "2026-3-01T10:00:00Z",         // one-digit month
           "2026/03/01T10:00:00Z",        // other separators
           "2026-03-01T10:00:00ZZ",       // doubled zone
           "2026-03-01T10:00:00+01:00Z",  // offset and zone
           "1772359200",                  // epoch seconds
           "",
       }) {
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  }
  EXPECT_FALSE(parse_rfc3339(std::string("2026-03-01T10:00:00Z\0", 21)));
}

TEST(Timestamp, AgreesWithTimegmOnRandomDates) {
  tb::testing::Rng rng(3339);
  for (int i = 0; i < 20000; ++i) {
    std::tm tm{};
    tm.tm_year = static_cast<int>(rng.below(10000)) - 1900;
    tm.tm_mon = static_cast<int>(rng.below(12));
    tm.tm_mday = 1 + static_cast<int>(rng.below(28));
    tm.tm_hour = static_cast<int>(rng.below(24));
    tm.tm_min = static_cast<int>(rng.below(60));
    tm.tm_sec = static_cast<int>(rng.below(60));
    char text[96];  // room for any int the compiler assumes, so -Wformat-truncation stays quiet
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    const int64_t expected = timegm(&tm);
    ASSERT_EQ(at(text).seconds, expected) << text;
    ASSERT_EQ(format_rfc3339(at(text)), text);
  }
}

TEST(Timestamp, FormatsUtcWithFraction) {
  EXPECT_EQ(format_rfc3339(at("2026-11-25T10:00:00Z")), "2026-11-25T10:00:00Z");
  EXPECT_EQ(format_rfc3339(at("2026-11-25T11:30:00.250+01:30")), "2026-11-25T10:00:00.25Z");
  EXPECT_EQ(format_rfc3339(at("2024-02-29T23:59:59.9999999999z")),
            "2024-02-29T23:59:59.9999999999Z");
  EXPECT_EQ(format_rfc3339(at("1969-12-31T23:59:59.5Z")), "1969-12-31T23:59:59.5Z");
}

TEST(Timestamp, FormatsYearsBeyondRfc3339InExpandedForm) {
  EXPECT_EQ(format_rfc3339(at("0000-01-01T00:00:00+01:00")), "-0001-12-31T23:00:00Z");
  EXPECT_EQ(format_rfc3339(at("9999-12-31T23:00:00-01:00")), "+10000-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(Instant{std::numeric_limits<int64_t>::max(), ""}),
            "+292277026596-12-04T15:30:07Z");
  EXPECT_EQ(format_rfc3339(Instant{std::numeric_limits<int64_t>::min(), ""}),
            "-292277022657-01-27T08:29:52Z");
}

TEST(Timestamp, FromUnixNanos) {
  EXPECT_EQ(format_rfc3339(from_unix_nanos(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(from_unix_nanos(1795600800'120000000)), "2026-11-25T10:00:00.12Z");
  EXPECT_EQ(format_rfc3339(from_unix_nanos(1)), "1970-01-01T00:00:00.000000001Z");
  const Instant before_epoch = from_unix_nanos(-1);
  EXPECT_EQ(before_epoch.seconds, -1);
  EXPECT_EQ(before_epoch.fraction, "999999999");
}

TEST(Timestamp, AddSeconds) {
  const Instant t = at("2026-03-01T00:30:00.5Z");
  EXPECT_EQ(format_rfc3339(add_seconds(t, -86400)), "2026-02-28T00:30:00.5Z");
  EXPECT_EQ(format_rfc3339(add_seconds(t, 7 * 86400)), "2026-03-08T00:30:00.5Z");
  EXPECT_EQ(add_seconds(t, std::numeric_limits<int64_t>::max()).seconds,
            std::numeric_limits<int64_t>::max());
  EXPECT_EQ(add_seconds(Instant{-1, ""}, std::numeric_limits<int64_t>::min()).seconds,
            std::numeric_limits<int64_t>::min());
}

}  // namespace
}  // namespace tb::semantics
