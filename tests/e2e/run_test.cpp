// End to end: trailbook run's markdown report and CSV output on the bundled samples. Expected
// counts come from jq over samples/ (the command is next to each number), never from trailbook.
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/temp_dir.h"

using tb::e2e::parse_summary;
using tb::e2e::run_shell;
using tb::e2e::run_trailbook;
using tb::e2e::RunResult;
using tb::e2e::TempDir;

namespace {

const std::string kRolePolicy = "runbooks/investigations/iam_role_policy_changes.tb";

// The records of samples/ that iam_role_policy_changes matches:
//   find samples -name '*.json.gz' | xargs zcat | jq -c '.Records[] |
//     select(.eventSource=="iam.amazonaws.com" and (.eventName|IN("AttachRolePolicy",
//     "DetachRolePolicy","PutRolePolicy","DeleteRolePolicy","PutRolePermissionsBoundary",
//     "DeleteRolePermissionsBoundary","UpdateAssumeRolePolicy")))' | wc -l          -> 10
// ... | jq -r .userIdentity.arn | sort -u | wc -l                                    -> 8
// ... | jq -r .sourceIPAddress | sort | uniq -c: 198.51.100.87 most often           -> 6
// ... | jq -r .userIdentity.arn | sort | uniq -c: .../user/ci-terraform (414560418482) -> 3
constexpr int kRolePolicyRecords = 10;
constexpr int kRolePolicyActors = 8;

bool contains(const std::string& text, const std::string& pattern) {
  return std::regex_search(text, std::regex(pattern));
}

// Every line of a markdown table has as many cells as the table's header.
void expect_well_formed_tables(const std::string& text) {
  size_t header_cells = 0, tables = 0;
  bool in_table = false;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    const std::string line = text.substr(start, nl - start);
    if (line.empty() || line[0] != '|') {
      in_table = false;
      continue;
    }
    size_t cells = 0;
    for (size_t i = 1; i < line.size(); ++i) cells += line[i] == '|' && line[i - 1] != '\\';
    if (!in_table) {
      header_cells = cells;
      in_table = true;
      ++tables;
    }
    EXPECT_EQ(cells, header_cells) << line;
  }
  EXPECT_GT(tables, 0u);
}

// The report's "Records: N read = M matched + U not matched + S skipped" balances and agrees
// with the summary line on stderr.
void expect_balanced_report(const RunResult& r) {
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      r.out, m,
      std::regex(
          R"(- \*\*Records:\*\* (\d+) read = (\d+) matched \+ (\d+) not matched \+ (\d+) skipped)")))
      << r.out;
  const long read = std::stol(m[1]), matched = std::stol(m[2]), unmatched = std::stol(m[3]),
             skipped = std::stol(m[4]);
  EXPECT_EQ(read, matched + unmatched + skipped);
  const auto s = parse_summary(r.err);
  ASSERT_TRUE(s.found) << r.err;
  EXPECT_EQ(s.records, read);
  EXPECT_EQ(s.matched, matched);
  EXPECT_EQ(s.skipped, skipped);
}

