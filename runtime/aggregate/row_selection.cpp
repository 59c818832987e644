#include "runtime/aggregate/row_selection.h"

#include <algorithm>
#include <utility>

namespace tb::runtime::aggregate {

RowSelection::RowSelection(RowOrder order, std::optional<uint64_t> limit)
    : order_(std::move(order)), limit_(limit) {}

bool RowSelection::could_keep(uint64_t sequence) const {
  if (limit_ == 0u) return false;
  if (!full() || !order_.by_sequence_only()) return true;
  return sequence < rows_.front().sequence;
}

void RowSelection::offer(RankedRow&& row) {
  if (limit_ == 0u) return;
  if (!limit_) {
    bytes_ += row_bytes(row);
    rows_.push_back(std::move(row));
    return;
  }
  if (full()) {
    if (!order_(row, rows_.front())) return;
    std::pop_heap(rows_.begin(), rows_.end(), order_);
    bytes_ -= row_bytes(rows_.back());
    rows_.pop_back();
  }
  bytes_ += row_bytes(row);
  rows_.push_back(std::move(row));
  std::push_heap(rows_.begin(), rows_.end(), order_);
}

void RowSelection::merge(RowSelection&& other) {
  for (RankedRow& row : other.rows_) offer(std::move(row));
  other.rows_.clear();
  other.bytes_ = 0;
}

std::vector<RankedRow> RowSelection::take_sorted() {
  std::sort(rows_.begin(), rows_.end(), order_);
  bytes_ = 0;
  return std::move(rows_);
}

}  // namespace tb::runtime::aggregate
