// The markdown investigation report: totals that balance, runbooks with results first (most
// severe first), top actors counting each record once per runbook, row limits, well-formed
// tables, and runbooks without results at the end.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "runtime/output/markdown_report.h"
#include "tests/unit/runtime/output/output_test_support.h"

namespace {

using tb::runtime::Finding;
using tb::runtime::MarkdownReport;
using tb::runtime::QueryPlan;
using tb::runtime::ReportOptions;
using tb::runtime::ScanPlan;
using tb::runtime::ScanSummary;
namespace aggregate = tb::runtime::aggregate;
using tb::test::str;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  for (size_t start = 0, nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  return lines;
}

QueryPlan query(uint32_t index, std::string runbook, std::string severity, std::string name) {
  QueryPlan q;
  q.index = index;
  q.runbook = std::move(runbook);
  q.severity = std::move(severity);
  q.query = std::move(name);
  q.columns = {{"eventName", 2}};
  return q;
}

// Slots: 0 eventTime, 1 eventID, 2 eventName, then the context fields from 3.
class ReportTest : public ::testing::Test {
 protected:
  ReportTest() {
    plan.event_time_slot = 0;
    plan.event_id_slot = 1;
    const auto& names = tb::runtime::report_context_fields();
    for (uint32_t i = 0; i < names.size(); ++i) plan.context.push_back({names[i], 3 + i});
    plan.row_matches = true;
    plan.queries = {query(0, "iam", "medium", "main"), query(1, "iam", "medium", "by_actor"),
                    query(2, "root", "high", "main"), query(3, "quiet", "low", "main")};
    aggregate::QueryShape shape;
    shape.columns = {{"actor", aggregate::OutputColumn::Source::Key, 0},
                     {"changes", aggregate::OutputColumn::Source::Aggregate, 0}};
    plan.queries[1].shape = shape;
    options.inputs = {"samples/"};
    options.runbooks = {{"iam", "iam-changes", "IAM changes", "medium", "Who changed IAM.", {}},
                        {"root", "", "Root activity", "high", "", {}},
                        {"quiet", "", "Nothing | here", "low", "", {}}};
    options.runbooks[0].questions["by_actor"] = "How many changes each actor made.";
    options.max_rows = 1;
  }

  // A record: time, actor ARN (or empty for none), principal id, source address, region.
  std::vector<tb_value> record(std::string_view time, std::string_view arn,
                               std::string_view principal, std::string_view ip) {
    std::vector<tb_value> slots(8);
    slots[0] = str(time);
    slots[1] = str("id");
    slots[2] = str("PutRolePolicy");
    if (!arn.empty()) slots[3] = str(arn);
    slots[4] = str(principal);
    slots[6] = str(ip);
    slots[7] = str("eu-west-1");
    return slots;
  }

  std::string render(MarkdownReport& report, const ScanSummary& summary) {
    char* buffer = nullptr;
    size_t size = 0;
    std::FILE* out = ::open_memstream(&buffer, &size);
    report.finish();
    report.write(out, summary);
    std::fclose(out);
    std::string text(buffer, size);
    std::free(buffer);
    return text;
  }

  Finding at(uint32_t q, uint64_t index, const std::vector<tb_value>& slots) {
    return {&plan.queries[q], "f.json", index, slots.data(), &plan};
  }

