// End to end: queries that group, aggregate, filter groups, order and limit; --param; the
// reference interpreter as a scan engine; the memory budget. Real-data results are checked
// against jq, run live as an independent oracle.
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/temp_dir.h"

namespace fs = std::filesystem;
using tb::e2e::parse_summary;
using tb::e2e::run_shell;
using tb::e2e::run_trailbook;
using tb::e2e::RunResult;
using tb::e2e::TempDir;

namespace {

const std::string kInvictus = TB_SHARED_DATA_DIR "/invictus-aws/CloudTrail";

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty()) out.push_back(l);
  }
  return out;
}

// Each JSON line of `out`, or its `key` member, re-serialised so that they compare as text.
std::vector<std::string> reserialised(const std::string& out, const char* key = nullptr) {
  std::vector<std::string> values;
  simdjson::dom::parser parser;
  for (const std::string& l : lines(out)) {
    simdjson::dom::element e;
    const auto parsed = parser.parse(l);
    EXPECT_EQ((key == nullptr ? parsed : parsed.at_key(key)).get(e), simdjson::SUCCESS) << l;
    values.push_back(simdjson::to_string(e));
  }
  return values;
}

// The "row" objects of trailbook's JSON lines.
std::vector<std::string> rows_of(const std::string& out) {
  return reserialised(out, "row");
}

std::string iam_record(int i, const std::string& name, const std::string& ip) {
  return R"({"eventTime":"2026-11-01T00:00:)" + std::to_string(10 + i % 50) +
         R"(Z","eventSource":"iam.amazonaws.com","eventName":")" + name +
         R"(","sourceIPAddress":")" + ip + R"(","eventID":"id-)" + std::to_string(i) + "\"}\n";
}

TEST(Query, GroupByOnRealCloudTrailAgreesWithJq) {
  if (!fs::exists(kInvictus)) GTEST_SKIP() << "no ../shared/data beside the checkout";
  TempDir tmp;
  const std::string rb = tmp.file("by_event.tb", R"(
runbook iam_by_event {
  title "iam by event"
  severity low
  where eventSource == "iam.amazonaws.com"
  select eventName, count() as n, count_distinct(sourceIPAddress) as ips,
         min(eventTime) as first_seen, max(eventTime) as last_seen
  group by eventName
  order by n desc, eventName
  limit 8
}
)");
  const RunResult r = run_trailbook("scan " + rb + " -i " + kInvictus + " --format jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const RunResult jq = run_shell(
      "jq -s -c '[.[].Records[] | select(.eventSource == \"iam.amazonaws.com\")] "
      "| group_by(.eventName) | map({eventName: .[0].eventName, n: length, "
      "ips: ([.[].sourceIPAddress | select(. != null)] | unique | length), "
      "first_seen: ([.[].eventTime | select(. != null)] | min), "
      "last_seen: ([.[].eventTime | select(. != null)] | max)}) "
      "| sort_by(-.n, .eventName) | .[:8] | .[]' " +
      kInvictus + "/*.json");
  ASSERT_EQ(jq.exit_code, 0) << jq.err;
  const std::vector<std::string> expected = reserialised(jq.out);
  ASSERT_GE(expected.size(), 3u) << "too few IAM events in the data for a meaningful test";
  EXPECT_EQ(rows_of(r.out), expected);
  EXPECT_NE(r.err.find("-> " + std::to_string(expected.size()) + " rows"), std::string::npos)
      << r.err;
}

