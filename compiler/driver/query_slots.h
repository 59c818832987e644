#pragma once
// Which record slots one query reads: its where, its output columns and its group keys. The
// runtime parses only these for a record that only such queries may match (ScanPlan::base_slots).
#include <cstdint>
#include <vector>

#include "compiler/check/checked.h"

namespace tb::driver {

// Slot indexes into CheckedPack::fields, possibly repeated.
std::vector<uint32_t> slots_read(const check::CheckedQuery& query);

}  // namespace tb::driver
