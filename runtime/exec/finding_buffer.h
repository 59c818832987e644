#pragma once
// What scanning one file produced, held by a worker thread until every earlier file has been
// written out: findings (with owned copies of the values they print) and input problems. This
// is how a parallel scan prints the same thing, in the same order, as a scan on one thread.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "runtime/aggregate/value.h"
#include "runtime/exec/scanner.h"

namespace tb::runtime {

class FileBuffer final : public FindingSink, public ProblemSink {
 public:
  explicit FileBuffer(const ScanPlan& plan) : plan_(&plan) {}

  void finding(const Finding& f) override { hold(f, false); }
  void row_match(const Finding& f) override { hold(f, true); }
  void rows(const QueryPlan&, const std::vector<aggregate::Row>&) override {}  // never per file
  void problem(const ScanProblem& p) override { problems_.push_back(p); }

  // Passes everything on, in the order it came, and empties the buffer. Record indexes and lines
  // are numbered from `first_record` and after `lines_before` (a piece of a file: see
  // runtime/input/line_pieces.h; the writer knows how many came before it).
  void replay(FindingSink& findings, ProblemSink& problems, uint64_t first_record = 0,
              uint64_t lines_before = 0);

  // A piece's own count of records and lines, for numbering the pieces after it.
  void set_piece_counts(uint64_t records, uint64_t lines) {
    piece_records_ = records;
    piece_lines_ = lines;
  }
  uint64_t piece_records() const { return piece_records_; }
  uint64_t piece_lines() const { return piece_lines_; }

 private:
  void hold(const Finding& f, bool row_match);

  struct Held {
    const QueryPlan* query = nullptr;
    bool row_match = false;
    uint64_t record_index = 0;
    std::vector<std::pair<uint32_t, aggregate::Value>> values;  // slot, value
  };

  const ScanPlan* plan_;
  std::string file_;
  std::vector<Held> findings_;
  std::vector<ScanProblem> problems_;
  std::vector<tb_value> slots_;  // replay's view of a held finding
  uint64_t piece_records_ = 0;
  uint64_t piece_lines_ = 0;
};

}  // namespace tb::runtime
