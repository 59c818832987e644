#pragma once
// The rows of a query without group by that its order by and limit can still output. Without a
// limit that is every row; with one, the best `limit` rows so far, in a heap whose top is the
// row to drop next, so memory stays bounded by the limit (top-k).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "runtime/aggregate/row_order.h"

namespace tb::runtime::aggregate {

class RowSelection {
 public:
  RowSelection(RowOrder order, std::optional<uint64_t> limit);

  // False when a row with this sequence cannot be kept whatever its cells: a limit without
  // order by that is already filled with earlier rows. Spares building the row.
  bool could_keep(uint64_t sequence) const;
  void offer(RankedRow&& row);
  // Offers the rows another thread kept.
  void merge(RowSelection&& other);
  // The kept rows in output order; the selection is spent afterwards.
  std::vector<RankedRow> take_sorted();

  size_t size() const { return rows_.size(); }
  // What the kept rows hold, for memory accounting.
  size_t bytes() const { return bytes_; }

 private:
  bool full() const { return limit_ && rows_.size() >= *limit_; }

  RowOrder order_;
  std::optional<uint64_t> limit_;
  std::vector<RankedRow> rows_;  // a heap by order_ when there is a limit
  size_t bytes_ = 0;
};

}  // namespace tb::runtime::aggregate
