// End to end: the trailbook binary on real CloudTrail (../shared/data), the bundled samples, and
// broken input. Expected counts come from jq (the command is next to each number), never from
// trailbook itself. Every scan's summary must balance.
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/temp_dir.h"

namespace fs = std::filesystem;
using tb::e2e::count_lines_with;
using tb::e2e::expect_balanced;
using tb::e2e::parse_summary;
using tb::e2e::run_trailbook;
using tb::e2e::RunResult;
using tb::e2e::TempDir;

namespace {

const std::string kInvictus = TB_SHARED_DATA_DIR "/invictus-aws/CloudTrail";
const std::string kStratus = TB_SHARED_DATA_DIR "/stratus-red-team/detonation-logs";

#define REQUIRE_SHARED_DATA() \
  if (!fs::exists(kInvictus)) GTEST_SKIP() << "no ../shared/data beside the checkout"

std::string record(int i, const std::string& event_name) {
  return R"({"eventVersion":"1.08","eventTime":"2026-11-01T00:00:)" + std::to_string(10 + i) +
         R"(Z","eventSource":"iam.amazonaws.com","eventName":")" + event_name +
         R"(","eventID":"id-)" + std::to_string(i) + R"("})";
}

TEST(Check, ShippedRunbooksCompile) {
  const RunResult r = run_trailbook("check runbooks/");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Clean: no warning either (what a runbook accepts with `allow` is not counted).
  EXPECT_NE(r.err.find("checked, no errors\n"), std::string::npos) << r.err;
}

