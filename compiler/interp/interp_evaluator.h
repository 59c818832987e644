#pragma once
// The reference interpreter behind the runtime's evaluator interface: `scan --engine=interp`
// and the test runner run records through it exactly as they run them through the kernel.
#include <memory>

#include "compiler/check/checked.h"
#include "runtime/exec/record_evaluator.h"

namespace tb::interp {

// `pack` must outlive the evaluator.
std::unique_ptr<runtime::RecordEvaluator> make_interp_evaluator(const check::CheckedPack& pack);

}  // namespace tb::interp
