#include "compiler/jit/kernel_jit.h"

#include "runtime/abi/host_symbols.h"

#include <mutex>

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>

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

void optimize(llvm::Module& module, unsigned opt_level) {
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

}  // namespace

llvm::Expected<std::unique_ptr<KernelJit>> KernelJit::create(const JitOptions& options) {
  initialize_llvm_once();
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb) return jtmb.takeError();
  // detectHost() targets this CPU with all its features: kernels run where they are compiled.
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

  return std::unique_ptr<KernelJit>(new KernelJit(std::move(*jit), options));
}

llvm::Expected<tb_pack_kernel> KernelJit::compile(lower::LoweredPack pack) {
  pack.module->setDataLayout(jit_->getDataLayout());
  pack.module->setTargetTriple(jit_->getTargetTriple().str());
  optimize(*pack.module, options_.opt_level);
  llvm::orc::ThreadSafeModule tsm(std::move(pack.module), std::move(pack.context));
  if (auto err = jit_->addIRModule(std::move(tsm))) return err;
  auto addr = jit_->lookup(kTbPackKernelSymbol);
  if (!addr) return addr.takeError();
  return addr->toPtr<tb_pack_kernel>();
}

}  // namespace tb::jit
