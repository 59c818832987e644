#include "compiler/jit/kernel_jit.h"

#include "compiler/jit/object_cache.h"
#include "runtime/abi/host_symbols.h"

#include <mutex>

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/MC/MCContext.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>

namespace tb::jit {

namespace {

void initialize_llvm_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

llvm::OptimizationLevel level(unsigned n) {
  switch (n) {
    case 0:
      return llvm::OptimizationLevel::O0;
    case 1:
      return llvm::OptimizationLevel::O1;
    case 3:
      return llvm::OptimizationLevel::O3;
    default:
      return llvm::OptimizationLevel::O2;
  }
}

}  // namespace

void optimize_module(llvm::Module& module, unsigned opt_level) {
  if (opt_level == 0) return;
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb;
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  pb.buildPerModuleDefaultPipeline(level(opt_level)).run(module, mam);
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>> host_target_machine() {
  initialize_llvm_once();
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb) return jtmb.takeError();
  return jtmb->createTargetMachine();
}

llvm::Expected<std::unique_ptr<KernelJit>> KernelJit::create(const JitOptions& options) {
  initialize_llvm_once();
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb) return jtmb.takeError();
  // detectHost() targets this CPU with all its features: kernels run where they are compiled.
  auto machine = jtmb->createTargetMachine();
  if (!machine) return machine.takeError();
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*jtmb)).create();
  if (!jit) return jit.takeError();

  // Kernels call memcmp and trailbook's host functions; both resolve in this process.
  auto& dylib = (*jit)->getMainJITDylib();
  auto process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
      (*jit)->getDataLayout().getGlobalPrefix());
  if (!process) return process.takeError();
  dylib.addGenerator(std::move(*process));
  llvm::orc::MangleAndInterner mangle((*jit)->getExecutionSession(), (*jit)->getDataLayout());
  llvm::orc::SymbolMap host;
  for (const abi::HostSymbol& symbol : abi::host_symbols()) {
    host[mangle(symbol.name)] = llvm::JITEvaluatedSymbol(
        llvm::pointerToJITTargetAddress(symbol.address), llvm::JITSymbolFlags::Exported);
  }
  if (auto err = dylib.define(llvm::orc::absoluteSymbols(std::move(host)))) return err;

  return std::unique_ptr<KernelJit>(new KernelJit(std::move(*jit), std::move(*machine), options));
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> KernelJit::emit_object(llvm::Module& module) {
  llvm::SmallVector<char, 0> bytes;
  llvm::raw_svector_ostream out(bytes);
  llvm::legacy::PassManager passes;
  llvm::MCContext* context = nullptr;
  if (machine_->addPassesToEmitMC(passes, context, out)) {
    return llvm::make_error<llvm::StringError>("the target cannot emit object code",
                                               llvm::inconvertibleErrorCode());
  }
  passes.run(module);
  return llvm::MemoryBuffer::getMemBufferCopy(llvm::StringRef(bytes.data(), bytes.size()),
                                              "trailbook-kernel");
}

llvm::Expected<tb_pack_kernel> KernelJit::compile(lower::LoweredPack pack) {
  pack.module->setDataLayout(jit_->getDataLayout());
  pack.module->setTargetTriple(jit_->getTargetTriple().str());
  // The key is taken before optimisation, so that a hit skips the optimiser too.
  std::string ir;
  llvm::raw_string_ostream(ir) << *pack.module;
  const ObjectCache cache(options_.cache_dir);
  const std::string key = ObjectCache::key(ir, options_.opt_level, machine_->getTargetCPU(),
                                           machine_->getTargetFeatureString());
  std::unique_ptr<llvm::MemoryBuffer> object = cache.load(key);
  last_from_cache_ = object != nullptr;
  if (!object) {
    optimize_module(*pack.module, options_.opt_level);
    auto emitted = emit_object(*pack.module);
    if (!emitted) return emitted.takeError();
    object = std::move(*emitted);
    cache.store(key, object->getBuffer());
  }
  if (auto err = jit_->addObjectFile(std::move(object))) return err;
  auto addr = jit_->lookup(kTbPackKernelSymbol);
  if (!addr) return addr.takeError();
  return addr->toPtr<tb_pack_kernel>();
}

}  // namespace tb::jit
