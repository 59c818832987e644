// End to end through the built binary: check diagnostics, JSON lines that any JSON parser reads,
// counts on real CloudTrail data against jq, per-query summaries, broken input with exact
// locations, and exit statuses. Complements scan_test.cpp. Every scan's summary must balance.
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/temp_dir.h"

namespace fs = std::filesystem;
using tb::e2e::expect_balanced;
using tb::e2e::parse_summary;
using tb::e2e::record;
using tb::e2e::run_trailbook;
using tb::e2e::RunResult;
using tb::e2e::TempDir;

namespace {

const std::string kInvictus = TB_SHARED_DATA_DIR "/invictus-aws/CloudTrail";
const std::string kStratus = TB_SHARED_DATA_DIR "/stratus-red-team/detonation-logs";

#define REQUIRE_SHARED_DATA()                          \
  if (!fs::exists(kInvictus) || !fs::exists(kStratus)) \
  GTEST_SKIP() << "no ../shared/data beside the checkout (" TB_SHARED_DATA_DIR ")"

// Asserts that records = matched + not matched + skipped on the summary line.
// Findings in JSON lines, each line parsed and validated with simdjson's DOM parser.
struct Finding {
  std::string runbook, query, severity, file, event_id, event_time;
  int64_t record = -1;
  std::string fields_json;  // the "fields" object, re-serialised
  simdjson::dom::element fields;
};

class JsonLines {
 public:
  explicit JsonLines(const std::string& out) {
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
      ++lines_;
      docs_.push_back(std::make_unique<simdjson::dom::parser>());
      simdjson::dom::element e;
      if (docs_.back()->parse(line).get(e) != simdjson::SUCCESS) {
        errors_.push_back(line);
        continue;
      }
      Finding f;
      std::string_view sv;
      if (e["runbook"].get_string().get(sv) == simdjson::SUCCESS) f.runbook = sv;
      if (e["query"].get_string().get(sv) == simdjson::SUCCESS) f.query = sv;
      if (e["severity"].get_string().get(sv) == simdjson::SUCCESS) f.severity = sv;
      if (e["file"].get_string().get(sv) == simdjson::SUCCESS) f.file = sv;
      if (e["eventID"].get_string().get(sv) == simdjson::SUCCESS) f.event_id = sv;
      if (e["eventTime"].get_string().get(sv) == simdjson::SUCCESS) f.event_time = sv;
      int64_t index = -1;
      if (e["record"].get_int64().get(index) == simdjson::SUCCESS) f.record = index;
      if (e["fields"].get(f.fields) != simdjson::SUCCESS || !f.fields.is_object()) {
        errors_.push_back("no fields object: " + line);
        continue;
      }
      f.fields_json = simdjson::minify(f.fields);
      findings_.push_back(std::move(f));
    }
  }
  size_t lines() const { return lines_; }
  const std::vector<std::string>& errors() const { return errors_; }
  const std::vector<Finding>& findings() const { return findings_; }
  size_t count(const std::string& runbook, const std::string& query = "main") const {
    size_t n = 0;
    for (const Finding& f : findings_) n += f.runbook == runbook && f.query == query;
    return n;
  }

 private:
  size_t lines_ = 0;
  std::vector<std::unique_ptr<simdjson::dom::parser>> docs_;  // elements point into these
  std::vector<std::string> errors_;
  std::vector<Finding> findings_;
};

// The per-query lines of the summary on stderr: "  runbook[.query]   N matches".
std::map<std::string, long> per_query_summary(const std::string& err) {
  static const std::regex line(R"(^  (\S+) +(\d+) match(es)?$)");
  std::map<std::string, long> out;
  std::istringstream in(err);
  std::string l;
  std::smatch m;
  while (std::getline(in, l)) {
    if (std::regex_match(l, m, line)) out[m[1]] = std::stol(m[2]);
  }
  return out;
}

// ---- check ------------------------------------------------------------------------------------

