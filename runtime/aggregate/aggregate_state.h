#pragma once
// The running state of one aggregate column in one group: fed one record at a time, mergeable
// with the state another thread built for the same group.
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "runtime/aggregate/query_shape.h"
#include "runtime/aggregate/value.h"

namespace tb::runtime::aggregate {

class AggregateState {
 public:
  explicit AggregateState(AggregateKind kind);

  // One record of the group. count() counts every record and ignores `argument`; the others
  // skip a missing or null argument. Sequences fed to one state increase.
  void add(const Value& argument, uint64_t sequence);
  // Folds in the state of the same aggregate of the same group built from other records.
  void merge(AggregateState&& other);
  // The aggregate's value; the state is spent afterwards.
  Value take_result();

  // What the state holds outside itself (values, sets), for memory accounting.
  size_t heap_bytes() const { return heap_bytes_; }

 private:
  struct Counter {
    uint64_t records = 0;
  };
  struct DistinctSet {
    std::unordered_set<Value, ValueHash, ValueEqual> values;
  };
  // min/max/first/last keep one value and its record's sequence. Values that compare equal
  // (int 1, double 1.0) tie-break on the sequence, so the kept one does not depend on merges.
  struct Kept {
    Value value;  // missing until a value arrives
    uint64_t sequence = 0;
  };
  // values(): each distinct value with the smallest sequence it was seen at, which orders them
  // by first appearance however the input was split. Of values that are equal but spelled
  // apart (1, 1.0), the earliest is kept.
  struct FirstSeen {
    std::unordered_map<Value, uint64_t, ValueHash, ValueEqual> sequences;
  };

  using State = std::variant<Counter, DistinctSet, Kept, FirstSeen>;
  static State initial_state(AggregateKind kind);
  bool replaces(const Kept& kept, const Value& candidate, uint64_t sequence) const;
  void merge_distinct(DistinctSet& mine, DistinctSet& theirs);
  void merge_first_seen(FirstSeen& mine, FirstSeen& theirs);
  void merge_kept(Kept& mine, Kept& theirs);

  AggregateKind kind_;
  State state_;
  size_t heap_bytes_ = 0;
};

}  // namespace tb::runtime::aggregate