TEST(Run, ReportOfOneRunbookOnTheSamples) {
  const RunResult r = run_trailbook("run " + kRolePolicy + " -i samples/");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_balanced_report(r);
  expect_well_formed_tables(r.out);
  EXPECT_EQ(r.out.rfind("# trailbook investigation report\n", 0), 0u) << r.out;
  EXPECT_TRUE(contains(r.out, "- \\*\\*Inputs:\\*\\* `samples/`\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "\n## IAM role policy changes\n")) << r.out;
  EXPECT_TRUE(contains(r.out,
                       "`iam-role-policy-changes` · severity \\*\\*medium\\*\\* · runbook "
                       "`iam_role_policy_changes` · " +
                           std::to_string(kRolePolicyRecords) + " records matched, from "))
      << r.out;
  // Each query with its question (the comment above it) and its counts.
  EXPECT_TRUE(contains(r.out, "\\| `main` +\\| Who changed the permissions of IAM roles[^|]*\\| +" +
                                  std::to_string(kRolePolicyRecords) + " \\| +" +
                                  std::to_string(kRolePolicyRecords) + " rows \\|"))
      << r.out;
  EXPECT_TRUE(contains(r.out,
                       "\\| `by_actor` +\\| How many role policy changes each actor made, "
                       "to which roles, and when\\. +\\| +" +
                           std::to_string(kRolePolicyRecords) + " \\| +" +
                           std::to_string(kRolePolicyActors) + " rows \\|"))
      << r.out;
  // Top values: the actor, source address and region seen most.
  EXPECT_TRUE(contains(r.out,
                       "\n\\| `arn:aws:iam::414560418482:user/ci-terraform` +\\| +3 \\| "
                       "`198\\.51\\.100\\.87` +\\| +6 \\| `us-east-1` +\\| +10 \\|\n"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "\n### `by_actor`: " + std::to_string(kRolePolicyActors) + " rows\n"))
      << r.out;
  // The per-query lines are in the report; stderr keeps the summary line.
  EXPECT_EQ(r.err.find("by_actor"), std::string::npos) << r.err;
}

TEST(Run, LibraryReportOnTheSamplesListsQuietRunbooksLast) {
  const RunResult r = run_trailbook("run runbooks/ -i samples/ --max-rows 3");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_balanced_report(r);
  expect_well_formed_tables(r.out);
  const size_t role = r.out.find("\n## IAM role policy changes\n");
  const size_t quiet = r.out.find("\n## Runbooks without results\n");
  ASSERT_NE(role, std::string::npos) << r.out;
  ASSERT_NE(quiet, std::string::npos) << r.out;
  EXPECT_LT(role, quiet);
  // --max-rows 3: the by_actor table shows 3 of its rows.
  EXPECT_TRUE(contains(r.out, "\n… and " + std::to_string(kRolePolicyActors - 3) + " more"))
      << r.out;
  // Runbooks with results: most severe first.
  const size_t first_high = r.out.find("severity **high**");
  const size_t last_low = r.out.rfind("severity **low**");
  if (first_high != std::string::npos && last_low != std::string::npos) {
    EXPECT_LT(first_high, last_low);
  }
}

// The frozen copy in tests/data lists five of the seven events (no permission boundaries):
//   ... | select(.eventSource=="iam.amazonaws.com" and (.eventName|IN("AttachRolePolicy",
//     "PutRolePolicy","DetachRolePolicy","DeleteRolePolicy","UpdateAssumeRolePolicy")))' | wc -l
//                                                                                      -> 9
TEST(Run, FrozenTestRunbooksAsAReportAndAsJsonLines) {
  const RunResult md = run_trailbook("run tests/data/runbooks -i samples/");
  ASSERT_EQ(md.exit_code, 0) << md.err;
  expect_balanced_report(md);
  expect_well_formed_tables(md.out);
  EXPECT_TRUE(contains(md.out, "runbook `iam_role_policy_changes` · 9 records matched, from "))
      << md.out;
  const RunResult jsonl = run_trailbook("run tests/data/runbooks -i samples/ --format jsonl");
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  EXPECT_EQ(tb::e2e::count_lines_with(jsonl.out,
                                      "\"runbook\":\"iam_role_policy_changes\","
                                      "\"query\":\"main\""),
            9u)
      << jsonl.out;
}

TEST(Run, IncompleteInputIsSaidInTheReportAndTheExitStatus) {
  TempDir dir;
  const std::string logs =
      dir.file("trail.jsonl",
               R"({"eventTime":"2026-11-01T00:00:00Z","eventSource":"iam.amazonaws.com",)"
               R"("eventName":"AttachRolePolicy","userIdentity":{"arn":"arn:aws:iam::1:user/a"},)"
               R"("sourceIPAddress":"10.0.0.1","awsRegion":"eu-west-1","eventID":"e1"})"
               "\n{\"eventTime\": broken\n");
  const RunResult r = run_trailbook("run " + kRolePolicy + " -i " + logs);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_balanced_report(r);
  EXPECT_TRUE(contains(r.out,
                       "> \\*\\*Warning: the result is incomplete\\.\\*\\* 1 records "
                       "skipped"))
      << r.out;
  EXPECT_TRUE(contains(r.out,
                       "\\| `arn:aws:iam::1:user/a` \\| +1 \\| `10\\.0\\.0\\.1` +\\| +1 \\| "
                       "`eu-west-1` \\| +1 \\|"))
      << r.out;
}

// CSV read back by Python's csv module: one header, every row as wide, and per query the
// number of rows jq counts.
TEST(Run, CsvReadsBackWithAStandardReader) {
  TempDir dir;
  const std::string out = dir.file("out.csv", "");
  const RunResult r = run_trailbook("run " + kRolePolicy + " -i samples/ --format csv -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const RunResult py = run_shell(
      "python3 -c 'import csv, sys, collections\n"
      "rows = list(csv.reader(open(sys.argv[1], newline=\"\")))\n"
      "assert all(len(row) == len(rows[0]) for row in rows), \"ragged\"\n"
      "print(\",\".join(rows[0][:7]))\n"
      "q = rows[0].index(\"query\")\n"
      "for name, n in sorted(collections.Counter(row[q] for row in rows[1:]).items()):\n"
      "    print(name, n)' " +
      out);
  ASSERT_EQ(py.exit_code, 0) << py.err;
  EXPECT_EQ(py.out.substr(0, py.out.find('\n')),
            "runbook,query,severity,file,record,eventTime,eventID");
  EXPECT_NE(py.out.find("\nmain " + std::to_string(kRolePolicyRecords) + "\n"), std::string::npos)
      << py.out;
  EXPECT_NE(py.out.find("\nby_actor " + std::to_string(kRolePolicyActors) + "\n"),
            std::string::npos)
      << py.out;
}

TEST(Scan, CsvOfStreamingFindingsHasTheirFileRecordAndFields) {
  TempDir dir;
  const std::string logs = dir.file(
      "t.jsonl", R"({"eventTime":"2026-11-01T00:00:00Z","eventName":"CreateUser","eventID":"e1",)"
                 R"("userAgent":"a, \"quoted\"\nagent"})"
                 "\n");
  const std::string runbook = dir.file("r.tb",
                                       "runbook r {\n  title \"r\"\n  severity low\n"
                                       "  where eventName == \"CreateUser\"\n"
                                       "  select eventName, userAgent\n}\n");
  const RunResult r = run_trailbook("scan " + runbook + " -i " + logs + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "runbook,query,severity,file,record,eventTime,eventID,eventName,userAgent\r\n"
            "r,main,low," +
                logs + ",0,2026-11-01T00:00:00Z,e1,CreateUser,\"a, \"\"quoted\"\"\nagent\"\r\n");
}

