#pragma once
// The reference interpreter: a plain tree walk over the checked predicates that defines what
// every construct means. The JIT kernels must agree with it on every record.
#include <cstdint>

#include "compiler/check/checked.h"
#include "runtime/abi/kernel_abi.h"

namespace tb::interp {

bool evaluate(const check::Pred& pred, const tb_value* slots);

// Same contract as a tb_pack_kernel: sets bit q of `matched` when query q matches.
uint32_t evaluate_pack(const check::CheckedPack& pack, const tb_value* slots, uint64_t* matched);

}  // namespace tb::interp
