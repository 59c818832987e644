// Large JSON-lines files are cut into pieces that threads scan in parallel, each into a reused
// buffer (runtime/input/line_pieces, runtime/exec/scanner). Piece boundaries and thread counts
// must change nothing: the same findings, record numbers, lines, problems and aggregate rows as
// reading the file whole on one thread, including lines longer than a piece.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "compiler/driver/compiler.h"
#include "runtime/exec/scanner.h"
#include "tests/unit/compiler/test_rng.h"

namespace {

namespace fs = std::filesystem;

struct Collect : tb::runtime::FindingSink, tb::runtime::ProblemSink {
  std::vector<std::string> lines;
  std::vector<std::string> problems;
  void finding(const tb::runtime::Finding& f) override {
    lines.push_back(fmt::format(
        "finding {} {} {}", f.query->query, f.record_index,
        std::string_view(f.slots[f.plan->event_id_slot].str, f.slots[f.plan->event_id_slot].len)));
  }
  void rows(const tb::runtime::QueryPlan& q,
            const std::vector<tb::runtime::aggregate::Row>& rows) override {
    for (const auto& row : rows) {
      std::string cells;
      for (const auto& cell : row) cells += " " + cell.text + std::to_string(cell.i);
      lines.push_back(fmt::format("row {}{}", q.query, cells));
    }
  }
  void problem(const tb::runtime::ScanProblem& p) override {
    // Apart from findings: they go to another stream, and a buffered unit replays its problems
    // before its findings, so only the order within each kind is the scan's.
    problems.push_back(
        fmt::format("problem {} {} {} {}", p.has_record, p.record_index, p.line, p.message));
  }
};

std::string make_file(const fs::path& path) {
  tb::testing::Rng rng(7);
  std::string text;
  for (int i = 0; i < 400; ++i) {
    const bool hit = rng.chance(20);
    const std::string padding(rng.chance(3) ? 700 : rng.below(120), 'x');  // some long lines
    switch (rng.below(20)) {
      case 0:
        text += "\n";  // a blank line: not a record
        break;
      case 1:
        text += fmt::format(
            "{{\"eventID\":\"e{}\",\"eventName\":\"PutRolePolicy\",\"eventSource\":"
            "\"iam.amazonaws.com\",\"sourceIPAddress\":tru}}\n",
            i);  // damaged where the pack reads
        break;
      default:
        text += fmt::format(
            "{{\"eventID\":\"e{}\",\"eventName\":\"{}\",\"eventSource\":"
            "\"iam.amazonaws.com\",\"userAgent\":\"{}\"}}\n",
            i, hit ? "PutRolePolicy" : "GetRole", padding);
    }
  }
  text += R"({"eventID":"cut","eventName":"PutRolePolicy")";  // the file ends inside a record
  std::ofstream(path, std::ios::binary) << text;
  return text;
}

std::vector<std::string> scan_with(const tb::driver::CompiledPack& pack, const fs::path& file,
                                   uint64_t threshold, size_t chunk, unsigned threads,
                                   tb::runtime::ScanSummary& summary) {
  Collect sink;
  tb::runtime::ScanOptions options;
  options.load.stream_threshold = threshold;
  options.load.stream_chunk = chunk;
  options.threads = threads;
  summary = tb::runtime::scan(pack.plan, {file.string()}, sink, sink, options);
  sink.lines.insert(sink.lines.end(), sink.problems.begin(), sink.problems.end());
  return sink.lines;
}

TEST(StreamedScan, PieceBoundariesAndThreadsChangeNothing) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("tb-stream-{}", ::getpid());
  fs::create_directories(dir);
  const fs::path file = dir / "trail.jsonl";
  make_file(file);
  tb::driver::Compilation c;
  c.add_source("r.tb",
               "runbook r { title \"t\" severity low where eventSource == \"iam.amazonaws.com\" "
               "and eventName == \"PutRolePolicy\" select eventID, sourceIPAddress }\n"
               "runbook g { title \"t\" severity low query by_name { where eventSource == "
               "\"iam.amazonaws.com\" select eventName, count() as n, first(eventID) as first, "
               "last(eventID) as last group by eventName } }");
  std::string error;
  auto pack = c.compile({}, error);
  ASSERT_NE(pack, nullptr) << error;
  tb::runtime::ScanSummary whole_summary;
  const auto whole = scan_with(*pack, file, UINT64_MAX, 0, 1, whole_summary);
  ASSERT_GT(whole_summary.records_matched, 20u);
  ASSERT_GT(whole_summary.records_skipped, 5u);
  ASSERT_EQ(std::count_if(whole.begin(), whole.end(),
                          [](const std::string& l) { return l.starts_with("row "); }),
            2);
  for (unsigned threads : {1u, 2u, 3u}) {
    for (size_t chunk : {64, 100, 1000, 4096, 1 << 20}) {
      tb::runtime::ScanSummary summary;
      const auto pieces = scan_with(*pack, file, 0, chunk, threads, summary);
      EXPECT_EQ(pieces, whole) << "chunk " << chunk << ", threads " << threads;
      EXPECT_EQ(summary.files, 1u);
      EXPECT_EQ(summary.records_read, whole_summary.records_read) << chunk;
      EXPECT_EQ(summary.records_matched, whole_summary.records_matched) << chunk;
      EXPECT_EQ(summary.records_skipped, whole_summary.records_skipped) << chunk;
      EXPECT_EQ(summary.bytes, whole_summary.bytes) << chunk;
      EXPECT_TRUE(summary.balanced());
    }
  }
  fs::remove_all(dir);
}

}  // namespace

namespace {

// A large JSON-lines file that is not CloudTrail is reported and skipped as one file, as a small
// one is, rather than cut into pieces and counted record by record.
TEST(StreamedScan, ALargeFileThatIsNotCloudTrailIsSkippedWhole) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("tb-notct-{}", ::getpid());
  fs::create_directories(dir);
  const fs::path file = dir / "other.jsonl";
  {
    std::ofstream out(file, std::ios::binary);
    for (int i = 0; i < 2000; ++i) out << "{\"name\":\"x\",\"version\":" << i << "}\n";
  }
  tb::driver::Compilation c;
  c.add_source("r.tb", "runbook r { title \"t\" severity low where eventName == \"A\" }");
  std::string error;
  auto pack = c.compile({}, error);
  ASSERT_NE(pack, nullptr) << error;
  for (unsigned threads : {1u, 2u}) {
    tb::runtime::ScanSummary summary;
    Collect sink;
    tb::runtime::ScanOptions options;
    options.load.stream_threshold = 0;
    options.load.stream_chunk = 1000;
    options.threads = threads;
    summary = tb::runtime::scan(pack->plan, {file.string()}, sink, sink, options);
    ASSERT_EQ(sink.problems.size(), 1u);
    EXPECT_NE(sink.problems[0].find("not a CloudTrail log"), std::string::npos) << sink.problems[0];
    EXPECT_EQ(summary.files_with_problems, 1u);
    EXPECT_EQ(summary.records_read, 0u);
    EXPECT_TRUE(summary.incomplete());
  }
  fs::remove_all(dir);
}

}  // namespace
