#pragma once
// Derives per query the partition bounds of runtime/exec/partition_bounds.h: the values of
// `recipientAccountId` and `awsRegion`, and the eventTime interval, that every record it matches
// has. Only `==` and `in` of strings bound the two fields, and `>=`, `>`, `<`, `<=`, `==` of a
// timestamp bound eventTime (parameters and now() are constants by then); `and` intersects, `or`
// unites, and anything else, `not` included, bounds nothing. A query that reads no such field
// gets no bound, so no file is pruned.
#include <vector>

#include "compiler/check/checked.h"
#include "runtime/exec/partition_bounds.h"

namespace tb::lower {

// By query index.
std::vector<runtime::PartitionBounds> derive_partition_bounds(const check::CheckedPack& pack);

}  // namespace tb::lower
