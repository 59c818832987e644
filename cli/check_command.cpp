#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/compile_runbooks.h"
#include "cli/exit_codes.h"

namespace tb::cli {

int run_check(const CheckArgs& args) {
  driver::Compilation compilation;
  if (!set_compile_options(compilation, args.params)) return kExitUsage;
  if (!load_runbooks(compilation, args.runbooks)) return kExitUsage;
  auto pack = compilation.check();
  print_diagnostics(compilation);
  if (!pack) return kExitUsage;
  size_t queries = 0;
  for (const auto& rb : pack->runbooks) queries += rb.queries.size();
  fmt::print(stderr, "trailbook: {} runbook{} ({} quer{}) checked, no errors\n",
             pack->runbooks.size(), pack->runbooks.size() == 1 ? "" : "s", queries,
             queries == 1 ? "y" : "ies");
  return kExitOk;
}

}  // namespace tb::cli
