#pragma once
// What follows a query's `where`, as the runtime's query operator runs it: the checked columns,
// keys, having, order and limit translated to runtime::aggregate types.
#include <string>

#include "compiler/check/checked.h"
#include "runtime/aggregate/query_shape.h"

namespace tb::driver {

runtime::aggregate::QueryShape query_shape(const check::CheckedQuery& query,
                                           const std::string& runbook);

}  // namespace tb::driver
