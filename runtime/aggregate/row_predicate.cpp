#include "runtime/aggregate/row_predicate.h"

namespace tb::runtime::aggregate {

namespace {

bool is_number(const Value& v) {
  return v.kind == TB_INT || v.kind == TB_DOUBLE;
}

bool equal(const Value& left, const Value& right) {
  return left.has_value() && right.has_value() && values_equal(left, right);
}

bool compare(const Value& left, CompareOp op, const Value& right) {
  if (op == CompareOp::Eq) return equal(left, right);
  if (op == CompareOp::Ne) return left.has_value() && !equal(left, right);  // semantics R3
  if (!is_number(left) || !is_number(right)) return false;  // R5: order takes numbers only
  const int c = compare_values(left, right);
  switch (op) {
    case CompareOp::Lt:
      return c < 0;
    case CompareOp::Le:
      return c <= 0;
    case CompareOp::Gt:
      return c > 0;
    default:
      return c >= 0;
  }
}

bool passes(const Value& v, NullTest test) {
  switch (test) {
    case NullTest::Exists:
      return v.kind != TB_MISSING;
    case NullTest::IsNull:
      return v.kind == TB_NULL;
    case NullTest::IsMissing:
      return v.kind == TB_MISSING;
    case NullTest::IsNotNull:
      return v.has_value();
  }
  return false;
}

}  // namespace

bool row_matches(const RowPredicate& predicate, const std::vector<Value>& row) {
  switch (predicate.kind) {
    case RowPredicate::Kind::Const:
      return predicate.const_value;
    case RowPredicate::Kind::And:
      for (const RowPredicate& child : predicate.children) {
        if (!row_matches(child, row)) return false;
      }
      return true;
    case RowPredicate::Kind::Or:
      for (const RowPredicate& child : predicate.children) {
        if (row_matches(child, row)) return true;
      }
      return false;
    case RowPredicate::Kind::Not:
      return !row_matches(predicate.children.front(), row);
    case RowPredicate::Kind::Compare:
      return compare(row[predicate.column], predicate.op, predicate.constant);
    case RowPredicate::Kind::Test:
      return passes(row[predicate.column], predicate.null_test);
  }
  return false;
}

}  // namespace tb::runtime::aggregate
