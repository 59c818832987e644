#include "compiler/ast/ast.h"

namespace tb::ast {

std::string Path::dotted() const {
  std::string out;
  for (const PathStep& step : steps) {
    if (!out.empty()) out += '.';
    out += step.name;
  }
  return out;
}

std::string_view compare_op_text(CompareOp op) {
  switch (op) {
    case CompareOp::Eq:
      return "==";
    case CompareOp::Ne:
      return "!=";
    case CompareOp::Lt:
      return "<";
    case CompareOp::Le:
      return "<=";
    case CompareOp::Gt:
      return ">";
    case CompareOp::Ge:
      return ">=";
  }
  return "==";
}

std::string_view string_test_text(StringTest test) {
  switch (test) {
    case StringTest::Contains:
      return "contains";
    case StringTest::IContains:
      return "icontains";
    case StringTest::StartsWith:
      return "startswith";
    case StringTest::IStartsWith:
      return "istartswith";
    case StringTest::EndsWith:
      return "endswith";
    case StringTest::IEndsWith:
      return "iendswith";
    case StringTest::Matches:
      return "matches";
  }
  return "contains";
}

std::unique_ptr<Expr> Expr::clone() const {
  auto copy = std::make_unique<Expr>();
  copy->kind = kind;
  copy->span = span;
  copy->literal = literal;
  copy->path = path;
  copy->name = name;
  copy->name_span = name_span;
  copy->compare = compare;
  copy->test = test;
  copy->minus = minus;
  copy->negated = negated;
  for (const auto& child : children) copy->children.push_back(child ? child->clone() : nullptr);
  return copy;
}

}  // namespace tb::ast
