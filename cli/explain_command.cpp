// `trailbook explain`: what a pack compiles to, as a plan, LLVM IR or host assembly.
#include <cstdio>

#include <fmt/format.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/Support/raw_ostream.h>

#include "cli/commands.h"
#include "cli/compile_runbooks.h"
#include "cli/exit_codes.h"
#include "cli/plan_printer.h"
#include "cli/sql_export.h"
#include "compiler/jit/kernel_jit.h"
#include "compiler/lower/lower.h"

namespace tb::cli {

namespace {

// Prints the kernel's IR or assembly as the JIT would compile it: for this host, optimised at
// `opt` (IR without --jit-opt stays as lowered).
int print_kernel(const check::CheckedPack& pack, const ExplainArgs& args) {
  auto machine = jit::host_target_machine();
  if (!machine) {
    fmt::print(stderr, "trailbook: {}\n", llvm::toString(machine.takeError()));
    return kExitUsage;
  }
  lower::LoweredPack lowered = lower::lower_pack(pack);
  llvm::Module& module = *lowered.module;
  module.setDataLayout((*machine)->createDataLayout());
  module.setTargetTriple((*machine)->getTargetTriple().str());
  const bool assembly = args.assembly;
  if (assembly || args.jit_opt >= 0) {
    jit::optimize_module(module, args.jit_opt >= 0 ? static_cast<unsigned>(args.jit_opt) : 2);
  }
  std::string text;
  llvm::raw_string_ostream out(text);
  if (assembly) {
    llvm::SmallVector<char, 0> bytes;
    llvm::raw_svector_ostream asm_out(bytes);
    llvm::legacy::PassManager passes;
    if ((*machine)->addPassesToEmitFile(passes, asm_out, nullptr, llvm::CGFT_AssemblyFile)) {
      fmt::print(stderr, "trailbook: the target cannot emit assembly\n");
      return kExitUsage;
    }
    passes.run(module);
    out << llvm::StringRef(bytes.data(), bytes.size());
  } else {
    out << module;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace

int run_explain(const ExplainArgs& args) {
  driver::Compilation compilation;
  if (!set_compile_options(compilation, args.params)) return kExitUsage;
  if (!load_runbooks(compilation, args.runbooks)) return kExitUsage;
  auto pack = compilation.check();
  print_diagnostics(compilation);
  if (!pack) return kExitUsage;
  if (args.sql || args.sql_columns) {
    const std::string text = print_sql(export_sql(
        *pack, compilation.sources(), args.sql_columns ? SqlFrom::Columns : SqlFrom::Record));
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  // The scan plan adds the slots every finding reads (eventTime, eventID), as a scan does.
  driver::make_scan_plan(*pack);
  if (!args.ir && !args.assembly) {
    const std::string text = print_plan(*pack, compilation.sources());
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  return print_kernel(*pack, args);
}

}  // namespace tb::cli
