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

}  // namespace tb::ast