TEST(Query, HavingKeepsOnlyTheGroupsThatPassAndFindingsCountRows) {
  TempDir tmp;
  std::string log;
  for (int i = 0; i < 5; ++i) log += iam_record(i, "ListUsers", "10.0.0." + std::to_string(i));
  for (int i = 5; i < 7; ++i) log += iam_record(i, "GetUser", "10.0.0.9");
  const std::string input = tmp.file("log.jsonl", log);
  const std::string rb = tmp.file("rb.tb", R"(
runbook busy {
  title "busy"
  severity low
  param threshold: int = 3
  where eventSource == "iam.amazonaws.com"
  select eventName, count() as n, values(sourceIPAddress) as ips
  group by eventName
  having n >= threshold
}
)");
  RunResult r = run_trailbook("scan " + rb + " -i " + input + " --format jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(rows_of(r.out),
            std::vector<std::string>{R"({"eventName":"ListUsers","n":5,"ips":["10.0.0.0",)"
                                     R"("10.0.0.1","10.0.0.2","10.0.0.3","10.0.0.4"]})"});

  // The threshold from the command line: both groups pass, in order of first appearance.
  r = run_trailbook("scan " + rb + " -i " + input + " --format jsonl --param threshold=2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(rows_of(r.out).size(), 2u) << r.out;
  EXPECT_NE(rows_of(r.out)[1].find("\"GetUser\""), std::string::npos);

  // Findings are the rows output, not the records `where` matched: none pass at 10.
  r = run_trailbook("scan " + rb + " -i " + input +
                    " --format jsonl --fail-on-findings --param threshold=10");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  r = run_trailbook("scan " + rb + " -i " + input + " --format jsonl --fail-on-findings");
  EXPECT_EQ(r.exit_code, 1) << r.err;
}

TEST(Query, OrderByAndLimitWithoutGroupByKeepTheTopRecords) {
  TempDir tmp;
  std::string log;
  for (int i = 0; i < 20; ++i) log += iam_record(i, "E" + std::to_string(i % 4), "10.0.0.1");
  const std::string input = tmp.file("log.jsonl", log);
  const std::string rb = tmp.file("rb.tb", R"(
runbook latest {
  title "latest"
  severity low
  where eventName in ["E1", "E3"]
  select eventID, eventTime, eventName as name
  order by eventTime desc, eventID
  limit 3
}
)");
  const RunResult r = run_trailbook("scan " + rb + " -i " + input + " --format jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Matches: i = 1, 3, 5, ..., 19 at second 10 + i; the latest three are 19, 17, 15.
  EXPECT_EQ(rows_of(r.out),
            (std::vector<std::string>{
                R"({"eventID":"id-19","eventTime":"2026-11-01T00:00:29Z","name":"E3"})",
                R"({"eventID":"id-17","eventTime":"2026-11-01T00:00:27Z","name":"E1"})",
                R"({"eventID":"id-15","eventTime":"2026-11-01T00:00:25Z","name":"E3"})"}));
  const auto s = parse_summary(r.err);
  EXPECT_EQ(s.matched, 10);
  EXPECT_NE(r.err.find("10 matches -> 3 rows"), std::string::npos) << r.err;
}

TEST(Query, AggregatesWithoutGroupByGiveOneRowEvenOverNoRecords) {
  TempDir tmp;
  const std::string input = tmp.file("log.jsonl", iam_record(1, "GetUser", "10.0.0.1"));
  const std::string rb = tmp.file("rb.tb", R"(
runbook totals {
  title "totals"
  severity low
  where eventName == "DeleteTrail"
  select count() as n, count_distinct(sourceIPAddress) as ips, max(eventTime) as last_seen
}
)");
  const RunResult r = run_trailbook("scan " + rb + " -i " + input + " --format jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // max() over nothing is missing, so the key is left out.
  EXPECT_EQ(rows_of(r.out), std::vector<std::string>{R"({"n":0,"ips":0})"});
}

TEST(Query, TheTableShowsRowsUnderTheirColumnNames) {
  TempDir tmp;
  std::string log;
  for (int i = 0; i < 3; ++i) log += iam_record(i, "ListUsers", "10.0.0.7");
  const std::string input = tmp.file("log.jsonl", log);
  const std::string rb = tmp.file("rb.tb", R"(
runbook per_ip {
  severity medium
  title "Calls per IP"
  where eventSource == "iam.amazonaws.com"
  select sourceIPAddress as ip, count() as calls
  group by sourceIPAddress
}
)");
  const RunResult r = run_trailbook("scan " + rb + " -i " + input + " --format table");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("per_ip (medium): Calls per IP — 1 row\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  ip        calls\n  10.0.0.7  3\n"), std::string::npos) << r.out;
}

TEST(Query, AQueryOverTheMemoryLimitFailsWithAMessageAndExit3) {
  TempDir tmp;
  std::string log;
  for (int i = 0; i < 40000; ++i) log += iam_record(i, "GetUser", "10.0.0.1");
  const std::string input = tmp.file("log.jsonl", log);
  const std::string rb = tmp.file("rb.tb", R"(
runbook every_id {
  title "every id"
  severity low
  where eventSource == "iam.amazonaws.com"
  select eventID, count() as n
  group by eventID
}
)");
  RunResult r = run_trailbook("scan " + rb + " -i " + input + " --format jsonl --memory-limit 1");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("exceeded the memory budget of 1 MiB"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("raise --memory-limit"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  r = run_trailbook("scan " + rb + " -i " + input + " --format jsonl -q");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines(r.out).size(), 40000u);
}

TEST(Param, OverridesAreTypeCheckedAndUnknownNamesAreUsageErrors) {
  TempDir tmp;
  const std::string input = tmp.file(
      "log.jsonl", iam_record(1, "GetUser", "10.0.0.1") + iam_record(2, "ListUsers", "10.0.0.2"));
  const std::string rb = tmp.file("rb.tb", R"(
runbook one_event {
  title "one event"
  severity low
  param name: string = "GetUser"
  param minimum: int = 0
  where eventName == name
  select eventID
}
)");
  RunResult r = run_trailbook("scan " + rb + " -i " + input + " --format jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"id-1\""), std::string::npos);
  r = run_trailbook("scan " + rb + " -i " + input + " --format jsonl --param name=ListUsers");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"id-2\""), std::string::npos);
  EXPECT_EQ(r.out.find("\"id-1\""), std::string::npos);

  r = run_trailbook("scan " + rb + " -i " + input + " --param minimum=lots");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--param minimum=lots"), std::string::npos) << r.err;
  r = run_trailbook("scan " + rb + " -i " + input + " --param nmae=x");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--param nmae: no runbook declares a parameter 'nmae'"), std::string::npos)
      << r.err;
  r = run_trailbook("check " + rb + " --param name");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("expected name=value"), std::string::npos) << r.err;
}

