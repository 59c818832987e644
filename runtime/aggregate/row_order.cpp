#include "runtime/aggregate/row_order.h"

namespace tb::runtime::aggregate {

bool RowOrder::operator()(const RankedRow& a, const RankedRow& b) const {
  for (const OrderKey& key : keys_) {
    const int c = compare_values(a.cells[key.column], b.cells[key.column]);
    if (c != 0) return key.descending ? c > 0 : c < 0;
  }
  return a.sequence < b.sequence;
}

size_t row_bytes(const RankedRow& row) {
  size_t bytes = sizeof(RankedRow) + row.cells.capacity() * sizeof(Value);
  for (const Value& cell : row.cells) bytes += heap_bytes(cell);
  return bytes;
}

}  // namespace tb::runtime::aggregate
