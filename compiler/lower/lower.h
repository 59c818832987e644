#pragma once
// The lower stage: a checked pack to one LLVM module holding one fused kernel function with the
// signature of `tb_pack_kernel` (runtime/abi/kernel_abi.h). All queries of all runbooks share one
// call per record, and every comparison follows the semantics in docs/language.md.
#include <memory>

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include "compiler/check/checked.h"

namespace tb::lower {

struct LoweredPack {
  std::unique_ptr<llvm::LLVMContext> context;
  std::unique_ptr<llvm::Module> module;
};

// Never fails on a pack that checked without errors; a verifier failure is a compiler bug and
// aborts with the IR printed.
LoweredPack lower_pack(const check::CheckedPack& pack);

}  // namespace tb::lower
