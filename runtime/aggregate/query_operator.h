#pragma once
// Runs what follows `where` for one query: the runtime feeds it each record the kernel matched
// and gets the output rows at the end. One operator per query per scanning thread; the threads'
// operators are merged before finish(), and the result does not depend on how the input was
// split among them.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "runtime/abi/kernel_abi.h"
#include "runtime/aggregate/group_table.h"
#include "runtime/aggregate/memory_budget.h"
#include "runtime/aggregate/query_shape.h"
#include "runtime/aggregate/row_selection.h"
#include "runtime/aggregate/value.h"

namespace tb::runtime::aggregate {

// An output row: the values of the shape's columns that are not hidden, in order.
using Row = std::vector<Value>;

class QueryOperator {
 public:
  // `shape` and `budget` must outlive the operator. Throws std::invalid_argument when the shape
  // is inconsistent (a column, key or child that does not exist; a field column in a grouped
  // query or an aggregate in an ungrouped one).
  QueryOperator(const QueryShape& shape, MemoryBudget& budget);
  QueryOperator(QueryOperator&&) = default;

  // One matched record. `sequence` is unique per record and increases in input order (file,
  // then record); operators merged together must draw from the same numbering. Returns false
  // once the memory budget is exhausted: error() then says so, and later calls do nothing.
  bool add(const tb_value* slots, uint64_t sequence);
  // Folds in the partial state of an operator of the same shape and budget that saw other
  // records. A failure in either carries over.
  void merge(QueryOperator&& other);
  // The output rows after having, order by and limit; the operator is spent afterwards. Throws
  // std::runtime_error with error() when the operator failed, as its state is incomplete.
  std::vector<Row> finish();

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  bool charge();  // brings the budget in line with the state; sets error_ when it cannot
  void drop_state();

  const QueryShape* shape_;
  BudgetAccount account_;
  std::variant<GroupTable, RowSelection> state_;
  std::string error_;
};

}  // namespace tb::runtime::aggregate
