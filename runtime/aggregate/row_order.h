#pragma once
// The order of output rows: the order by keys in turn, then input order. Sequences are unique
// per record, so the order is total and the output does not depend on how threads split the
// input or in which order their partial states were merged.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "runtime/aggregate/query_shape.h"
#include "runtime/aggregate/value.h"

namespace tb::runtime::aggregate {

// A row with every column of the shape (hidden ones included) and its place in the input: the
// record's sequence, or the sequence of a group's first record.
struct RankedRow {
  std::vector<Value> cells;
  uint64_t sequence = 0;
};

class RowOrder {
 public:
  explicit RowOrder(std::vector<OrderKey> keys) : keys_(std::move(keys)) {}
  // Whether `a` is output before `b`.
  bool operator()(const RankedRow& a, const RankedRow& b) const;
  bool by_sequence_only() const { return keys_.empty(); }

 private:
  std::vector<OrderKey> keys_;
};

// What a kept row holds, for memory accounting.
size_t row_bytes(const RankedRow& row);

}  // namespace tb::runtime::aggregate