TEST(CliCheck, ShippedRunbooksAndTestRunbooksCheckClean) {
  const RunResult r = run_trailbook(
      "check tests/data/runbooks/ tests/data/access_denied.tb tests/data/semantics_counts.tb");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  // 2 shipped + 3 in access_denied.tb + 9 in semantics_counts.tb; 3 named queries among them.
  EXPECT_NE(r.err.find("trailbook: 14 runbooks (17 queries) checked, no errors"), std::string::npos)
      << r.err;
}

TEST(CliCheck, WarningsAreCountedInTheSummary) {
  TempDir dir;
  const std::string one =
      dir.file("one.tb",
               "param p: int = 1\nrunbook a { title \"t\" severity low where readOnly == true }\n");
  const std::string two =
      dir.file("two.tb",
               "list l = [\"x\"]\n"
               "runbook b { title \"t\" severity low where readOnly == true }\n");
  const RunResult r1 = run_trailbook("check " + one);
  EXPECT_EQ(r1.exit_code, 0) << r1.err;
  EXPECT_NE(r1.err.find("[TB4001]"), std::string::npos) << r1.err;
  EXPECT_NE(r1.err.find("\ntrailbook: 1 runbook (1 query) checked, no errors, 1 warning\n"),
            std::string::npos)
      << r1.err;
  const RunResult r2 = run_trailbook("check " + one + " " + two);
  EXPECT_EQ(r2.exit_code, 0) << r2.err;
  EXPECT_NE(r2.err.find("\ntrailbook: 2 runbooks (2 queries) checked, no errors, 2 warnings\n"),
            std::string::npos)
      << r2.err;
  // The machine formats carry the warnings on stdout; the summary still counts them.
  const RunResult r3 = run_trailbook("check --format json " + one);
  EXPECT_EQ(r3.exit_code, 0) << r3.err;
  EXPECT_NE(r3.err.find("checked, no errors, 1 warning\n"), std::string::npos) << r3.err;
}

