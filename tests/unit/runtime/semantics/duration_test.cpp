#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "runtime/semantics/timestamp.h"

namespace tb::semantics {
namespace {

TEST(Duration, SingleUnits) {
  EXPECT_EQ(parse_duration_seconds("24h"), 86400);
  EXPECT_EQ(parse_duration_seconds("7d"), 604800);
  EXPECT_EQ(parse_duration_seconds("90m"), 5400);
  EXPECT_EQ(parse_duration_seconds("30s"), 30);
  EXPECT_EQ(parse_duration_seconds("2w"), 1209600);
  EXPECT_EQ(parse_duration_seconds("0s"), 0);
  EXPECT_EQ(parse_duration_seconds("05m"), 300);
}

TEST(Duration, CombinedInOrder) {
  EXPECT_EQ(parse_duration_seconds("1d12h"), 129600);
  EXPECT_EQ(parse_duration_seconds("1w2d3h4m5s"), 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
  EXPECT_EQ(parse_duration_seconds("1h30s"), 3630);
}

TEST(Duration, RejectsEverythingElse) {
  for (const char* bad : {"", "h", "24", "24H", "1h1h", "12h1d", "1m1h", "1.5h", "-1h", "+1h",
                          "1 h", "1h ", " 1h", "1y", "1ms", "1d12", "d1"}) {
    EXPECT_FALSE(parse_duration_seconds(bad)) << bad;
  }
}

TEST(Duration, OverflowIsAnError) {
  EXPECT_EQ(parse_duration_seconds("9223372036854775807s"), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(parse_duration_seconds("9223372036854775808s"));
  EXPECT_EQ(parse_duration_seconds("15250284452471w"), int64_t{15250284452471} * 604800);
  EXPECT_FALSE(parse_duration_seconds("15250284452472w"));
  EXPECT_EQ(parse_duration_seconds("15250284452471w3d15h30m7s"),
            std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(parse_duration_seconds("15250284452471w3d15h30m8s"));
  EXPECT_FALSE(parse_duration_seconds("99999999999999999999999s"));
}

TEST(Duration, CanonicalForm) {
  EXPECT_EQ(format_duration(36 * 3600), "1d12h");
  EXPECT_EQ(format_duration(14 * 86400), "2w");
  EXPECT_EQ(format_duration(5400), "1h30m");
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(604800 + 1), "1w1s");
  EXPECT_EQ(format_duration(-86400), "-1d");
  EXPECT_EQ(format_duration(std::numeric_limits<int64_t>::min()), "-15250284452471w3d15h30m8s");
  for (const int64_t s : {int64_t{1}, int64_t{59}, int64_t{3601}, int64_t{1209600 + 7265},
                          std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(parse_duration_seconds(format_duration(s)), s) << s;
  }
}

}  // namespace
}  // namespace tb::semantics
