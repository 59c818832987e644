#pragma once
// Evaluates `having` on a finished row (semantics R2-R5, as documented on RowPredicate).
#include <vector>

#include "runtime/aggregate/query_shape.h"
#include "runtime/aggregate/value.h"

namespace tb::runtime::aggregate {

// `row` holds every column of the shape, hidden ones included.
bool row_matches(const RowPredicate& predicate, const std::vector<Value>& row);

}  // namespace tb::runtime::aggregate