TEST(CliCheck, EveryErrorOfEveryFileIsPrintedThenExitTwo) {
  TempDir dir;
  const std::string a = dir.file(
      "a.tb", "runbook a {\n  title \"t\"\n  severity hgh\n  where eventNam == \"x\"\n}\n");
  const std::string b = dir.file("b.tb",
                                 "runbook b { title \"t\" severity low where readOnly == \"no\" }\n"
                                 "runbook a { title \"t\" severity low where readOnly == true }\n");
  const RunResult r = run_trailbook("check " + a + " " + b);
  EXPECT_EQ(r.exit_code, 2);
  const std::string expected_a = a +
                                 ":3:12: error: unknown severity 'hgh' [TB3003]\n"
                                 "    3 |   severity hgh\n"
                                 "      |            ^~~\n" +
                                 a + ":3:12: note: did you mean 'high'?\n" + a +
                                 ":4:9: error: unknown field 'eventNam' [TB2001]\n"
                                 "    4 |   where eventNam == \"x\"\n"
                                 "      |         ^~~~~~~~\n" +
                                 a + ":4:9: note: did you mean 'eventName'?\n";
  EXPECT_NE(r.err.find(expected_a), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(b + ":1:54: error: 'readOnly' is a boolean; comparing it with a string can "
                           "never be true [TB3001]"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(b + ":2:9: error: runbook 'a' is defined twice [TB2005]\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(a + ":1:9: note: first defined here\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\n4 errors generated\n"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("no errors"), std::string::npos);
}

TEST(CliCheck, SyntaxErrorsInOneFileStopTheCheckOfAll) {
  TempDir dir;
  const std::string good =
      dir.file("good.tb", "runbook g { title \"t\" severity low where x == 1 }");
  const std::string bad = dir.file("bad.tb", "runbook b { title \"t\" severity low where == }");
  const RunResult r = run_trailbook("check " + good + " " + bad);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad + ":1:42: error: syntax error:"), std::string::npos) << r.err;
  // good.tb's unknown field is not reported on top of a syntax error.
  EXPECT_EQ(r.err.find("TB2001"), std::string::npos) << r.err;
}

TEST(CliCheck, UnreadableRunbookPathExitsTwo) {
  const RunResult r = run_trailbook("check runbooks/ no/such/dir.tb");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no/such/dir.tb: no such file or directory"), std::string::npos) << r.err;
}

// ---- scans of real CloudTrail data, against jq ------------------------------------------------

TEST(CliScan, InvictusJsonLinesParseAndMatchJq) {
  REQUIRE_SHARED_DATA();
  const RunResult r =
      run_trailbook("scan tests/data/runbooks/ tests/data/semantics_counts.tb --input " +
                    kInvictus + " --format jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  const auto s = parse_summary(r.err);
  // jq -c '.Records[]' invictus-aws/CloudTrail/*.json | wc -l   → 2900
  EXPECT_EQ(s.records, 2900);
  EXPECT_EQ(s.skipped, 0);
  const JsonLines jl(r.out);
  EXPECT_TRUE(jl.errors().empty()) << jl.errors().front();
  EXPECT_EQ(jl.findings().size(), jl.lines());
  // In each jq command below, `Q` stands for: jq -c '.Records[] | select(...)' *.json | wc -l.
  // jq's != and `not` are true on missing and null, so R3's "has a value" is spelled out.
  const std::vector<std::tuple<std::string, std::string, size_t>> expected = {
      // select(.eventSource=="iam.amazonaws.com" and (.eventName|IN("AttachRolePolicy",
      //   "PutRolePolicy","DetachRolePolicy","DeleteRolePolicy","UpdateAssumeRolePolicy")))
      {"iam_role_policy_changes", "main", 22},
      // select(.eventName=="ConsoleLogin" and .errorMessage=="Failed authentication")
      {"failed_console_logins", "main", 0},
      // select(has("errorCode") and .errorCode != null and .errorCode != "AccessDenied")
      {"ne_access_denied", "main", 284},
      // select((.errorCode == "AccessDenied") | not)
      {"not_access_denied", "main", 2884},
      // select((.userIdentity|type)=="object" and (.userIdentity|has("type")) and
      //   .userIdentity.type != null and (.userIdentity.type | IN("IAMUser","AssumedRole") | not))
      {"other_identity_types", "main", 34},
      // select((.requestParameters|type)=="object" and (.requestParameters.maxResults|type)==
      //   "number" and .requestParameters.maxResults >= 100)
      {"page_size", "main", 40},
      // select((.requestParameters|type)=="object" and (.requestParameters|has("maxResults")) and
      //   .requestParameters.maxResults != null and ((.requestParameters.maxResults|type)=="number"
      //   and .requestParameters.maxResults == 100 | not))
      {"page_size", "not_100", 56},
      // select((.requestParameters|type)=="object" and .requestParameters["x-amz-acl"]=="private")
      {"s3_private_acl", "main", 5},
      // select((.eventTime|type)=="string" and .eventTime >= "2023-07-10T12:00:00Z" and
      //   .eventTime < "2023-07-10T12:30:00Z")
      {"first_half_hour", "main", 2095},
      // select(.readOnly == true and .eventSource == "ec2.amazonaws.com")
      {"ec2_reads", "main", 737},
      // select(.eventType == "AwsConsoleSignIn")
      {"ec2_reads", "console", 3},
      // select(has("errorCode") and .errorCode == null)   (`.errorCode == null` alone: 2600)
      {"null_error_code", "main", 0},
      // select((.requestParameters|type)=="object" and (.requestParameters.durationSeconds|type)
      //   =="number" and .requestParameters.durationSeconds > 899.5)
      {"session_lengths", "main", 24},
      // ... and .requestParameters.durationSeconds == 900)
      {"session_lengths", "exactly_900", 19},
  };
  const auto summary = per_query_summary(r.err);
  for (const auto& [runbook, query, count] : expected) {
    EXPECT_EQ(jl.count(runbook, query), count) << runbook << "." << query;
    const std::string name = query == "main" ? runbook : runbook + "." + query;
    ASSERT_TRUE(summary.count(name)) << name << " not in the summary:\n" << r.err;
    EXPECT_EQ(summary.at(name), static_cast<long>(count)) << name;
  }
}

TEST(CliScan, InvictusFindingsCarryTheSelectedValues) {
  REQUIRE_SHARED_DATA();
  const RunResult r =
      run_trailbook("scan tests/data/semantics_counts.tb --input " + kInvictus + " --format jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  const JsonLines jl(r.out);
  ASSERT_TRUE(jl.errors().empty()) << jl.errors().front();
  size_t string_pages = 0, acl = 0, console = 0, other = 0;
  const std::string dir = fs::weakly_canonical(kInvictus).string() + "/";
  for (const Finding& f : jl.findings()) {
    EXPECT_EQ(f.severity, "info");
    ASSERT_EQ(f.file.rfind(dir, 0), 0u) << f.file;
    ASSERT_TRUE(fs::exists(f.file)) << f.file;
    EXPECT_GE(f.record, 0);
    EXPECT_FALSE(f.event_id.empty()) << f.runbook;
    EXPECT_EQ(f.event_time.rfind("2023-07-10T", 0), 0u) << f.event_time;
    if (f.runbook == "page_size" && f.query == "not_100") {
      simdjson::dom::element max;
      ASSERT_EQ(f.fields["max"].get(max), simdjson::SUCCESS) << f.fields_json;
      if (max.is_string()) {
        ++string_pages;  // "1" or "100" as text: != 100 holds (R4)
      } else {
        ASSERT_TRUE(max.is_number()) << f.fields_json;
        EXPECT_NE(max.get_double().value(), 100.0) << f.fields_json;
      }
    }
    if (f.runbook == "s3_private_acl") {
      ++acl;
      EXPECT_EQ(f.fields_json.find(R"("acl":"private")"), 1u) << f.fields_json;
    }
    if (f.runbook == "ec2_reads" && f.query == "console") {
      ++console;
      simdjson::dom::object identity;
      ASSERT_EQ(f.fields["userIdentity"].get_object().get(identity), simdjson::SUCCESS)
          << f.fields_json;  // an object is output as JSON, not as a string
      std::string_view type;
      EXPECT_EQ(identity["type"].get_string().get(type), simdjson::SUCCESS);
      EXPECT_EQ(type, "IAMUser");  // jq: select(.eventType=="AwsConsoleSignIn")|.userIdentity.type
    }
    if (f.runbook == "other_identity_types") {
      ++other;
      // jq: ... | .userIdentity.type | sort | uniq -c   → 34 "AWSService"
      EXPECT_EQ(f.fields_json, R"({"userIdentity.type":"AWSService"})");
    }
    if (f.runbook == "not_access_denied") {
      EXPECT_EQ(f.fields_json, "{}");  // no select: an empty fields object
    }
  }
  // jq: (the page_size.not_100 filter) | .requestParameters.maxResults | type   → 17 "string"
  EXPECT_EQ(string_pages, 17u);
  EXPECT_EQ(acl, 5u);
  EXPECT_EQ(console, 3u);
  EXPECT_EQ(other, 34u);
}

TEST(CliScan, StratusTopLevelArraysMatchJq) {
  REQUIRE_SHARED_DATA();
  const RunResult r =
      run_trailbook("scan tests/data/runbooks/ tests/data/semantics_counts.tb --input " + kStratus +
                    " --format jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  // jq -c '.[]' stratus-red-team/detonation-logs/*.json | wc -l   → 290
  EXPECT_EQ(parse_summary(r.err).records, 290);
  const JsonLines jl(r.out);
  EXPECT_TRUE(jl.errors().empty());
  // The same filters as above with '.[]' in place of '.Records[]'.
  const std::vector<std::tuple<std::string, std::string, size_t>> expected = {
      {"iam_role_policy_changes", "main", 2},
      {"failed_console_logins", "main", 0},
      {"ne_access_denied", "main", 47},
      {"not_access_denied", "main", 285},
      {"other_identity_types", "main", 1},
      {"page_size", "main", 1},
      {"page_size", "not_100", 0},
      {"first_half_hour", "main", 0},
      {"ec2_reads", "main", 78},
      {"ec2_reads", "console", 1},
      {"null_error_code", "main", 0},
      {"session_lengths", "main", 8},
      {"session_lengths", "exactly_900", 8},
  };
  for (const auto& [runbook, query, count] : expected) {
    EXPECT_EQ(jl.count(runbook, query), count) << runbook << "." << query;
  }
}

TEST(CliScan, ConsoleLoginInStratus) {
  REQUIRE_SHARED_DATA();
  TempDir dir;
  const std::string rb = dir.file("login.tb",
                                  "runbook login { title \"t\" severity high\n"
                                  "  where eventName == \"ConsoleLogin\"\n"
                                  "  select userIdentity.type, additionalEventData.MFAUsed }\n");
  const RunResult r = run_trailbook("scan " + rb + " --input " + kStratus + " --format jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  // jq -c '.[] | select(.eventName=="ConsoleLogin")' detonation-logs/*.json | wc -l   → 1
  const JsonLines jl(r.out);
  ASSERT_EQ(jl.count("login"), 1u) << r.out;
  // jq -c '.[] | select(.eventName=="ConsoleLogin") | [.userIdentity.type,
  //   .additionalEventData.MFAUsed]'   → ["IAMUser","No"]
  EXPECT_EQ(jl.findings()[0].fields_json,
            R"({"userIdentity.type":"IAMUser","additionalEventData.MFAUsed":"No"})");
  EXPECT_EQ(jl.findings()[0].severity, "high");
}

// ---- broken input ----------------------------------------------------------------------------

TEST(CliScan, MalformedJsonLinesRecordIsSkippedWithFileRecordAndLine) {
  TempDir dir;
  const std::string file = dir.file(
      "trail.jsonl",
      record(0, "PutRolePolicy") + "\n" + record(1, "GetRole") + "\n" +
          R"({"eventID":"id-2","eventName":"PutRolePolicy","eventSource":"iam.amazonaws.com","sourceIPAddress":tru})" +
          "\n\n" + record(3, "PutRolePolicy") + "\n");
  const RunResult r =
      run_trailbook("scan tests/data/runbooks/ --input " + file + " --format jsonl");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  EXPECT_NE(r.err.find("trailbook: warning: " + file + ": record 2 (line 3): malformed record: "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("the result is incomplete"), std::string::npos) << r.err;
  const auto s = parse_summary(r.err);
  EXPECT_EQ(s.records, 4);
  EXPECT_EQ(s.matched, 2);
  EXPECT_EQ(s.unmatched, 1);
  EXPECT_EQ(s.skipped, 1);
  const JsonLines jl(r.out);
  ASSERT_EQ(jl.findings().size(), 2u);
  EXPECT_EQ(jl.findings()[0].event_id, "id-0");
  EXPECT_EQ(jl.findings()[1].event_id, "id-3");
  EXPECT_EQ(jl.findings()[1].record, 3);
}

TEST(CliScan, MalformedRecordInAPrettyPrintedDeliveryFileGivesItsLine) {
  TempDir dir;
  const std::string file = dir.file("pretty.json",
                                    "{\n"
                                    "  \"Records\": [\n"
                                    "    " +
                                        record(0, "PutRolePolicy") +
                                        ",\n"
                                        "    {\"eventID\": \"id-1\",\n"
                                        "     \"eventName\": \"PutRolePolicy\", \"eventSource\": "
                                        "\"iam.amazonaws.com\", \"sourceIPAddress\": tru},\n"
                                        "    " +
                                        record(2, "DetachRolePolicy") +
                                        "\n"
                                        "  ]\n"
                                        "}\n");
  const RunResult r =
      run_trailbook("scan tests/data/runbooks/ --input " + file + " --format jsonl");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  EXPECT_NE(r.err.find(file + ": record 1 (line 4): malformed record"), std::string::npos) << r.err;
  const auto s = parse_summary(r.err);
  EXPECT_EQ(s.records, 3);
  EXPECT_EQ(s.matched, 2);
  EXPECT_EQ(s.skipped, 1);
}

// The prefilter skips records whose raw bytes hold none of the literals the runbooks need,
// without parsing them: no reading of those bytes could match. A line cut in two is still
// reported; damage inside a skipped record is reported only with --no-prefilter.
TEST(CliScan, ThePrefilterSkipsRecordsUnparsedButStillReportsCutLines) {
  TempDir dir;
  const std::string file =
      dir.file("trail.jsonl", record(0, "PutRolePolicy") + "\n" +
                                  R"({"eventID":"id-1","eventName":"GetRole","eventSource":tru})" +
                                  "\n" + R"({"eventID":"id-2","eventName":"PutRol)" + "\n" +
                                  R"(ePolicy","eventSource":"iam.amazonaws.com"})" + "\n" +
                                  record(4, "ListRoles") + "\n");
  const RunResult r =
      run_trailbook("scan tests/data/runbooks/ --input " + file + " --format jsonl --stats");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  auto s = parse_summary(r.err);
  EXPECT_EQ(s.records, 5);
  EXPECT_EQ(s.matched, 1);
  EXPECT_EQ(s.unmatched, 2);  // GetRole's damage is in bytes no runbook could match
  EXPECT_EQ(s.skipped, 2);    // the two halves of the cut line
  EXPECT_NE(r.err.find(file + ": record 2 (line 3): malformed record: the record is not one "
                              "whole JSON object"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("prefilter: 2 of 5 records (40.0%) skipped unparsed"), std::string::npos)
      << r.err;
  const RunResult all =
      run_trailbook("scan tests/data/runbooks/ --input " + file + " --format jsonl --no-prefilter");
  s = parse_summary(all.err);
  EXPECT_EQ(s.matched, 1);
  EXPECT_EQ(s.skipped, 3) << all.err;  // the damaged GetRole record too
  EXPECT_EQ(all.out, r.out);
}

// With and without the prefilter, the same findings on the real trails.
TEST(CliScan, ThePrefilterChangesNoFindingOnRealTrails) {
  REQUIRE_SHARED_DATA();
  for (const std::string& input : {kInvictus, kStratus}) {
    const std::string scan = "scan tests/data/runbooks/ --input " + input + " --format jsonl";
    const RunResult with = run_trailbook(scan + " --stats");
    const RunResult without = run_trailbook(scan + " --no-prefilter");
    EXPECT_EQ(with.exit_code, without.exit_code) << input;
    EXPECT_EQ(with.out, without.out) << input;
    EXPECT_EQ(parse_summary(with.err).matched, parse_summary(without.err).matched);
    EXPECT_EQ(with.err.find("prefilter: 0 of"), std::string::npos) << with.err;
  }
}

// A record that jq rejects must not be scanned as if it were whole (R12): with --validate,
// damage anywhere is reported; by default only what the runbooks read is validated.
TEST(CliScan, DamageInAFieldNoRunbookReadsIsReportedWithValidate) {
  TempDir dir;
  const std::string file =
      dir.file("junk.json", R"({"Records":[{"eventID":"a","eventSource":"iam.amazonaws.com",)"
                            R"("eventName":"PutRolePolicy","junk":tru}]})");
  RunResult r =
      run_trailbook("scan tests/data/runbooks/ --input " + file + " --format jsonl --validate");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  EXPECT_EQ(parse_summary(r.err).skipped, 1) << r.err;
  EXPECT_NE(r.err.find(file + ": record 0 (line 1): malformed record"), std::string::npos) << r.err;
  r = run_trailbook("scan tests/data/runbooks/ --input " + file + " --format jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(parse_summary(r.err).matched, 1) << r.err;
}

// JSON lines must be JSON: a selected object or array that is itself broken must not be copied
// into the output (nor "minified" into something else: [1 2] became [12]).
TEST(CliScan, BrokenObjectsAndArraysNeverReachTheJsonLinesOutput) {
  GTEST_SKIP()
      << "BUG: objects and arrays read whole are not validated: input "
         "{\"requestParameters\":{\"x\":[1 2]}} is printed as \"requestParameters.x\":[12] "
         "and [tru] / {\"y\":nul} / [1,] are printed verbatim, so --format jsonl emits "
         "invalid JSON; the record is counted as matched, not skipped";
  TempDir dir;
  const std::string rb =
      dir.file("x.tb",
               "runbook x { title \"t\" severity info where requestParameters.x != null "
               "select requestParameters.x }");
  std::string lines;
  for (const char* v : {"[1 2]", "[tru]", "{\"y\":nul}", "[1,]", "{\"y\":1,}", "[01]"}) {
    lines += std::string(R"({"requestParameters":{"x":)") + v + "}}\n";
  }
  lines += R"({"requestParameters":{"x":[1, 2]}})"
           "\n";
  const std::string file = dir.file("broken.jsonl", lines);
  const RunResult r = run_trailbook("scan " + rb + " --input " + file + " --format jsonl");
  expect_balanced(r);
  const JsonLines jl(r.out);
  EXPECT_TRUE(jl.errors().empty()) << "invalid JSON line: " << jl.errors().front();
  EXPECT_EQ(r.out.find("[12]"), std::string::npos) << r.out;
  EXPECT_EQ(parse_summary(r.err).skipped, 6) << r.err;
  EXPECT_EQ(parse_summary(r.err).matched, 1) << r.err;
  EXPECT_EQ(r.exit_code, 3);
}

// gzip with a full flush after every record, so the exact byte where each record ends in the
// compressed stream is known. Returns the file and the compressed size after each record.
std::pair<std::string, std::vector<size_t>> gzip_with_flushes(
    const std::vector<std::string>& parts) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out;
  std::vector<size_t> ends;
  char buf[1 << 16];
  for (size_t i = 0; i < parts.size(); ++i) {
    const bool last = i + 1 == parts.size();
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(parts[i].data()));
    z.avail_in = static_cast<uInt>(parts[i].size());
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      deflate(&z, last ? Z_FINISH : Z_FULL_FLUSH);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
    ends.push_back(out.size());
  }
  deflateEnd(&z);
  return {out, ends};
}

TEST(CliScan, TruncatedGzipKeepsExactlyTheRecordsBeforeTheCut) {
  TempDir dir;
  std::vector<std::string> parts = {R"({"Records":[)"};
  for (int i = 0; i < 100; ++i) parts.push_back((i ? "," : "") + record(i, "PutRolePolicy"));
  parts.push_back("]}\n");
  const auto [gz, ends] = gzip_with_flushes(parts);
  // Cut 5 bytes after the flush that ends record 59 (part 60): records 0..59 are whole.
  const std::string cut = dir.file("cut.json.gz", gz.substr(0, ends[60] + 5));
  const std::string whole = dir.file("whole/whole.json.gz", gz);
  const RunResult r = run_trailbook("scan tests/data/runbooks/ --input " + cut + " " + dir.path() +
                                    "/whole --format jsonl -q");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  EXPECT_NE(r.err.find("trailbook: warning: " + cut + ": "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("warning: " + whole), std::string::npos) << r.err;
  const auto s = parse_summary(r.err);
  EXPECT_EQ(s.matched, 160);  // 60 before the cut and all 100 of the whole file
  EXPECT_LE(s.skipped, 1);    // at most the record the cut went through
  EXPECT_EQ(s.unmatched, 0);
  const JsonLines jl(r.out);
  EXPECT_EQ(jl.findings().size(), 160u);
  EXPECT_TRUE(jl.errors().empty());
}

TEST(CliScan, GzipCutInsideItsHeaderIsAProblemNotACrash) {
  TempDir dir;
  const auto [gz, ends] = gzip_with_flushes({R"({"Records":[)", record(0, "PutRolePolicy"), "]}"});
  const std::string cut = dir.file("stub.json.gz", gz.substr(0, 6));
  const RunResult r = run_trailbook("scan tests/data/runbooks/ --input " + cut + " -q");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  EXPECT_NE(r.err.find(cut), std::string::npos) << r.err;
  EXPECT_EQ(parse_summary(r.err).matched, 0);
}

// ---- exit statuses ---------------------------------------------------------------------------

TEST(CliExit, FindingsExitOneOnlyWithTheFlagAndIncompleteWins) {
  TempDir dir;
  const std::string hit =
      dir.file("hit.json", R"({"Records":[)" + record(0, "PutRolePolicy") + "]}");
  // Damage where the pack reads, in a record the prefilter lets through.
  const std::string broken =
      dir.file("broken.json",
               R"({"Records":[{"eventSource":"iam.amazonaws.com","eventName":"PutRolePolicy",)"
               R"("sourceIPAddress":}]})");
  RunResult r =
      run_trailbook("scan tests/data/runbooks/ --input " + hit + " --fail-on-findings -q");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  expect_balanced(r);
  EXPECT_TRUE(r.out.find("\"eventID\":\"id-0\"") != std::string::npos) << r.out;
  r = run_trailbook("scan tests/data/runbooks/ --input " + hit + " -q");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  // Findings and unreadable input: the result is incomplete, and that is what the status says.
  r = run_trailbook("scan tests/data/runbooks/ --input " + hit + " " + broken +
                    " --fail-on-findings -q");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
}

TEST(CliExit, MissingInputPathIsNamedAndTheResultIncomplete) {
  TempDir dir;
  const std::string hit =
      dir.file("hit.json", R"({"Records":[)" + record(0, "PutRolePolicy") + "]}");
  const RunResult r =
      run_trailbook("scan tests/data/runbooks/ --input " + hit + " " + dir.path() + "/absent -q");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  EXPECT_NE(r.err.find("trailbook: warning: " + dir.path() + "/absent: no such file or directory"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("the result is incomplete"), std::string::npos) << r.err;
  EXPECT_EQ(parse_summary(r.err).matched, 1);  // the readable input is still scanned
}

TEST(CliExit, CompileErrorsInScanExitTwoBeforeReadingInput) {
  TempDir dir;
  const std::string rb =
      dir.file("bad.tb", "runbook b { title \"t\" severity low where eventNme == \"x\" }");
  const RunResult r = run_trailbook("scan " + rb + " --input /no/such/trail");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean 'eventName'?"), std::string::npos) << r.err;
  EXPECT_FALSE(parse_summary(r.err).found) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(CliOutput, TableFormatListsEachQueryWithItsRows) {
  TempDir dir;
  const std::string file =
      dir.file("t.json", R"({"Records":[)" + record(0, "PutRolePolicy") + "," +
                             record(1, "GetRole") + "," + record(2, "DeleteRolePolicy") + "]}");
  const RunResult r =
      run_trailbook("scan tests/data/runbooks/ --input " + file + " --format table");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  EXPECT_NE(r.out.find("iam_role_policy_changes (medium): IAM role policy changes \xe2\x80\x94 2 "
                       "matches\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("t.json#0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("t.json#2"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("t.json#1"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("failed_console_logins"), std::string::npos) << r.out;  // no rows, no table
}

}  // namespace
