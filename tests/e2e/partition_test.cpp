// Partition pruning end to end: a generated S3-layout tree (two accounts, two regions, three
// days, one delivery file each), runbooks that bound account, region and eventTime, and
// --since/--until. The pruned count is exact, and the findings are those of a scan that reads
// every file (--no-partition-pruning).
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/temp_dir.h"

using tb::e2e::count_lines_with;
using tb::e2e::parse_summary;
using tb::e2e::run_trailbook;
using tb::e2e::RunResult;
using tb::e2e::TempDir;

namespace {

const std::vector<std::string> kAccounts = {"111111111111", "222222222222"};
const std::vector<std::string> kRegions = {"us-east-1", "eu-west-1"};
const std::vector<std::string> kDays = {"01", "02", "03"};

// One file per account, region and day, delivered at 10:00Z, with five records from 09:50 to
// 09:59 (CreateUser at 09:55 and 09:57, the rest ListUsers).
class PartitionTree : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<std::pair<std::string, std::string>> minutes = {{"09:50:00", "ListUsers"},
                                                                      {"09:55:00", "CreateUser"},
                                                                      {"09:57:00", "CreateUser"},
                                                                      {"09:58:00", "ListUsers"},
                                                                      {"09:59:00", "ListUsers"}};
    for (const std::string& account : kAccounts) {
      for (const std::string& region : kRegions) {
        for (const std::string& day : kDays) {
          std::string records;
          for (const auto& [time, name] : minutes) {
            records += std::string(records.empty() ? "" : ",") + R"({"eventTime":"2026-11-)" + day +
                       "T" + time + R"(Z","eventName":")" + name + R"(","eventID":")" + account +
                       "-" + region + "-" + day + "-" + time + R"(","recipientAccountId":")" +
                       account + R"(","awsRegion":")" + region + "\"}";
          }
          const std::string name =
              account + "_CloudTrail_" + region + "_202611" + day + "T1000Z_abcdefgh12345678";
          const std::string folder =
              "AWSLogs/" + account + "/CloudTrail/" + region + "/2026/11/" + day + "/";
          std::filesystem::create_directories(dir_.path() + "/" + folder);
          dir_.gzip_file(folder + name + ".json.gz", R"({"Records":[)" + records + "]}");
        }
      }
    }
  }

  std::string runbook(const std::string& name, const std::string& where) {
    return dir_.file(name + ".tb", "runbook " + name + " {\n  title \"t\"\n  severity low\n" +
                                       "  where " + where + "\n  select eventID\n}\n");
  }

  RunResult scan(const std::string& runbooks, const std::string& flags = "") {
    return run_trailbook("scan " + runbooks + " -i " + dir_.path() +
                         "/AWSLogs --format jsonl -j 1 " + flags);
  }

  // Scans with and without pruning: the same findings, and `pruned` files left unread.
  RunResult expect_pruned(const std::string& runbooks, int pruned, const std::string& flags = "") {
    const RunResult with = scan(runbooks, flags);
    const RunResult without = scan(runbooks, flags + " --no-partition-pruning");
    EXPECT_EQ(with.exit_code, 0) << with.err;
    EXPECT_EQ(with.out, without.out);
    const int files = 12;
    if (pruned > 0) {
      const int read = files - pruned;
      EXPECT_NE(with.err.find("trailbook: " + std::to_string(read) +
                              (read == 1 ? " file (" : " files (")),
                std::string::npos)
          << with.err;
      EXPECT_NE(with.err.find("; " + std::to_string(pruned) + " files pruned by partition\n"),
                std::string::npos)
          << with.err;
    } else {
      EXPECT_EQ(with.err.find("pruned"), std::string::npos) << with.err;
    }
    EXPECT_NE(without.err.find("trailbook: 12 files ("), std::string::npos) << without.err;
    EXPECT_EQ(without.err.find("pruned"), std::string::npos) << without.err;
    const auto s = parse_summary(with.err);
    EXPECT_EQ(s.records, s.matched + s.unmatched + s.skipped);
    EXPECT_EQ(s.records, 5 * (files - pruned));
    return with;
  }

  TempDir dir_;
};

TEST_F(PartitionTree, AccountRegionAndTimeBoundsPruneFiles) {
  const RunResult r = expect_pruned(
      runbook("one",
              "eventName == \"CreateUser\" and recipientAccountId == \"111111111111\" and "
              "awsRegion in [\"eu-west-1\"] and eventTime >= 2026-11-02T00:00:00Z"),
      10);
  EXPECT_EQ(count_lines_with(r.out, "\"runbook\":\"one\""), 4u) << r.out;
  EXPECT_EQ(count_lines_with(r.out, "111111111111-eu-west-1-02"), 2u) << r.out;
  EXPECT_EQ(count_lines_with(r.out, "111111111111-eu-west-1-03"), 2u) << r.out;
}

TEST_F(PartitionTree, EveryQueryMustExcludeAFile) {
  // Two runbooks, one per region: each file is some query's but for the other account's west.
  const std::string east = runbook("east", "awsRegion == \"us-east-1\"");
  const std::string west =
      runbook("west", "awsRegion == \"eu-west-1\" and recipientAccountId == \"222222222222\"");
  expect_pruned(east + " " + west, 3);
  // One runbook with no bound: nothing is pruned.
  expect_pruned(east + " " + runbook("any", "eventName == \"CreateUser\""), 0);
}

