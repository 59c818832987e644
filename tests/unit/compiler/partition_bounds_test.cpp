// Partition bounds: what the compiler derives per query for pruning S3-layout files
// (derive_partition_bounds), how and/or/not, parameters and --since/--until combine, and the
// runtime's decision for a file (may_hold, file_may_match) with its late-delivery margins.
#include "compiler/lower/partition_bounds.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/driver/compiler.h"
#include "compiler/driver/event_time_window.h"
#include "runtime/exec/partition_bounds.h"

namespace {

using tb::runtime::PartitionBounds;

const tb::semantics::Instant kNow = *tb::semantics::parse_instant("2026-11-02T12:00:00Z");

int64_t at(const char* rfc3339) {
  return tb::semantics::parse_instant(rfc3339)->seconds;
}

struct Options {
  std::map<std::string, std::string> params;
  tb::driver::EventTimeWindow window;
};

// The bounds of each query of `source`, compiled with now() at kNow.
std::vector<PartitionBounds> bounds_of(const std::string& source, const Options& o = {}) {
  static std::vector<std::unique_ptr<tb::driver::Compilation>> keep;  // sources outlive packs
  keep.push_back(std::make_unique<tb::driver::Compilation>());
  tb::driver::CompileOptions options;
  options.now = kNow;
  options.params = o.params;
  options.window = o.window;
  options.lint = false;
  keep.back()->set_options(options);
  keep.back()->add_source("p.tb", source);
  auto pack = keep.back()->check();
  EXPECT_NE(pack, nullptr) << source;
  return pack ? tb::lower::derive_partition_bounds(*pack) : std::vector<PartitionBounds>{};
}

std::string runbook(const std::string& where, const std::string& head = "") {
  return head + "runbook p { title \"t\" severity low where " + where + " }";
}

// The description of a one-query runbook's bounds.
std::string bound(const std::string& where, const Options& o = {}) {
  const auto b = bounds_of(runbook(where), o);
  return b.size() == 1 ? tb::runtime::describe(b[0]) : "?";
}

TEST(PartitionBounds, EqualityAndListsBoundAccountAndRegion) {
  EXPECT_EQ(bound("recipientAccountId == \"111122223333\""),
            "recipientAccountId in [\"111122223333\"]");
  EXPECT_EQ(bound("awsRegion in [\"us-east-1\", \"eu-west-1\"]"),
            "awsRegion in [\"us-east-1\", \"eu-west-1\"]");
  EXPECT_EQ(bound("\"eu-west-1\" == awsRegion and eventName == \"X\""),
            "awsRegion in [\"eu-west-1\"]");
}

TEST(PartitionBounds, TimeComparisonsBoundEventTimeInWholeSeconds) {
  EXPECT_EQ(bound("eventTime >= 2026-11-01T00:00:00Z"), "eventTime >= 2026-11-01T00:00:00Z");
  EXPECT_EQ(bound("eventTime > 2026-11-01T00:00:00.5Z"), "eventTime >= 2026-11-01T00:00:00Z");
  EXPECT_EQ(bound("eventTime < 2026-11-02T00:00:00+01:00"), "eventTime < 2026-11-01T23:00:00Z");
  EXPECT_EQ(bound("eventTime < 2026-11-02T00:00:00.001Z"), "eventTime < 2026-11-02T00:00:01Z");
  EXPECT_EQ(bound("eventTime <= 2026-11-02T00:00:00Z"), "eventTime < 2026-11-02T00:00:01Z");
  EXPECT_EQ(bound("eventTime == 2026-11-02T00:00:00Z"),
            "eventTime >= 2026-11-02T00:00:00Z and eventTime < 2026-11-02T00:00:01Z");
}

TEST(PartitionBounds, RelativeTimesAndParametersAreResolvedAtCompileTime) {
  EXPECT_EQ(bound("eventTime >= now() - 24h"), "eventTime >= 2026-11-01T12:00:00Z");
  const std::string windowed =
      runbook("eventTime >= now() - window", "param window: duration = 24h\n");
  EXPECT_EQ(tb::runtime::describe(bounds_of(windowed).at(0)), "eventTime >= 2026-11-01T12:00:00Z");
  Options wider;
  wider.params = {{"window", "7d"}};
  EXPECT_EQ(tb::runtime::describe(bounds_of(windowed, wider).at(0)),
            "eventTime >= 2026-10-26T12:00:00Z");
  const std::string since = runbook("eventTime >= since and awsRegion == r",
                                    "param since: timestamp = 2026-10-01T00:00:00Z\n"
                                    "param r: string = \"us-east-1\"\n");
  EXPECT_EQ(tb::runtime::describe(bounds_of(since).at(0)),
            "awsRegion in [\"us-east-1\"] and eventTime >= 2026-10-01T00:00:00Z");
}

TEST(PartitionBounds, AndIntersectsOrUnitesNotBoundsNothing) {
  EXPECT_EQ(bound("awsRegion in [\"a-1\", \"b-1\"] and awsRegion in [\"b-1\", \"c-1\"] and "
                  "eventTime >= 2026-11-01T00:00:00Z and eventTime >= 2026-11-02T00:00:00Z and "
                  "eventTime < 2026-11-05T00:00:00Z"),
            "awsRegion in [\"b-1\"] and eventTime >= 2026-11-02T00:00:00Z and "
            "eventTime < 2026-11-05T00:00:00Z");
  EXPECT_EQ(bound("(awsRegion == \"a-1\" and eventTime >= 2026-11-02T00:00:00Z) or "
                  "(awsRegion == \"b-1\" and eventTime >= 2026-11-01T00:00:00Z)"),
            "awsRegion in [\"a-1\", \"b-1\"] and eventTime >= 2026-11-01T00:00:00Z");
  // An alternative without a bound takes it away.
  EXPECT_EQ(bound("awsRegion == \"a-1\" or eventName == \"X\""), "none");
  EXPECT_EQ(bound("(awsRegion == \"a-1\" and eventTime >= 2026-11-02T00:00:00Z) or "
                  "awsRegion == \"b-1\""),
            "awsRegion in [\"a-1\", \"b-1\"]");
  // not, negated forms, and tests that do not pin the value: no bound.
  EXPECT_EQ(bound("not (awsRegion != \"a-1\")"), "none");
  EXPECT_EQ(bound("not (eventTime < 2026-11-01T00:00:00Z)"), "none");
  EXPECT_EQ(bound("awsRegion not in [\"a-1\"]"), "none");
  EXPECT_EQ(bound("eventTime != 2026-11-01T00:00:00Z"), "none");
  EXPECT_EQ(bound("awsRegion startswith \"us-\""), "none");
  EXPECT_EQ(bound("lower(awsRegion) == \"us-east-1\""), "none");
  EXPECT_EQ(bound("eventTime >= \"2026-11-01\""), "none");  // text, not time
  EXPECT_EQ(bound("userIdentity.accountId == \"111122223333\""), "none");
  // A query that can never match excludes every file.
  EXPECT_EQ(bound("awsRegion == \"a-1\" and awsRegion == \"b-1\""), "awsRegion in []");
}

TEST(PartitionBounds, SinceAndUntilBoundEveryQuery) {
  Options o;
  o.window.since = tb::semantics::parse_instant("2026-11-01T00:00:00Z");
  o.window.until = tb::semantics::parse_instant("2026-11-02T00:00:00Z");
  const auto b = bounds_of(
      "runbook a { title \"t\" severity low where eventName == \"X\" "
      "query q { where awsRegion == \"us-east-1\" or readOnly } }",
      o);
  ASSERT_EQ(b.size(), 2u);
  for (const PartitionBounds& q : b) {
    EXPECT_EQ(tb::runtime::describe(q),
              "eventTime >= 2026-11-01T00:00:00Z and eventTime < 2026-11-02T00:00:00Z");
  }
}

TEST(PartitionBounds, TimeBoundArguments) {
  using tb::driver::parse_time_bound;
  EXPECT_EQ(parse_time_bound("2026-11-01T10:00:00+02:00", kNow)->seconds,
            at("2026-11-01T08:00:00Z"));
  EXPECT_EQ(parse_time_bound("2026-11-01", kNow)->seconds, at("2026-11-01T00:00:00Z"));
  EXPECT_EQ(parse_time_bound("24h", kNow)->seconds, at("2026-11-01T12:00:00Z"));
  EXPECT_EQ(parse_time_bound("1w", kNow)->seconds, at("2026-10-26T12:00:00Z"));
  for (const char* bad : {"", "yesterday", "2026-11-01 10:00:00", "2026-13-01", "24", "-1h"}) {
    EXPECT_FALSE(parse_time_bound(bad, kNow).has_value()) << bad;
  }
}

tb::runtime::PathPartition file(const char* account, const char* region, const char* minute) {
  return {account, region, at(minute), at(minute) + 60};
}

TEST(PartitionBounds, FilesAreKeptWithinTheDeliveryMargins) {
  PartitionBounds b;
  b.regions = std::vector<std::string>{"us-east-1"};
  b.time_from = at("2026-11-02T00:00:00Z");
  b.time_until = at("2026-11-03T00:00:00Z");
  EXPECT_TRUE(may_hold(b, file("111122223333", "us-east-1", "2026-11-02T10:00:00Z")));
  EXPECT_FALSE(may_hold(b, file("111122223333", "eu-west-1", "2026-11-02T10:00:00Z")));
  // Delivered up to 15 minutes (clock skew) before the window's start: may hold its events.
  EXPECT_TRUE(may_hold(b, file("111122223333", "us-east-1", "2026-11-01T23:45:00Z")));
  EXPECT_FALSE(may_hold(b, file("111122223333", "us-east-1", "2026-11-01T23:44:00Z")));
  // Delivered after the window's end: may hold its events for 30 days (late delivery).
  EXPECT_TRUE(may_hold(b, file("111122223333", "us-east-1", "2026-12-02T23:59:00Z")));
  EXPECT_FALSE(may_hold(b, file("111122223333", "us-east-1", "2026-12-03T00:00:00Z")));
  PartitionBounds none;
  none.accounts.emplace();
  EXPECT_FALSE(may_hold(none, file("111122223333", "us-east-1", "2026-11-02T10:00:00Z")));
}

TEST(PartitionBounds, AFileIsPrunedOnlyWhenEveryQueryExcludesIt) {
  const std::string path =
      "/x/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/02/"
      "111122223333_CloudTrail_eu-west-1_20261102T1000Z_abc.json.gz";
  PartitionBounds east;
  east.regions = std::vector<std::string>{"us-east-1"};
  PartitionBounds account;
  account.accounts = std::vector<std::string>{"111122223333"};
  EXPECT_FALSE(tb::runtime::file_may_match({east}, path));
  EXPECT_TRUE(tb::runtime::file_may_match({east, account}, path));
  EXPECT_TRUE(tb::runtime::file_may_match({east, PartitionBounds{}}, path));
  EXPECT_TRUE(tb::runtime::file_may_match({}, path));
  EXPECT_TRUE(tb::runtime::file_may_match({east}, "/x/trail.json"));  // not the layout
}

}  // namespace
