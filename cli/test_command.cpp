#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/compile_runbooks.h"
#include "cli/exit_codes.h"
#include "compiler/driver/test_runner.h"

namespace tb::cli {

// Runs every test of every runbook file, one file at a time, and prints a line per failed test
// (per test with --verbose) and the totals. Exit: 0 all passed, 1 a test failed, 2 a runbook did
// not compile.
int run_test(const TestArgs& args) {
  std::vector<std::string> errors;
  const std::vector<std::string> files = driver::find_runbook_files(args.runbooks, errors);
  for (const std::string& e : errors) fmt::print(stderr, "trailbook: error: {}\n", e);
  if (!errors.empty()) return kExitUsage;
  if (files.empty()) {
    fmt::print(stderr, "trailbook: error: no runbooks (*.tb) found\n");
    return kExitUsage;
  }
  size_t passed = 0;
  size_t failed = 0;
  size_t untested = 0;
  bool compile_failed = false;
  for (const std::string& file : files) {
    const driver::FileTestResult result =
        driver::run_file_tests(file, jit::JitOptions{args.jit_opt},
                               [](const driver::Compilation& c) { print_diagnostics(c); });
    if (result.compile_failed) {
      compile_failed = true;
      if (!result.jit_error.empty()) {
        fmt::print(stderr, "trailbook: error: {}: JIT: {}\n", file, result.jit_error);
      }
      fmt::print("FAIL {}: does not compile; its tests did not run\n", file);
      continue;
    }
    if (result.tests.empty()) untested += result.runbooks;
    for (const driver::TestOutcome& t : result.tests) {
      if (t.passed()) {
        ++passed;
        if (args.verbose) fmt::print("ok   {}:{}: {}: {}\n", t.file, t.line, t.runbook, t.test);
        continue;
      }
      ++failed;
      fmt::print("FAIL {}:{}: {}: {}\n", t.file, t.line, t.runbook, t.test);
      for (const std::string& why : t.failures) fmt::print("  {}\n", why);
    }
  }
  fmt::print("{} passed, {} failed{}\n", passed, failed,
             untested > 0 ? fmt::format(" ({} runbook{} in files without tests)", untested,
                                        untested == 1 ? "" : "s")
                          : "");
  if (compile_failed) return kExitUsage;
  return failed > 0 ? kExitFindings : kExitOk;
}

}  // namespace tb::cli
