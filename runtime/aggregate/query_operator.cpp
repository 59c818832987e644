#include "runtime/aggregate/query_operator.h"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <utility>

#include "runtime/aggregate/row_predicate.h"

namespace tb::runtime::aggregate {

namespace {

std::string query_label(const QueryShape& shape) {
  return "query '" + shape.query + "' of runbook '" + shape.runbook + "'";
}

void require(bool ok, const QueryShape& shape, const std::string& what) {
  if (!ok) throw std::invalid_argument(query_label(shape) + ": " + what);
}

void check_predicate(const RowPredicate& predicate, const QueryShape& shape) {
  switch (predicate.kind) {
    case RowPredicate::Kind::Not:
      require(predicate.children.size() == 1, shape, "having: 'not' needs one condition");
      break;
    case RowPredicate::Kind::Compare:
    case RowPredicate::Kind::Test:
      require(predicate.column < shape.columns.size(), shape, "having refers to a missing column");
      break;
    default:
      break;
  }
  for (const RowPredicate& child : predicate.children) check_predicate(child, shape);
}

const QueryShape& checked(const QueryShape& shape) {
  require(shape.grouped || shape.key_slots.empty(), shape, "group by keys without group by");
  for (const OutputColumn& column : shape.columns) {
    const std::string what = "column '" + column.name + "'";
    switch (column.source) {
      case OutputColumn::Source::Field:
        require(!shape.grouped, shape, what + " is a record field in a query with group by");
        break;
      case OutputColumn::Source::Key:
        require(shape.grouped && column.slot < shape.key_slots.size(), shape,
                what + " refers to a group by key that does not exist");
        break;
      case OutputColumn::Source::Aggregate:
        require(shape.grouped, shape, what + " is an aggregate in a query without group by");
        break;
    }
  }
  for (const OrderKey& key : shape.order) {
    require(key.column < shape.columns.size(), shape, "order by refers to a missing column");
  }
  if (shape.having) check_predicate(*shape.having, shape);
  return shape;
}

std::variant<GroupTable, RowSelection> empty_state(const QueryShape& shape) {
  if (shape.grouped) return GroupTable(shape);
  return RowSelection(RowOrder(shape.order), shape.limit);
}

void sort_and_limit(std::vector<RankedRow>& rows, const QueryShape& shape) {
  const RowOrder order(shape.order);
  if (shape.limit && *shape.limit < rows.size()) {
    const auto end = rows.begin() + static_cast<std::ptrdiff_t>(*shape.limit);
    std::partial_sort(rows.begin(), end, rows.end(), order);
    rows.erase(end, rows.end());
  } else {
    std::sort(rows.begin(), rows.end(), order);
  }
}

}  // namespace

QueryOperator::QueryOperator(const QueryShape& shape, MemoryBudget& budget)
    : shape_(&checked(shape)), account_(budget), state_(empty_state(shape)) {}

bool QueryOperator::add(const tb_value* slots, uint64_t sequence) {
  if (failed()) return false;
  if (auto* groups = std::get_if<GroupTable>(&state_)) {
    groups->add(slots, sequence);
    return charge();
  }
  auto& selection = std::get<RowSelection>(state_);
  if (!selection.could_keep(sequence)) return true;
  RankedRow row;
  row.sequence = sequence;
  row.cells.reserve(shape_->columns.size());
  for (const OutputColumn& column : shape_->columns)
    row.cells.push_back(Value::from(slots[column.slot]));
  if (shape_->having && !row_matches(*shape_->having, row.cells)) return true;
  selection.offer(std::move(row));
  return charge();
}

void QueryOperator::merge(QueryOperator&& other) {
  if (failed()) return;
  if (other.failed()) {
    error_ = std::move(other.error_);
    drop_state();
    return;
  }
  account_.absorb(std::move(other.account_));
  if (auto* groups = std::get_if<GroupTable>(&state_)) {
    groups->merge(std::move(std::get<GroupTable>(other.state_)));
  } else {
    std::get<RowSelection>(state_).merge(std::move(std::get<RowSelection>(other.state_)));
  }
  charge();
}

bool QueryOperator::charge() {
  const size_t bytes = std::visit([](const auto& state) { return state.bytes(); }, state_);
  if (account_.use(bytes)) return true;
  const size_t held = std::visit([](const auto& state) { return state.size(); }, state_);
  const bool grouped = shape_->grouped;
  const char* what = grouped                  ? "group by state"
                     : !shape_->order.empty() ? "order by state"
                                              : "the rows kept for output";
  error_ = query_label(*shape_) + ": " + what + " exceeded the memory budget of " +
           format_bytes(account_.budget().limit()) + " (" + format_count(held) +
           (grouped ? " groups" : " rows") + "); raise --memory-limit or narrow the query";
  drop_state();
  return false;
}

void QueryOperator::drop_state() {
  state_ = empty_state(*shape_);  // the result is lost; free the memory for other queries
  account_.use(0);
}

std::vector<Row> QueryOperator::finish() {
  if (failed()) throw std::runtime_error(error_);
  std::vector<RankedRow> ranked;
  if (auto* groups = std::get_if<GroupTable>(&state_)) {
    ranked = groups->take_rows();
    if (shape_->having) {
      std::erase_if(ranked,
                    [&](const RankedRow& row) { return !row_matches(*shape_->having, row.cells); });
    }
    sort_and_limit(ranked, *shape_);
  } else {
    ranked = std::get<RowSelection>(state_).take_sorted();
  }
  account_.use(0);

  std::vector<Row> rows;
  rows.reserve(ranked.size());
  for (RankedRow& ranked_row : ranked) {
    Row& row = rows.emplace_back();
    for (size_t c = 0; c < shape_->columns.size(); ++c) {
      if (!shape_->columns[c].hidden) row.push_back(std::move(ranked_row.cells[c]));
    }
  }
  return rows;
}

}  // namespace tb::runtime::aggregate