  ScanPlan plan;
  ReportOptions options;
};

TEST_F(ReportTest, HeaderRunbooksTopValuesAndTables) {
  MarkdownReport report(plan, options);
  const auto r0 = record("2026-11-03T02:00:00Z", "arn:alice", "AIDA1", "1.2.3.4");
  const auto r1 = record("2026-11-03T01:00:00Z", "arn:bob", "AIDA2", "1.2.3.4");
  const auto r2 = record("2026-11-04T00:00:00Z", "", "AIDAROOT", "5.6.7.8");
  // Record 0 matches both iam queries: it counts once for the runbook.
  report.finding(at(0, 0, r0));
  report.row_match(at(1, 0, r0));
  report.finding(at(0, 1, r1));
  report.row_match(at(1, 1, r1));
  report.finding(at(2, 2, r2));
  report.rows(plan.queries[1],
              {{aggregate::Value::of_string("arn:alice"), aggregate::Value::of_int(1)},
               {aggregate::Value::of_string("arn:bob"), aggregate::Value::of_int(1)}});
  ScanSummary s;
  s.files = 1;
  s.bytes = 2000;
  s.records_read = 10;
  s.records_matched = 3;
  s.records_unmatched = 7;
  s.matches_per_query = {2, 2, 1, 0};
  s.rows_per_query = {0, 2, 0, 0};
  s.findings = 5;
  const std::string text = render(report, s);

  EXPECT_NE(text.find("- **Records:** 10 read = 3 matched + 7 not matched + 0 skipped\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("- **Matched records from** 2026-11-03T01:00:00Z **to** "
                      "2026-11-04T00:00:00Z\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("incomplete"), std::string::npos) << text;

  // Most severe first; the runbook without results at the end.
  const size_t root = text.find("\n## Root activity\n");
  const size_t iam = text.find("\n## IAM changes\n");
  const size_t quiet = text.find("\n## Runbooks without results\n");
  ASSERT_NE(root, std::string::npos) << text;
  ASSERT_NE(iam, std::string::npos) << text;
  ASSERT_NE(quiet, std::string::npos) << text;
  EXPECT_LT(root, iam);
  EXPECT_LT(iam, quiet);
  EXPECT_NE(text.find("- `quiet` (low): Nothing \\| here\n", quiet), std::string::npos) << text;
  EXPECT_NE(text.find("`iam-changes` · severity **medium** · runbook `iam` · 2 records matched, "
                      "from 2026-11-03T01:00:00Z to 2026-11-03T02:00:00Z\n"),
            std::string::npos)
      << text;

  // Queries with their counts and questions; top values count records once per runbook.
  EXPECT_NE(text.find("| `by_actor` | How many changes each actor made. |               2 | "
                      " 2 rows |"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("| `1.2.3.4` |       2 | `eu-west-1` |       2 |"), std::string::npos)
      << text;
  // Without an ARN the principal id is the actor.
  EXPECT_NE(text.find("| `AIDAROOT` |       1 |"), std::string::npos) << text;

  // At most max_rows rows a query, and what was left out.
  EXPECT_NE(text.find("### `main`: 2 findings\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n… and 1 more"), std::string::npos) << text;
  EXPECT_NE(text.find("### `by_actor`: 2 rows\n"), std::string::npos) << text;

  // Every table line has its header's number of cells.
  size_t header_cells = 0, tables = 0;
  bool in_table = false;
  for (const std::string& line : lines_of(text)) {
    if (line.empty() || line[0] != '|') {
      in_table = false;
      continue;
    }
    if (!in_table) {
      header_cells = tb::test::markdown_cells(line);
      in_table = true;
      ++tables;
    }
    EXPECT_EQ(tb::test::markdown_cells(line), header_cells) << line;
  }
  EXPECT_GE(tables, 7u) << text;
}

TEST_F(ReportTest, AnIncompleteScanSaysSo) {
  MarkdownReport report(plan, options);
  ScanSummary s;
  s.records_read = 4;
  s.records_unmatched = 3;
  s.records_skipped = 1;
  s.files_with_problems = 1;
  s.matches_per_query = {0, 0, 0, 0};
  s.query_failures = {"iam.by_actor: out of memory"};
  const std::string text = render(report, s);
  EXPECT_NE(text.find("> **Warning: the result is incomplete.** 1 records skipped and 1 files "
                      "with problems"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("> - iam.by_actor: out of memory\n"), std::string::npos) << text;
  EXPECT_NE(text.find("- **Runbooks:** 3, 0 of them with results"), std::string::npos) << text;
}

}  // namespace
