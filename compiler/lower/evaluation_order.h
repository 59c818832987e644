#pragma once
// The order in which the kernel evaluates the children of an `and` or `or`: cheapest first, so
// that a byte comparison can decide before a regex runs or an array is walked. The semantics are
// two-valued and classical (no errors, no side effects), so the order changes only the speed.
#include <cstdint>
#include <vector>

#include "compiler/check/checked.h"

namespace tb::lower {

// A relative cost of evaluating `pred` once on a record (not a measurement: an order).
uint32_t evaluation_cost(const check::Pred& pred);

// Indexes of `children` in evaluation order: by cost, ties in written order.
std::vector<size_t> evaluation_order(const std::vector<check::Pred>& children);

}  // namespace tb::lower
