#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/compile_runbooks.h"
#include "cli/diagnostic_formats.h"
#include "cli/exit_codes.h"

namespace tb::cli {

int run_check(const CheckArgs& args) {
  driver::Compilation compilation;
  if (!set_compile_options(compilation, args.params, args.deny)) return kExitUsage;
  if (!load_runbooks(compilation, args.runbooks)) return kExitUsage;
  auto pack = compilation.check();
  if (args.format == "json" || args.format == "sarif") {
    const auto& diags = compilation.diagnostics().diagnostics();
    fmt::print("{}", args.format == "json" ? diagnostics_json(compilation.sources(), diags)
                                           : diagnostics_sarif(compilation.sources(), diags));
    print_unknown_params(compilation);
  } else {
    print_diagnostics(compilation);
  }
  if (!pack) return kExitUsage;
  size_t queries = 0;
  for (const auto& rb : pack->runbooks) queries += rb.queries.size();
  const size_t warnings = compilation.diagnostics().warning_count();
  fmt::print(
      stderr, "trailbook: {} runbook{} ({} quer{}) checked, no errors{}\n", pack->runbooks.size(),
      pack->runbooks.size() == 1 ? "" : "s", queries, queries == 1 ? "y" : "ies",
      warnings == 0 ? "" : fmt::format(", {} warning{}", warnings, warnings == 1 ? "" : "s"));
  return kExitOk;
}

}  // namespace tb::cli
