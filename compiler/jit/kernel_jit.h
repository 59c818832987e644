#pragma once
// The jit stage: compiles a lowered pack to native code with ORC LLJIT and hands back the kernel
// as a plain function pointer. The JIT owns the code; keep it alive while the kernel runs.
#include <memory>

#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/Support/Error.h>

#include "compiler/lower/lower.h"
#include "runtime/abi/kernel_abi.h"

namespace tb::jit {

struct JitOptions {
  unsigned opt_level = 2;  // 0..3, as -O0..-O3
};

class KernelJit {
 public:
  static llvm::Expected<std::unique_ptr<KernelJit>> create(const JitOptions& options = {});

  // Optimizes and compiles the pack; returns its kernel.
  llvm::Expected<tb_pack_kernel> compile(lower::LoweredPack pack);

 private:
  explicit KernelJit(std::unique_ptr<llvm::orc::LLJIT> jit, JitOptions options)
      : jit_(std::move(jit)), options_(options) {}

  std::unique_ptr<llvm::orc::LLJIT> jit_;
  JitOptions options_;
};

}  // namespace tb::jit
