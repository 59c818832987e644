#pragma once
// Exact comparison of an integer with a double (semantics R5): no rounding of the integer, so
// 2^53 + 1 is above the double 2^53.
#include <cstdint>

namespace tb::semantics {

// The sign of (i - d): -1, 0 or 1. `d` is finite (JSON has no NaN or infinity).
int compare_int_double(int64_t i, double d);

}  // namespace tb::semantics
