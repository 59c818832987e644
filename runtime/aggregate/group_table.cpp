#include "runtime/aggregate/group_table.h"

#include <algorithm>
#include <utility>

namespace tb::runtime::aggregate {

namespace {

// A hash map node (key, group, next pointer, cached hash) and its share of the bucket array.
constexpr size_t kNodeOverhead = 3 * sizeof(void*);

}  // namespace

size_t GroupTable::KeyHash::operator()(const Key& key) const {
  size_t h = key.size();
  for (const Value& v : key) h = (h ^ hash_value(v)) * 0x100000001B3ull;
  return h;
}

bool GroupTable::KeyEqual::operator()(const Key& a, const Key& b) const {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), values_equal);
}

GroupTable::GroupTable(const QueryShape& shape)
    : shape_(&shape), scratch_key_(shape.key_slots.size()) {
  for (uint32_t c = 0; c < shape.columns.size(); ++c) {
    if (shape.columns[c].source == OutputColumn::Source::Aggregate) aggregate_columns_.push_back(c);
  }
}

GroupTable::Group GroupTable::new_group(uint64_t sequence) const {
  Group group;
  group.first_sequence = sequence;
  group.aggregates.reserve(aggregate_columns_.size());
  for (const uint32_t c : aggregate_columns_)
    group.aggregates.emplace_back(shape_->columns[c].aggregate);
  return group;
}

size_t GroupTable::entry_bytes(const Key& key, const Group& group) const {
  size_t bytes = kNodeOverhead + sizeof(Key) + sizeof(Group) + key.capacity() * sizeof(Value) +
                 group.aggregates.capacity() * sizeof(AggregateState);
  for (const Value& v : key) bytes += heap_bytes(v);
  for (const AggregateState& state : group.aggregates) bytes += state.heap_bytes();
  return bytes;
}

void GroupTable::add(const tb_value* slots, uint64_t sequence) {
  for (size_t k = 0; k < scratch_key_.size(); ++k) {
    scratch_key_[k].assign(slots[shape_->key_slots[k]]);
  }
  auto at = groups_.find(scratch_key_);
  if (at == groups_.end()) {
    at = groups_.emplace(scratch_key_, new_group(sequence)).first;
    bytes_ += entry_bytes(at->first, at->second);
  }
  for (size_t a = 0; a < aggregate_columns_.size(); ++a) {
    const OutputColumn& column = shape_->columns[aggregate_columns_[a]];
    if (column.aggregate != AggregateKind::Count) scratch_argument_.assign(slots[column.slot]);
    AggregateState& state = at->second.aggregates[a];
    bytes_ -= state.heap_bytes();
    state.add(scratch_argument_, sequence);
    bytes_ += state.heap_bytes();
  }
}

void GroupTable::merge(GroupTable&& other) {
  bytes_ += std::exchange(other.bytes_, 0);  // holding both, less what the merge drops
  while (!other.groups_.empty()) {
    auto theirs = other.groups_.extract(other.groups_.begin());
    auto mine = groups_.find(theirs.key());
    if (mine == groups_.end()) {
      groups_.insert(std::move(theirs));
      continue;
    }
    bytes_ -= entry_bytes(mine->first, mine->second) + entry_bytes(theirs.key(), theirs.mapped());
    if (theirs.mapped().first_sequence < mine->second.first_sequence) {
      // Their group started first: keep their key's spelling, fold ours into it.
      auto ours = groups_.extract(mine);
      std::swap(ours.key(), theirs.key());
      mine = groups_.insert(std::move(ours)).position;
    }
    Group& group = mine->second;
    Group& folded = theirs.mapped();
    group.first_sequence = std::min(group.first_sequence, folded.first_sequence);
    for (size_t a = 0; a < group.aggregates.size(); ++a) {
      group.aggregates[a].merge(std::move(folded.aggregates[a]));
    }
    bytes_ += entry_bytes(mine->first, group);
  }
}

std::vector<RankedRow> GroupTable::take_rows() {
  if (shape_->key_slots.empty() && groups_.empty()) groups_.emplace(Key(), new_group(0));
  std::vector<uint32_t> aggregate_of_column(shape_->columns.size());
  for (uint32_t a = 0; a < aggregate_columns_.size(); ++a)
    aggregate_of_column[aggregate_columns_[a]] = a;

  std::vector<RankedRow> rows;
  rows.reserve(groups_.size());
  while (!groups_.empty()) {
    auto node = groups_.extract(groups_.begin());
    RankedRow row;
    row.sequence = node.mapped().first_sequence;
    row.cells.reserve(shape_->columns.size());
    for (uint32_t c = 0; c < shape_->columns.size(); ++c) {
      const OutputColumn& column = shape_->columns[c];
      if (column.source == OutputColumn::Source::Key) {
        row.cells.push_back(node.key()[column.slot]);  // a key may be selected twice
      } else {
        row.cells.push_back(node.mapped().aggregates[aggregate_of_column[c]].take_result());
      }
    }
    rows.push_back(std::move(row));
  }
  bytes_ = 0;
  return rows;
}

}  // namespace tb::runtime::aggregate