TEST(Check, ShippedRunbooksPassTheirTestsAndEveryFileHasSome) {
  const RunResult r = run_trailbook("test runbooks/");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(" passed, 0 failed\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("without tests"), std::string::npos) << r.out;
}

TEST(Check, UnknownFieldIsACompileErrorWithLocationCaretAndSuggestion) {
  TempDir dir;
  const std::string path = dir.file("bad.tb",
                                    "runbook bad {\n"
                                    "  title \"x\"\n"
                                    "  severity low\n"
                                    "  where eventName == \"AssumeRole\"\n"
                                    "  select eventTime, userIdentity.arm\n"
                                    "}\n");
  const RunResult r = run_trailbook("check " + path);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(path + ":5:21: error: unknown field 'userIdentity.arm' [TB2001]"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("    5 |   select eventTime, userIdentity.arm\n"
                       "      |                     ^~~~~~~~~~~~~~~~\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("note: did you mean 'userIdentity.arn'?"), std::string::npos) << r.err;
}

TEST(Check, SyntaxErrorExitsTwo) {
  TempDir dir;
  const std::string path = dir.file("syntax.tb", "runbook x { title \"t\" severity low where }\n");
  const RunResult r = run_trailbook("check " + path);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(path + ":1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[TB1001]"), std::string::npos) << r.err;
}

TEST(Scan, InvictusMatchesJqForTheShippedRunbooks) {
  REQUIRE_SHARED_DATA();
  const RunResult r =
      run_trailbook("scan tests/data/runbooks/ --input " + kInvictus + " --format jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  // jq -c '.Records[] | select(.eventSource=="iam.amazonaws.com" and (.eventName |
  //   IN("AttachRolePolicy","PutRolePolicy","DetachRolePolicy","DeleteRolePolicy",
  //      "UpdateAssumeRolePolicy")))' invictus-aws/CloudTrail/*.json | wc -l   → 22
  EXPECT_EQ(count_lines_with(r.out, R"("runbook":"iam_role_policy_changes")"), 22u);
  // jq -c '.Records[] | select(.eventName=="ConsoleLogin" and
  //   .errorMessage=="Failed authentication")' invictus-aws/CloudTrail/*.json | wc -l   → 0
  EXPECT_EQ(count_lines_with(r.out, R"("runbook":"failed_console_logins")"), 0u);
  const auto s = parse_summary(r.err);
  EXPECT_EQ(s.records, 2900);
  EXPECT_EQ(s.skipped, 0);
}

TEST(Scan, InvictusMatchesJqForMorePredicates) {
  REQUIRE_SHARED_DATA();
  const RunResult r =
      run_trailbook("scan tests/data/access_denied.tb --input " + kInvictus + " --format jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  // jq -c '.Records[] | select(.errorCode=="AccessDenied" or
  //   .errorCode=="Client.UnauthorizedOperation")' ... | wc -l   → 60
  EXPECT_EQ(count_lines_with(r.out, R"("runbook":"access_denied")"), 60u);
  // jq -c '.Records[] | select(.userIdentity.type=="AssumedRole" and .readOnly==false)' → 23
  EXPECT_EQ(count_lines_with(r.out, R"("runbook":"assumed_role_writes")"), 23u);
  // jq -c '.Records[] | select(.requestParameters.maxResults == 1000)' → 29 (a number; the
  // string "1000" would not match)
  EXPECT_EQ(count_lines_with(r.out, R"("runbook":"big_pages")"), 29u);
}

TEST(Scan, StratusJsonArraysAreRead) {
  REQUIRE_SHARED_DATA();
  TempDir dir;
  const std::string rb =
      dir.file("login.tb",
               "runbook console_login { title \"t\" severity info\n"
               "  where eventName == \"ConsoleLogin\" select sourceIPAddress }\n");
  const RunResult r = run_trailbook("scan " + rb + " --input " + kStratus + " --format jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  // jq -c '.[] | select(.eventName=="ConsoleLogin")' detonation-logs/*.json | wc -l   → 1
  EXPECT_EQ(count_lines_with(r.out, R"("runbook":"console_login")"), 1u);
  EXPECT_EQ(parse_summary(r.err).records, 290);
}

TEST(Scan, SamplesHoldWhatTheSamplesReadmeSays) {
  const RunResult r = run_trailbook("scan tests/data/runbooks/ --input samples/ --format jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_balanced(r);
  EXPECT_EQ(count_lines_with(r.out, R"("runbook":"iam_role_policy_changes")"), 9u);
  EXPECT_EQ(count_lines_with(r.out, R"("runbook":"failed_console_logins")"), 16u);
  EXPECT_EQ(parse_summary(r.err).records, 4000);
}

TEST(Scan, MalformedRecordIsSkippedWithItsLocationAndTheRestIsScanned) {
  TempDir dir;
  const std::string file = dir.file(
      "broken.json",
      R"({"Records":[)" + record(0, "PutRolePolicy") + "," +
          R"({"eventName": "PutRolePolicy", "eventSource": "iam.amazonaws.com", "sourceIPAddress": tru})" +
          "," + record(2, "AttachRolePolicy") + "]}\n");
  const RunResult r =
      run_trailbook("scan tests/data/runbooks/ --input " + file + " --format jsonl");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  EXPECT_NE(r.err.find(file + ": record 1 (line 1): malformed record"), std::string::npos) << r.err;
  EXPECT_EQ(count_lines_with(r.out, R"("runbook":"iam_role_policy_changes")"), 2u);
  const auto s = parse_summary(r.err);
  EXPECT_EQ(s.records, 3);
  EXPECT_EQ(s.skipped, 1);
}

TEST(Scan, TruncatedGzipKeepsTheRecordsBeforeTheDamage) {
  TempDir dir;
  std::string content = R"({"Records":[)";
  for (int i = 0; i < 200; ++i) content += (i ? "," : "") + record(i, "PutRolePolicy");
  content += "]}\n";
  const std::string gz = dir.gzip_file("whole.json.gz", content);
  std::string bytes;
  {
    std::ifstream in(gz, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  fs::remove(gz);
  const std::string cut = dir.file("cut.json.gz", bytes.substr(0, bytes.size() * 2 / 3));
  const RunResult r = run_trailbook("scan tests/data/runbooks/ --input " + cut + " --format jsonl");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced(r);
  EXPECT_NE(r.err.find(cut + ": gzip stream is truncated"), std::string::npos) << r.err;
  const auto s = parse_summary(r.err);
  EXPECT_GT(s.matched, 50);   // records before the damage were scanned
  EXPECT_LT(s.records, 200);  // the rest is gone, and the exit status says so
  EXPECT_EQ(s.skipped, 1);    // the record cut in half
}

TEST(Scan, FailOnFindingsExitsOne) {
  TempDir dir;
  const std::string file =
      dir.file("one.json", R"({"Records":[)" + record(0, "PutRolePolicy") + "]}");
  EXPECT_EQ(
      run_trailbook("scan tests/data/runbooks/ -i " + file + " --fail-on-findings -q").exit_code,
      1);
  const std::string none = dir.file("none.json", R"({"Records":[)" + record(0, "GetRole") + "]}");
  EXPECT_EQ(
      run_trailbook("scan tests/data/runbooks/ -i " + none + " --fail-on-findings -q").exit_code,
      0);
}

TEST(Scan, MissingInputPathMakesTheResultIncomplete) {
  const RunResult r = run_trailbook("scan tests/data/runbooks/ --input /no/such/trail -q");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("/no/such/trail"), std::string::npos) << r.err;
  expect_balanced(r);
}

TEST(Scan, BadUsageExitsTwo) {
  EXPECT_EQ(run_trailbook("scan tests/data/runbooks/").exit_code, 2);  // no --input
  EXPECT_EQ(run_trailbook("frobnicate").exit_code, 2);
  EXPECT_EQ(run_trailbook("scan no-such-runbooks/ --input samples/").exit_code, 2);
}

// Progress goes to stderr only on a terminal, and is erased before anything else is printed
// there; it never reaches the findings. script(1) runs the scan on a pseudo-terminal.
TEST(Progress, OnlyOnATerminalAndErasedBeforeTheSummary) {
  TempDir dir;
  const std::string out = dir.path() + "/findings.jsonl";
  const std::string scan = TB_TRAILBOOK_BIN " scan tests/data/runbooks/ -i samples/ -o " + out;
  const RunResult tty = tb::e2e::run_shell("script -qec '" + scan + "' /dev/null");
  if (tty.exit_code == -1 || tty.out.empty()) GTEST_SKIP() << "no script(1): " << tty.err;
  const std::string erase = "\r\033[K";
  const size_t drawn = tty.out.find(erase + "scanning: ");
  ASSERT_NE(drawn, std::string::npos) << tty.out;
  const size_t summary = tty.out.find("trailbook: 323 files");
  ASSERT_NE(summary, std::string::npos) << tty.out;
  const size_t last_draw = tty.out.rfind(erase + "scanning: ");
  EXPECT_NE(tty.out.find(erase, last_draw + 1), std::string::npos);  // erased after the last
  EXPECT_LT(tty.out.find(erase, last_draw + 1), summary);
  std::ifstream in(out);
  const std::string findings((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(findings.find("\"runbook\""), std::string::npos);
  EXPECT_EQ(findings.find("scanning"), std::string::npos);
  const RunResult quiet = tb::e2e::run_shell("script -qec '" + scan + " -q' /dev/null");
  EXPECT_EQ(quiet.out.find("scanning: "), std::string::npos) << quiet.out;
  const RunResult piped = tb::e2e::run_shell(scan);
  EXPECT_EQ(piped.err.find("scanning: "), std::string::npos) << piped.err;
  EXPECT_NE(piped.err.find("trailbook: 323 files"), std::string::npos) << piped.err;
}

TEST(Help, DocumentsTheExitCodes) {
  const RunResult r = run_trailbook("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* line :
       {"0  ok", "1  findings, when --fail-on-findings is given; a failed test",
        "2  usage or compile errors", "3  incomplete result",
        "--allow-partial: 0 instead; --strict: stop at the first such problem"}) {
    EXPECT_NE(r.out.find(line), std::string::npos) << line << "\n" << r.out;
  }
}

}  // namespace