// Colours: diagnostics are coloured on a terminal only, and never with NO_COLOR set.
TEST(Colour, OnlyOnATerminalAndNeverWithNoColor) {
  TempDir dir;
  const std::string bad = dir.file("bad.tb",
                                   "runbook bad {\n  title \"x\"\n  severity hihg\n"
                                   "  where eventName == \"x\"\n}\n");
  // script(1) runs the command on a pseudo-terminal.
  const std::string on_tty = "script -qec '" TB_TRAILBOOK_BIN " check " + bad + "' /dev/null";
  const RunResult tty = run_shell("env -u NO_COLOR " + on_tty);
  if (tty.exit_code == -1 || tty.out.empty()) GTEST_SKIP() << "no script(1): " << tty.err;
  EXPECT_NE(tty.out.find("\x1b["), std::string::npos) << tty.out;
  EXPECT_NE(tty.out.find("TB3003"), std::string::npos) << tty.out;
  const RunResult no_color = run_shell("NO_COLOR=1 " + on_tty);
  EXPECT_NE(no_color.out.find("TB3003"), std::string::npos) << no_color.out;
  EXPECT_EQ(no_color.out.find('\x1b'), std::string::npos) << no_color.out;
  const RunResult piped = run_shell("env -u NO_COLOR " TB_TRAILBOOK_BIN " check " + bad + " 2>&1");
  EXPECT_NE(piped.out.find("TB3003"), std::string::npos) << piped.out;
  EXPECT_EQ(piped.out.find('\x1b'), std::string::npos) << piped.out;
}

}  // namespace
