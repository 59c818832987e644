#include "runtime/exec/scanner.h"

#include <chrono>

#include <simdjson.h>

#include "runtime/exec/pack_runner.h"
#include "runtime/input/discover.h"
#include "runtime/input/record_reader.h"

namespace tb::runtime {

namespace {

static_assert(PaddedBuffer::kPadding >= simdjson::SIMDJSON_PADDING,
              "records are parsed in place and need simdjson's padding");

class FileScanner {
 public:
  FileScanner(const ScanPlan& plan, FindingSink& findings, ProblemSink& problems,
              ScanSummary& summary, aggregate::MemoryBudget& budget)
      : plan_(plan),
        findings_(findings),
        problems_(problems),
        summary_(summary),
        runner_(plan, budget) {}

  void scan_file(const std::string& path, const LoadOptions& options) {
    LoadedFile file = load_file(path, options);
    ++summary_.files;
    summary_.bytes += file.bytes.size();
    bool damaged = false;
    if (file.damage) {
      damaged = true;
      problems_.problem({path, false, 0, 0, *file.damage});
    }
    RecordReader reader(file.bytes.view());
    const char* buffer_end = file.bytes.data() + file.bytes.size() + PaddedBuffer::kPadding;
    RawRecord record;
    std::string error;
    while (reader.next(record)) {
      const uint64_t sequence = summary_.records_read++;
      if (record.cut_off) {
        skip(path, record, "the record is cut off: the input ends inside it");
        continue;
      }
      const auto capacity = static_cast<size_t>(buffer_end - record.bytes.data());
      switch (runner_.run(record.bytes, capacity, sequence, error)) {
        case PackRunner::Outcome::Malformed:
          skip(path, record, "malformed record: " + error);
          break;
        case PackRunner::Outcome::Unmatched:
          ++summary_.records_unmatched;
          break;
        case PackRunner::Outcome::Matched:
          report(path, record);
          break;
      }
    }
    if (reader.document_problem()) {
      damaged = true;
      problems_.problem({path, false, 0, 0, *reader.document_problem()});
    }
    if (damaged) ++summary_.files_with_problems;
  }

  // The rows of the queries that group, order or limit.
  void finish() {
    for (PackRunner::QueryRows& result : runner_.finish()) {
      if (!result.error.empty()) {
        summary_.query_failures.push_back(result.error);
        continue;
      }
      summary_.rows_per_query[result.query->index] = result.rows.size();
      summary_.findings += result.rows.size();
      findings_.rows(*result.query, result.rows);
    }
  }

 private:
  void skip(const std::string& path, const RawRecord& record, std::string message) {
    ++summary_.records_skipped;
    problems_.problem({path, true, record.index, record.line, std::move(message)});
  }

  void report(const std::string& path, const RawRecord& record) {
    ++summary_.records_matched;
    for (size_t q = 0; q < plan_.queries.size(); ++q) {
      if (!runner_.matched(q)) continue;
      ++summary_.matches_per_query[q];
      if (plan_.queries[q].shape) continue;  // its operator has it
      ++summary_.findings;
      findings_.finding({&plan_.queries[q], path, record.index, runner_.slots(), &plan_});
    }
  }

  const ScanPlan& plan_;
  FindingSink& findings_;
  ProblemSink& problems_;
  ScanSummary& summary_;
  PackRunner runner_;
};

}  // namespace

ScanSummary scan(const ScanPlan& plan, const std::vector<std::string>& inputs,
                 FindingSink& findings, ProblemSink& problems, const ScanOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  ScanSummary summary;
  summary.matches_per_query.assign(plan.queries.size(), 0);
  summary.rows_per_query.assign(plan.queries.size(), 0);
  DiscoveredInputs found = discover_inputs(inputs);
  summary.digest_files_skipped = found.digest_files_skipped;
  for (const auto& p : found.problems) {
    ++summary.files_with_problems;
    problems.problem({p.path, false, 0, 0, p.message});
  }
  aggregate::MemoryBudget budget(options.memory_limit);
  FileScanner scanner(plan, findings, problems, summary, budget);
  for (const InputFile& f : found.files) scanner.scan_file(f.path, options.load);
  scanner.finish();
  findings.finish();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace tb::runtime
