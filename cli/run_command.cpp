// trailbook run: scan, and write by default a markdown investigation report of the results.
#include "cli/commands.h"

namespace tb::cli {

int run_report(const ScanArgs& args) {
  ScanArgs with_default = args;
  if (with_default.format.empty()) with_default.format = "markdown";
  return run_scan(with_default);
}

}  // namespace tb::cli
