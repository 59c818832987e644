#include "runtime/aggregate/aggregate_state.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "runtime/aggregate/value_json.h"

namespace tb::runtime::aggregate {

namespace {

// A hash container node (the element, the next pointer, the cached hash) and its share of the
// bucket array.
constexpr size_t kNodeOverhead = 3 * sizeof(void*);

size_t distinct_entry_bytes(const Value& v) {
  return kNodeOverhead + sizeof(Value) + heap_bytes(v);
}

size_t first_seen_entry_bytes(const Value& v) {
  return kNodeOverhead + sizeof(std::pair<const Value, uint64_t>) + heap_bytes(v);
}

Value json_array_in_order(const std::unordered_map<Value, uint64_t, ValueHash, ValueEqual>& seen) {
  std::vector<std::pair<uint64_t, const Value*>> ordered;
  ordered.reserve(seen.size());
  for (const auto& [value, sequence] : seen) ordered.emplace_back(sequence, &value);
  std::sort(ordered.begin(), ordered.end());
  Value array = Value::of_json(TB_ARRAY, "[");
  for (const auto& [sequence, value] : ordered) {
    if (array.text.size() > 1) array.text += ',';
    append_value_json(array.text, *value);
  }
  array.text += ']';
  return array;
}

}  // namespace

AggregateState::AggregateState(AggregateKind kind) : kind_(kind), state_(initial_state(kind)) {}

AggregateState::State AggregateState::initial_state(AggregateKind kind) {
  switch (kind) {
    case AggregateKind::Count:
      return Counter{};
    case AggregateKind::CountDistinct:
      return DistinctSet{};
    case AggregateKind::Values:
      return FirstSeen{};
    case AggregateKind::Min:
    case AggregateKind::Max:
    case AggregateKind::First:
    case AggregateKind::Last:
      break;
  }
  return Kept{};
}

bool AggregateState::replaces(const Kept& kept, const Value& candidate, uint64_t sequence) const {
  if (kept.value.kind == TB_MISSING) return true;
  const bool earlier = sequence < kept.sequence;
  switch (kind_) {
    case AggregateKind::Min: {
      const int c = compare_values(candidate, kept.value);
      return c < 0 || (c == 0 && earlier);
    }
    case AggregateKind::Max: {
      const int c = compare_values(candidate, kept.value);
      return c > 0 || (c == 0 && earlier);
    }
    case AggregateKind::First:
      return earlier;
    default:  // Last
      return sequence > kept.sequence;
  }
}

void AggregateState::add(const Value& argument, uint64_t sequence) {
  if (auto* counter = std::get_if<Counter>(&state_)) {
    ++counter->records;
    return;
  }
  if (!argument.has_value()) return;
  if (auto* distinct = std::get_if<DistinctSet>(&state_)) {
    const auto [at, inserted] = distinct->values.insert(argument);
    if (inserted) heap_bytes_ += distinct_entry_bytes(*at);
  } else if (auto* seen = std::get_if<FirstSeen>(&state_)) {
    // Sequences increase, so a value already present keeps its earlier sequence.
    const auto [at, inserted] = seen->sequences.try_emplace(argument, sequence);
    if (inserted) heap_bytes_ += first_seen_entry_bytes(at->first);
  } else {
    Kept& kept = std::get<Kept>(state_);
    if (!replaces(kept, argument, sequence)) return;
    heap_bytes_ -= aggregate::heap_bytes(kept.value);
    kept.value = argument;
    kept.sequence = sequence;
    heap_bytes_ += aggregate::heap_bytes(kept.value);
  }
}

void AggregateState::merge(AggregateState&& other) {
  // Count as holding both states, then subtract what the merge drops.
  heap_bytes_ += std::exchange(other.heap_bytes_, 0);
  if (auto* counter = std::get_if<Counter>(&state_)) {
    counter->records += std::get<Counter>(other.state_).records;
  } else if (auto* distinct = std::get_if<DistinctSet>(&state_)) {
    merge_distinct(*distinct, std::get<DistinctSet>(other.state_));
  } else if (auto* seen = std::get_if<FirstSeen>(&state_)) {
    merge_first_seen(*seen, std::get<FirstSeen>(other.state_));
  } else {
    merge_kept(std::get<Kept>(state_), std::get<Kept>(other.state_));
  }
}

void AggregateState::merge_distinct(DistinctSet& mine, DistinctSet& theirs) {
  while (!theirs.values.empty()) {
    auto result = mine.values.insert(theirs.values.extract(theirs.values.begin()));
    if (!result.inserted) heap_bytes_ -= distinct_entry_bytes(result.node.value());
  }
}

void AggregateState::merge_first_seen(FirstSeen& mine, FirstSeen& theirs) {
  while (!theirs.sequences.empty()) {
    auto node = theirs.sequences.extract(theirs.sequences.begin());
    const auto at = mine.sequences.find(node.key());
    if (at == mine.sequences.end()) {
      mine.sequences.insert(std::move(node));
    } else if (node.mapped() < at->second) {  // theirs appeared first: keep its spelling
      heap_bytes_ -= first_seen_entry_bytes(at->first);
      mine.sequences.erase(at);
      mine.sequences.insert(std::move(node));
    } else {
      heap_bytes_ -= first_seen_entry_bytes(node.key());
    }
  }
}

void AggregateState::merge_kept(Kept& mine, Kept& theirs) {
  if (theirs.value.kind != TB_MISSING && replaces(mine, theirs.value, theirs.sequence)) {
    heap_bytes_ -= aggregate::heap_bytes(mine.value);
    mine = std::move(theirs);
  } else {
    heap_bytes_ -= aggregate::heap_bytes(theirs.value);
  }
}

Value AggregateState::take_result() {
  if (const auto* counter = std::get_if<Counter>(&state_)) {
    return Value::of_int(static_cast<int64_t>(counter->records));
  }
  if (const auto* distinct = std::get_if<DistinctSet>(&state_)) {
    return Value::of_int(static_cast<int64_t>(distinct->values.size()));
  }
  if (const auto* seen = std::get_if<FirstSeen>(&state_)) {
    return seen->sequences.empty() ? Value() : json_array_in_order(seen->sequences);
  }
  return std::move(std::get<Kept>(state_).value);
}

}  // namespace tb::runtime::aggregate
