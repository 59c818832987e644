#pragma once
// The scan loop: every input file, every record, one kernel call per record. Bad input is
// reported with its location and counted; the scan always goes on.
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/aggregate/query_operator.h"
#include "runtime/exec/scan_plan.h"
#include "runtime/input/file_loader.h"

namespace tb::runtime {

// One match of one query on one record. Valid only during the FindingSink call.
struct Finding {
  const QueryPlan* query = nullptr;
  std::string_view file;
  uint64_t record_index = 0;
  const tb_value* slots = nullptr;
  const ScanPlan* plan = nullptr;
};

// Where results go: a finding per matched record of a streaming query as the scan goes, then
// the rows of each query that groups, orders or limits, in query order, then finish().
class FindingSink {
 public:
  virtual ~FindingSink() = default;
  virtual void finding(const Finding& f) = 0;
  // `rows` hold the values of the shape's visible columns, in order.
  virtual void rows(const QueryPlan& query, const std::vector<aggregate::Row>& rows) = 0;
  // A match of a query that groups, orders or limits, as the scan goes, when the plan asks for
  // them (ScanPlan::row_matches): a report describes the records behind the rows.
  virtual void row_match(const Finding&) {}
  virtual void finish() {}
};

// Something in the input that could not be read, with where it is.
struct ScanProblem {
  std::string file;
  bool has_record = false;
  uint64_t record_index = 0;
  uint64_t line = 0;
  std::string message;
};

class ProblemSink {
 public:
  virtual ~ProblemSink() = default;
  virtual void problem(const ScanProblem& p) = 0;
};

// How far a scan has got, for a progress display on another thread: totals are set once the
// inputs are known (input bytes: compressed sizes for compressed files), counts as units finish.
struct ScanProgress {
  std::atomic<uint64_t> files_total{0};
  std::atomic<uint64_t> bytes_total{0};
  std::atomic<uint64_t> files_done{0};
  std::atomic<uint64_t> bytes_done{0};
  std::atomic<uint64_t> records{0};
  std::atomic<uint64_t> matched{0};
};

struct ScanOptions {
  LoadOptions load;
  ScanProgress* progress = nullptr;       // updated when set
  size_t memory_limit = size_t{4} << 30;  // for group tables and kept rows (--memory-limit)
  unsigned threads = 0;                   // worker threads (-j); 0: one per core
  // A record longer than this is skipped unparsed (--max-record-size).
  uint64_t max_record_bytes = uint64_t{16} << 20;
  bool strict = false;  // --strict: stop at the first input problem (scans on one thread)
};

// One scanning thread per core.
unsigned default_scan_threads();

struct ScanSummary {
  uint64_t files = 0;                // files opened
  uint64_t files_with_problems = 0;  // unreadable, damaged or not JSON
  uint64_t digest_files_skipped = 0;
  uint64_t files_pruned = 0;  // S3-layout files no query can match (partition_bounds.h); unread
  uint64_t bytes = 0;         // bytes scanned, after decompression
  uint64_t records_read = 0;
  uint64_t records_matched = 0;  // matched by at least one query
  uint64_t records_unmatched = 0;
  uint64_t records_prefiltered = 0;  // of the unmatched, those the prefilter skipped unparsed
  uint64_t records_skipped = 0;      // malformed or cut off; never evaluated
  std::vector<uint64_t> matches_per_query;  // records each query's `where` matched
  std::vector<uint64_t> rows_per_query;     // rows output by queries that group, order or limit
  uint64_t findings = 0;                    // findings of streaming queries plus rows output
  std::vector<std::string> query_failures;  // queries that could not finish (memory budget)
  double seconds = 0;
  bool stopped = false;  // --strict ended the scan at an input problem

  // Whether some input could not be read, or a query could not finish: the result is then
  // incomplete.
  bool incomplete() const { return input_skipped() || !query_failures.empty(); }
  // Whether some input was skipped (what --allow-partial accepts).
  bool input_skipped() const { return records_skipped > 0 || files_with_problems > 0 || stopped; }
  bool balanced() const {
    return records_read == records_matched + records_unmatched + records_skipped;
  }
};

// Scans the inputs on `options.threads` threads, in parallel across files. Findings, problems
// and rows come out in the same order whatever the thread count: file by file (sorted by
// path), record by record.
ScanSummary scan(const ScanPlan& plan, const std::vector<std::string>& inputs,
                 FindingSink& findings, ProblemSink& problems, const ScanOptions& options = {});

}  // namespace tb::runtime
