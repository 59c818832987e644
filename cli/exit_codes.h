#pragma once
// trailbook's exit statuses; documented in `trailbook --help` and the README.

namespace tb::cli {

enum ExitCode : int {
  kExitOk = 0,           // ran to the end; no findings, or findings without --fail-on-findings
  kExitFindings = 1,     // findings, and --fail-on-findings was given
  kExitUnformatted = 1,  // fmt --check: some file is not in the canonical layout
  kExitUsage = 2,        // bad command line, unreadable runbook, or compile errors
  kExitIncomplete = 3,   // some input could not be read: the result is incomplete
};

inline constexpr const char* kExitCodeHelp =
    "Exit status:\n"
    "  0  ok\n"
    "  1  findings, when --fail-on-findings is given; a failed test (test); files to format\n"
    "     (fmt --check)\n"
    "  2  usage or compile errors\n"
    "  3  incomplete result: a file or record could not be read and was skipped (scan\n"
    "     --allow-partial: 0 instead; --strict: stop at the first such problem), or a query\n"
    "     ran out of --memory-limit";

}  // namespace tb::cli
