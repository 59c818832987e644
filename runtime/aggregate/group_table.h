#pragma once
// The groups of a query with group by: key values -> the group's aggregate states.
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "runtime/abi/kernel_abi.h"
#include "runtime/aggregate/aggregate_state.h"
#include "runtime/aggregate/query_shape.h"
#include "runtime/aggregate/row_order.h"
#include "runtime/aggregate/value.h"

namespace tb::runtime::aggregate {

class GroupTable {
 public:
  // `shape` must outlive the table.
  explicit GroupTable(const QueryShape& shape);

  // One matched record; sequences fed to one table increase.
  void add(const tb_value* slots, uint64_t sequence);
  // Folds in the groups another thread built from other records.
  void merge(GroupTable&& other);
  // One row per group, with every column; the table is spent afterwards. Without keys there is
  // always exactly one group, so `select count()` gives a row even when nothing matched.
  std::vector<RankedRow> take_rows();

  size_t size() const { return groups_.size(); }
  // What the table holds, for memory accounting.
  size_t bytes() const { return bytes_; }

 private:
  using Key = std::vector<Value>;
  struct KeyHash {
    size_t operator()(const Key& key) const;
  };
  struct KeyEqual {
    bool operator()(const Key& a, const Key& b) const;
  };
  // The key is spelled as in the group's first record (1 and 1.0 are one group, printed as
  // whichever came first), so output does not depend on merges.
  struct Group {
    uint64_t first_sequence = 0;
    std::vector<AggregateState> aggregates;  // one per aggregate column, in column order
  };
  using Groups = std::unordered_map<Key, Group, KeyHash, KeyEqual>;

  Group new_group(uint64_t sequence) const;
  size_t entry_bytes(const Key& key, const Group& group) const;

  const QueryShape* shape_;
  std::vector<uint32_t> aggregate_columns_;  // indexes of the Aggregate columns
  Groups groups_;
  size_t bytes_ = 0;
  Key scratch_key_;         // the current record's key, filled in place to spare allocations
  Value scratch_argument_;  // likewise for aggregate arguments
};

}  // namespace tb::runtime::aggregate
