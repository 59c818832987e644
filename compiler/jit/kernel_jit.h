#pragma once
// The jit stage: compiles a lowered pack to native code with ORC LLJIT and hands back the kernel
// as a plain function pointer. The JIT owns the code; keep it alive while the kernel runs.
#include <memory>
#include <string>

#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Target/TargetMachine.h>

#include "compiler/lower/lower.h"
#include "runtime/abi/kernel_abi.h"

namespace tb::jit {

struct JitOptions {
  JitOptions() = default;
  explicit JitOptions(unsigned opt, std::string cache = {})
      : opt_level(opt), cache_dir(std::move(cache)) {}

  unsigned opt_level = 2;  // 0..3, as -O0..-O3
  std::string cache_dir;   // compiled kernels kept here (ObjectCache); empty: no cache
};

// The optimisation pipeline compile() runs on a lowered pack, as -O`opt_level` (0: none); public
// so that `trailbook explain --ir` shows exactly what the JIT compiles.
void optimize_module(llvm::Module& module, unsigned opt_level);

// A TargetMachine for this CPU with all its features, the one the JIT compiles for.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>> host_target_machine();

class KernelJit {
 public:
  static llvm::Expected<std::unique_ptr<KernelJit>> create(const JitOptions& options = {});

  // Optimizes and compiles the pack, or loads its code from the cache; returns its kernel.
  llvm::Expected<tb_pack_kernel> compile(lower::LoweredPack pack);

  // Whether the last compile() found its code in the cache.
  bool last_from_cache() const { return last_from_cache_; }

 private:
  KernelJit(std::unique_ptr<llvm::orc::LLJIT> jit, std::unique_ptr<llvm::TargetMachine> machine,
            JitOptions options)
      : jit_(std::move(jit)), machine_(std::move(machine)), options_(std::move(options)) {}

  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> emit_object(llvm::Module& module);

  std::unique_ptr<llvm::orc::LLJIT> jit_;
  std::unique_ptr<llvm::TargetMachine> machine_;
  JitOptions options_;
  bool last_from_cache_ = false;
};

}  // namespace tb::jit