TEST_F(PartitionTree, ParametersBoundThroughTheirValues) {
  const std::string path =
      dir_.file("windowed.tb",
                "runbook windowed {\n  title \"t\"\n  severity low\n"
                "  param accounts: list<string> = [\"111111111111\"]\n"
                "  param window: duration = 24h\n"
                "  where recipientAccountId in accounts and eventTime >= now() - window\n"
                "  select eventID\n}\n");
  // now() is the clock's: every file, from early November 2026, is older than a day.
  expect_pruned(path, 12);
  expect_pruned(path, 6, "--param accounts=222222222222 --param window=100000d");
}

TEST_F(PartitionTree, SinceAndUntilRestrictRecordsExactly) {
  // The 2 November files hold records on both sides of each bound; the 1 November files are
  // delivered before --since (pruned), the 3 November ones within the late-delivery margin.
  const std::string rb = runbook("all", "eventName in [\"CreateUser\", \"ListUsers\"]");
  const std::string window = "--since 2026-11-02T09:55:00Z --until 2026-11-02T09:58:00Z";
  for (const std::string engine : {"jit", "interp"}) {
    const RunResult r = expect_pruned(rb, 4, window + " --engine " + engine);
    EXPECT_EQ(count_lines_with(r.out, "\"runbook\":\"all\""), 8u) << r.out;
    EXPECT_EQ(count_lines_with(r.out, "-02-09:55:00\""), 4u) << r.out;  // at --since: in
    EXPECT_EQ(count_lines_with(r.out, "-02-09:57:00\""), 4u) << r.out;
    EXPECT_EQ(count_lines_with(r.out, "-02-09:58:00\""), 0u) << r.out;  // at --until: out
    EXPECT_EQ(count_lines_with(r.out, "-02-09:50:00\""), 0u) << r.out;
  }
  // A grouped query counts only the records inside the window.
  const std::string grouped = dir_.file(
      "grouped.tb",
      "runbook grouped {\n  title \"t\"\n  severity low\n  where eventName == \"CreateUser\"\n"
      "  select awsRegion, count() as n\n  group by awsRegion\n}\n");
  const RunResult g = expect_pruned(grouped, 4, "--since 2026-11-02T09:56:00Z --until 2026-11-03");
  EXPECT_NE(g.out.find(R"("row":{"awsRegion":"us-east-1","n":2})"), std::string::npos) << g.out;
  EXPECT_NE(g.out.find(R"("row":{"awsRegion":"eu-west-1","n":2})"), std::string::npos) << g.out;
}

TEST_F(PartitionTree, BadTimeBoundsAreUsageErrors) {
  const std::string rb = runbook("all", "eventName == \"CreateUser\"");
  RunResult r = scan(rb, "--since yesterday");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "trailbook: error: --since yesterday: expected an instant (2026-11-01T00:00:00Z), a "
            "date (2026-11-01) or a duration ago (24h, 7d)\n");
  r = scan(rb, "--since 2026-11-02 --until 2026-11-01T00:00:00+00:00");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "trailbook: error: --since 2026-11-02T00:00:00Z is not before --until "
            "2026-11-01T00:00:00Z\n");
}

TEST_F(PartitionTree, StatsAndExplainShowTheBounds) {
  const std::string rb = runbook("east", "awsRegion == \"us-east-1\"");
  const RunResult r = scan(rb, "--stats --since 2026-11-03");
  EXPECT_NE(r.err.find("trailbook: stats: partition pruning: 10 of 12 files pruned; bounds:\n"
                       "  east.main: awsRegion in [\"us-east-1\"] and eventTime >= "
                       "2026-11-03T00:00:00Z\n"),
            std::string::npos)
      << r.err;
  const RunResult e = run_trailbook("explain " + rb);
  EXPECT_NE(e.out.find("partition bounds (an S3-layout file outside every query's bounds is not "
                       "read)\n  query 0: awsRegion in [\"us-east-1\"]\n"),
            std::string::npos)
      << e.out;
}

// The bundled samples: a one-day query reads only the files delivered near or after that day.
TEST(PartitionSamples, OneDayOfTheSamples) {
  TempDir dir;
  const std::string rb =
      dir.file("day.tb",
               "runbook day {\n  title \"t\"\n  severity low\n"
               "  where eventTime >= 2026-11-03T00:00:00Z\n  select eventID\n}\n");
  const RunResult with = run_trailbook("scan " + rb + " -i samples/AWSLogs --format jsonl");
  const RunResult without =
      run_trailbook("scan " + rb + " -i samples/AWSLogs --format jsonl --no-partition-pruning");
  EXPECT_EQ(with.out, without.out);
  // for f in $(find samples/AWSLogs -name '*.json.gz'); do zcat $f; echo; done |
  //   jq -c '.Records[] | select(.eventTime >= "2026-11-03T00:00:00Z")' | wc -l
  EXPECT_EQ(count_lines_with(with.out, "\"runbook\":\"day\""), 1776u);
  // 195 of the 323 files are delivered before 2026-11-02T23:44Z (15 minutes' clock skew).
  EXPECT_NE(with.err.find("trailbook: 128 files ("), std::string::npos) << with.err;
  EXPECT_NE(with.err.find("; 195 files pruned by partition\n"), std::string::npos) << with.err;
}

}  // namespace
