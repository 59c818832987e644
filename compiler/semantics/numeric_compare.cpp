#include "compiler/semantics/numeric_compare.h"

#include <cmath>

namespace tb::semantics {

using check::CmpOp;

namespace {

constexpr double kTwo63 = 9223372036854775808.0;  // 2^63, exactly representable

// An integral double within int64's range converts exactly.
bool fits_int64(double v) {
  return v >= -kTwo63 && v < kTwo63;
}

}  // namespace

bool holds(CmpOp op, int sign) {
  switch (op) {
    case CmpOp::Eq:
      return sign == 0;
    case CmpOp::Ne:
      return sign != 0;
    case CmpOp::Lt:
      return sign < 0;
    case CmpOp::Le:
      return sign <= 0;
    case CmpOp::Gt:
      return sign > 0;
    case CmpOp::Ge:
      return sign >= 0;
  }
  return false;
}

// For an integer i: i < f ⇔ i < ceil(f); i <= f ⇔ i <= floor(f); i > f ⇔ i > floor(f);
// i >= f ⇔ i >= ceil(f); i == f ⇔ f is integral and i == f.
IntVsDouble plan_int_vs_double(CmpOp op, double f) {
  IntVsDouble p;
  p.op = op;
  const bool up = op == CmpOp::Lt || op == CmpOp::Ge;
  if (op == CmpOp::Eq || op == CmpOp::Ne) {
    if (std::floor(f) != f || !fits_int64(f)) {
      p.always = op == CmpOp::Ne;
      return p;
    }
    p.bound = static_cast<int64_t>(f);
    return p;
  }
  const double r = up ? std::ceil(f) : std::floor(f);
  if (r >= kTwo63) {  // every int64 is below r
    p.always = op == CmpOp::Lt || op == CmpOp::Le;
    return p;
  }
  if (r < -kTwo63) {  // every int64 is above r
    p.always = op == CmpOp::Gt || op == CmpOp::Ge;
    return p;
  }
  p.bound = static_cast<int64_t>(r);
  return p;
}

// n rounds to the double nd. No double lies strictly between nd and n, so comparing with nd
// and breaking the tie d == nd by the sign of (nd - n) is exact.
DoubleVsInt plan_double_vs_int(CmpOp op, int64_t n) {
  DoubleVsInt p;
  const double nd = static_cast<double>(n);
  const long double diff = static_cast<long double>(nd) - static_cast<long double>(n);
  const int rel = diff < 0 ? -1 : diff > 0 ? 1 : 0;
  p.bound = nd;
  p.op = op;
  switch (op) {
    case CmpOp::Eq:
    case CmpOp::Ne:
      if (rel != 0) p.always = op == CmpOp::Ne;
      break;
    case CmpOp::Lt:  // d < n
      p.op = rel < 0 ? CmpOp::Le : CmpOp::Lt;
      break;
    case CmpOp::Le:  // d <= n
      p.op = rel > 0 ? CmpOp::Lt : CmpOp::Le;
      break;
    case CmpOp::Gt:  // d > n
      p.op = rel > 0 ? CmpOp::Ge : CmpOp::Gt;
      break;
    case CmpOp::Ge:  // d >= n
      p.op = rel < 0 ? CmpOp::Gt : CmpOp::Ge;
      break;
  }
  return p;
}

bool compare_int_double(int64_t a, CmpOp op, double b) {
  const IntVsDouble p = plan_int_vs_double(op, b);
  if (p.always) return *p.always;
  return holds(p.op, a < p.bound ? -1 : a > p.bound ? 1 : 0);
}

bool compare_double_int(double a, CmpOp op, int64_t b) {
  const DoubleVsInt p = plan_double_vs_int(op, b);
  if (p.always) return *p.always;
  return holds(p.op, a < p.bound ? -1 : a > p.bound ? 1 : 0);
}

}  // namespace tb::semantics
