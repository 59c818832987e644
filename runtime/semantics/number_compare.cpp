#include "runtime/semantics/number_compare.h"

#include <cmath>

namespace tb::semantics {

int compare_int_double(int64_t i, double d) {
  constexpr double kTwo63 = 9223372036854775808.0;  // 2^63, exactly representable
  if (d >= kTwo63) return -1;                       // above every int64
  if (d < -kTwo63) return 1;
  // The integral part converts to int64 without loss; the fraction then decides a tie.
  const double whole = std::trunc(d);
  const auto w = static_cast<int64_t>(whole);
  if (i != w) return i < w ? -1 : 1;
  return d > whole ? -1 : d < whole ? 1 : 0;
}

}  // namespace tb::semantics
