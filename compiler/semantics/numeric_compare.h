#pragma once
// Exact comparison of an int64 with a double (semantics R5: an integer compares with a float by
// exact value). A constant's side is planned once, at compile time, into a comparison of the
// field's own type, so kernels never convert the field.
#include <cstdint>
#include <optional>

#include "compiler/check/checked.h"

namespace tb::semantics {

// `int_field OP double_constant` becomes `int_field op bound`, or a constant result.
struct IntVsDouble {
  std::optional<bool> always;
  check::CmpOp op = check::CmpOp::Eq;
  int64_t bound = 0;
};
IntVsDouble plan_int_vs_double(check::CmpOp op, double constant);

// `double_field OP int_constant` becomes `double_field op bound`, or a constant result.
struct DoubleVsInt {
  std::optional<bool> always;
  check::CmpOp op = check::CmpOp::Eq;
  double bound = 0;
};
DoubleVsInt plan_double_vs_int(check::CmpOp op, int64_t constant);

// Whether `a OP b` holds, given the sign of a - b (-1, 0 or 1).
bool holds(check::CmpOp op, int sign);

// Evaluates `a OP b` exactly, for the interpreter and tests.
bool compare_int_double(int64_t a, check::CmpOp op, double b);
bool compare_double_int(double a, check::CmpOp op, int64_t b);

}  // namespace tb::semantics
