#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "compiler/diag/markdown.h"

namespace tb::cli {

int run_doc(const DocArgs& args) {
  if (args.topic == "diagnostics") fmt::print("{}", diagnostics_markdown());
  return kExitOk;
}

}  // namespace tb::cli
