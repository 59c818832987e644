#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/compile_runbooks.h"
#include "cli/exit_codes.h"
#include "cli/runbook_catalog.h"
#include "compiler/diag/markdown.h"

namespace tb::cli {

int run_doc(const DocArgs& args) {
  if (args.topic == "diagnostics") {
    // An optional folder of golden cases supplies an example per code (scripts/gen-docs).
    fmt::print("{}", diagnostics_markdown(args.runbooks.empty()
                                              ? std::vector<DiagnosticExample>{}
                                              : read_diagnostic_examples(args.runbooks[0])));
    return kExitOk;
  }
  driver::Compilation compilation;
  const std::vector<std::string> paths =
      args.runbooks.empty() ? std::vector<std::string>{"runbooks/"} : args.runbooks;
  if (!load_runbooks(compilation, paths)) return kExitUsage;
  auto pack = compilation.check();
  print_diagnostics(compilation);
  if (!pack) return kExitUsage;
  fmt::print("{}", runbook_catalog_markdown(*pack));
  return kExitOk;
}

}  // namespace tb::cli
