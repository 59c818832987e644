// Large JSON-lines files are scanned in chunks into one reused buffer (runtime/exec/scanner).
// Chunk boundaries must change nothing: the same findings, record numbers, lines and problems as
// reading the file whole, whatever the chunk size, including lines longer than a chunk.
#include <fmt/format.h>
#include <gtest/gtest.h>

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
  void finding(const tb::runtime::Finding& f) override {
    lines.push_back(fmt::format(
        "finding {} {} {}", f.query->query, f.record_index,
        std::string_view(f.slots[f.plan->event_id_slot].str, f.slots[f.plan->event_id_slot].len)));
  }
  void rows(const tb::runtime::QueryPlan&,
            const std::vector<tb::runtime::aggregate::Row>&) override {}
  void problem(const tb::runtime::ScanProblem& p) override {
    lines.push_back(
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
                                   uint64_t threshold, size_t chunk,
                                   tb::runtime::ScanSummary& summary) {
  Collect sink;
  tb::runtime::ScanOptions options;
  options.load.stream_threshold = threshold;
  options.load.stream_chunk = chunk;
  options.threads = 1;
  summary = tb::runtime::scan(pack.plan, {file.string()}, sink, sink, options);
  return sink.lines;
}

TEST(StreamedScan, ChunkBoundariesChangeNothing) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("tb-stream-{}", ::getpid());
  fs::create_directories(dir);
  const fs::path file = dir / "trail.jsonl";
  make_file(file);
  tb::driver::Compilation c;
  c.add_source("r.tb",
               "runbook r { title \"t\" severity low where eventSource == \"iam.amazonaws.com\" "
               "and eventName == \"PutRolePolicy\" select eventID, sourceIPAddress }");
  std::string error;
  auto pack = c.compile({}, error);
  ASSERT_NE(pack, nullptr) << error;
  tb::runtime::ScanSummary whole_summary;
  const auto whole = scan_with(*pack, file, UINT64_MAX, 0, whole_summary);
  ASSERT_GT(whole_summary.records_matched, 20u);
  ASSERT_GT(whole_summary.records_skipped, 5u);
  for (size_t chunk : {64, 100, 1000, 4096, 1 << 20}) {
    tb::runtime::ScanSummary summary;
    const auto streamed = scan_with(*pack, file, 0, chunk, summary);
    EXPECT_EQ(streamed, whole) << "chunk " << chunk;
    EXPECT_EQ(summary.records_read, whole_summary.records_read) << chunk;
    EXPECT_EQ(summary.records_matched, whole_summary.records_matched) << chunk;
    EXPECT_EQ(summary.records_skipped, whole_summary.records_skipped) << chunk;
    EXPECT_EQ(summary.bytes, whole_summary.bytes) << chunk;
    EXPECT_TRUE(summary.balanced());
  }
  fs::remove_all(dir);
}

}  // namespace