TEST(Engine, TheInterpreterAndTheKernelPrintTheSameOnRealData) {
  if (!fs::exists(kInvictus)) GTEST_SKIP() << "no ../shared/data beside the checkout";
  TempDir tmp;
  const std::string rb = tmp.file("grouped.tb", R"(
runbook denied_by_actor {
  title "denied by actor"
  severity low
  where errorCode in ["AccessDenied", "Client.UnauthorizedOperation"] or readOnly == false
  select userIdentity.arn as actor, count() as n, values(eventName) as events
  group by userIdentity.arn
  order by n desc
}
)");
  const std::string args =
      "scan tests/data/runbooks " + rb + " -i " + kInvictus + " --format jsonl -q";
  const RunResult jit = run_trailbook(args);
  const RunResult interp = run_trailbook(args + " --engine interp");
  ASSERT_EQ(jit.exit_code, 0) << jit.err;
  ASSERT_EQ(interp.exit_code, 0) << interp.err;
  EXPECT_GT(lines(jit.out).size(), 5u);
  EXPECT_EQ(jit.out, interp.out);
}

// Parallel across files, the output is the same as on one thread: findings in file and record
// order, rows merged from every worker, the same problems and counts.
TEST(Engine, EveryThreadCountPrintsTheSameFindingsRowsAndSummary) {
  if (!fs::exists(kInvictus)) GTEST_SKIP() << "no ../shared/data beside the checkout";
  TempDir tmp;
  tmp.file("broken.jsonl", iam_record(1, "GetUser", "10.0.0.1") + "{\"eventName\": tru}\n");
  const std::string args = "scan runbooks/ -i " + kInvictus +
                           " " TB_SHARED_DATA_DIR "/stratus-red-team samples " + tmp.path() +
                           " --format jsonl";
  auto without_timing = [](const std::string& err) {
    return std::regex_replace(err, std::regex(R"( in [0-9.]+ s:)"), " in _ s:");
  };
  const RunResult one = run_trailbook(args + " -j 1");
  EXPECT_EQ(one.exit_code, 3) << one.err;  // the broken record
  EXPECT_GT(lines(one.out).size(), 500u);
  for (const char* threads : {"2", "3", "8"}) {
    const RunResult many = run_trailbook(args + " -j " + threads);
    EXPECT_EQ(many.exit_code, one.exit_code) << threads;
    EXPECT_EQ(many.out, one.out) << threads << " threads";
    EXPECT_EQ(without_timing(many.err), without_timing(one.err)) << threads << " threads";
  }
}

TEST(Output, FindingsGoToTheOutputFileAndTheSummaryToStderr) {
  TempDir tmp;
  const std::string input = tmp.file("log.jsonl", iam_record(1, "GetUser", "10.0.0.1"));
  const std::string rb = tmp.file("rb.tb", R"(
runbook users {
  title "Users read"
  severity low
  where eventName == "GetUser"
  select eventID
}
)");
  const std::string out = tmp.path() + "/findings.jsonl";
  RunResult r = run_trailbook("scan " + rb + " -i " + input + " --output " + out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const std::vector<std::string> written = reserialised(tb::e2e::run_shell("cat " + out).out);
  ASSERT_EQ(written.size(), 1u);
  EXPECT_NE(written[0].find("\"fields\":{\"eventID\":\"id-1\"}"), std::string::npos);
  EXPECT_EQ(parse_summary(r.err).matched, 1);
  r = run_trailbook("scan " + rb + " -i " + input + " --output /no/such/dir/x.jsonl");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot write /no/such/dir/x.jsonl"), std::string::npos) << r.err;
}

TEST(Output, StatsSayWhereCompileTimeWentAndHowFastTheScanRan) {
  TempDir tmp;
  const std::string input = tmp.file("log.jsonl", iam_record(1, "GetUser", "10.0.0.1"));
  const RunResult r =
      run_trailbook("scan tests/data/runbooks -i " + input + " -q --stats --no-jit-cache");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(
      r.err, std::regex(R"(stats: compile: parse [0-9.]+ ms, check [0-9.]+ ms, lower [0-9.]+ ms, )"
                        R"(jit [0-9.]+ ms \(compiled\))")))
      << r.err;
  EXPECT_TRUE(std::regex_search(
      r.err, std::regex(R"(stats: scan: [0-9]+ bytes, 1 records in [0-9.]+ s: [0-9.]+ MB/s, )"
                        R"([0-9]+ records/s; peak RSS [0-9.]+ MB)")))
      << r.err;
}

}  // namespace
