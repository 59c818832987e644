#pragma once
// Runs a compiled pack on records one at a time, for one scanning thread: the evaluator decides
// which queries match; a matched query that groups, orders or limits folds the record into its
// query operator, and the caller reports the matches of streaming queries as findings.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/aggregate/memory_budget.h"
#include "runtime/aggregate/query_operator.h"
#include "runtime/exec/record_evaluator.h"
#include "runtime/exec/scan_plan.h"

namespace tb::runtime {

class PackRunner {
 public:
  // `plan` and `budget` must outlive the runner.
  PackRunner(const ScanPlan& plan, aggregate::MemoryBudget& budget);

  // Prefiltered: unmatched, decided from the raw bytes without parsing.
  enum class Outcome { Malformed, Unmatched, Prefiltered, Matched };

  // One record (see RecordEvaluator::evaluate for `capacity`). `sequence` numbers records in
  // input order across the whole scan; operators use it for first(), last() and ties.
  Outcome run(std::string_view record, size_t capacity, uint64_t sequence, std::string& error);

  // After run(): whether query `q` matched, and the record's values by slot.
  bool matched(size_t q) const { return (matched_[q / 64] >> (q % 64) & 1) != 0; }
  const tb_value* slots() const { return evaluator_->slots(); }

  // Folds in the operator states of a runner of the same plan that saw other records.
  void merge(PackRunner&& other);

  // The output of each query with an operator, in query order. `error` is set instead of rows
  // when the query ran out of memory budget.
  struct QueryRows {
    const QueryPlan* query = nullptr;
    std::vector<aggregate::Row> rows;
    std::string error;
  };
  std::vector<QueryRows> finish();

 private:
  const ScanPlan& plan_;
  std::unique_ptr<RecordEvaluator> evaluator_;
  std::vector<uint64_t> matched_;
  std::vector<std::optional<aggregate::QueryOperator>> operators_;  // by query index
};

}  // namespace tb::runtime
