#include "compiler/driver/query_shape.h"

#include <algorithm>

namespace tb::driver {

namespace agg = runtime::aggregate;

namespace {

agg::Value row_constant(const check::Constant& c) {
  switch (c.kind) {
    case check::Constant::Kind::String:
    case check::Constant::Kind::Timestamp:  // rows hold eventTime as the record's text
      return agg::Value::of_string(c.string_value);
    case check::Constant::Kind::Int:
    case check::Constant::Kind::Duration:  // seconds
      return agg::Value::of_int(c.int_value);
    case check::Constant::Kind::Float:
      return agg::Value::of_double(c.float_value);
    case check::Constant::Kind::Bool:
      return agg::Value::of_bool(c.bool_value);
    case check::Constant::Kind::Null:
      break;
  }
  return agg::Value::null_value();
}

agg::CompareOp compare_op(check::CmpOp op) {
  switch (op) {
    case check::CmpOp::Eq:
      return agg::CompareOp::Eq;
    case check::CmpOp::Ne:
      return agg::CompareOp::Ne;
    case check::CmpOp::Lt:
      return agg::CompareOp::Lt;
    case check::CmpOp::Le:
      return agg::CompareOp::Le;
    case check::CmpOp::Gt:
      return agg::CompareOp::Gt;
    case check::CmpOp::Ge:
      return agg::CompareOp::Ge;
  }
  return agg::CompareOp::Eq;
}

agg::NullTest null_test(check::RowTest t) {
  switch (t) {
    case check::RowTest::Exists:
      return agg::NullTest::Exists;
    case check::RowTest::IsNull:
      return agg::NullTest::IsNull;
    case check::RowTest::IsMissing:
      return agg::NullTest::IsMissing;
    case check::RowTest::HasValue:
      return agg::NullTest::IsNotNull;
  }
  return agg::NullTest::Exists;
}

agg::RowPredicate row_predicate(const check::RowPred& p) {
  agg::RowPredicate out;
  switch (p.kind) {
    case check::RowPred::Kind::Const:
      out.kind = agg::RowPredicate::Kind::Const;
      out.const_value = p.const_value;
      break;
    case check::RowPred::Kind::And:
    case check::RowPred::Kind::Or:
    case check::RowPred::Kind::Not:
      out.kind = p.kind == check::RowPred::Kind::And  ? agg::RowPredicate::Kind::And
                 : p.kind == check::RowPred::Kind::Or ? agg::RowPredicate::Kind::Or
                                                      : agg::RowPredicate::Kind::Not;
      for (const check::RowPred& child : p.children) out.children.push_back(row_predicate(child));
      break;
    case check::RowPred::Kind::Test:
      out.kind = agg::RowPredicate::Kind::Test;
      out.column = p.column;
      out.null_test = null_test(p.test);
      break;
    case check::RowPred::Kind::Compare:
      out.column = p.column;
      if (p.value.kind == check::Constant::Kind::Null &&
          (p.op == check::CmpOp::Eq || p.op == check::CmpOp::Ne)) {
        // `== null` is a null test, as in `where`; `!= null` holds when the column has a value.
        out.kind = agg::RowPredicate::Kind::Test;
        out.null_test = p.op == check::CmpOp::Eq ? agg::NullTest::IsNull : agg::NullTest::IsNotNull;
        break;
      }
      out.kind = agg::RowPredicate::Kind::Compare;
      out.op = compare_op(p.op);
      out.constant = row_constant(p.value);
      break;
  }
  return out;
}

agg::AggregateKind aggregate_kind(check::AggregateKind k) {
  switch (k) {
    case check::AggregateKind::Count:
      return agg::AggregateKind::Count;
    case check::AggregateKind::CountDistinct:
      return agg::AggregateKind::CountDistinct;
    case check::AggregateKind::Min:
      return agg::AggregateKind::Min;
    case check::AggregateKind::Max:
      return agg::AggregateKind::Max;
    case check::AggregateKind::First:
      return agg::AggregateKind::First;
    case check::AggregateKind::Last:
      return agg::AggregateKind::Last;
    case check::AggregateKind::Values:
      return agg::AggregateKind::Values;
  }
  return agg::AggregateKind::Count;
}

}  // namespace

agg::QueryShape query_shape(const check::CheckedQuery& query, const std::string& runbook) {
  agg::QueryShape shape;
  shape.runbook = runbook;
  shape.query = query.name.empty() ? "main" : query.name;
  shape.grouped = query.grouped;
  shape.key_slots = query.key_slots;
  for (const check::Column& c : query.columns) {
    agg::OutputColumn col;
    col.name = c.name;
    col.hidden = c.hidden;
    col.slot = c.slot;
    switch (c.source) {
      case check::Column::Source::Field:
        col.source = agg::OutputColumn::Source::Field;
        break;
      case check::Column::Source::Key: {
        // The checked column names the key's record slot; the operator wants its key index.
        col.source = agg::OutputColumn::Source::Key;
        const auto& keys = query.key_slots;
        col.slot =
            static_cast<uint32_t>(std::find(keys.begin(), keys.end(), c.slot) - keys.begin());
        break;
      }
      case check::Column::Source::Aggregate:
        col.source = agg::OutputColumn::Source::Aggregate;
        col.aggregate = aggregate_kind(c.aggregate);
        break;
    }
    shape.columns.push_back(std::move(col));
  }
  if (query.having) shape.having = row_predicate(*query.having);
  for (const check::OrderKey& k : query.order) shape.order.push_back({k.column, k.descending});
  shape.limit = query.limit;
  return shape;
}

}  // namespace tb::driver
