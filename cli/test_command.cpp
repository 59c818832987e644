#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/compile_runbooks.h"
#include "cli/exit_codes.h"
#include "cli/junit_report.h"
#include "compiler/driver/test_runner.h"
#include "compiler/jit/object_cache.h"

namespace tb::cli {

namespace {

void print_file_result(const driver::FileTestResult& result, bool verbose) {
  if (result.compile_failed) {
    if (!result.jit_error.empty()) {
      fmt::print(stderr, "trailbook: error: {}: JIT: {}\n", result.file, result.jit_error);
    }
    fmt::print("FAIL {}: does not compile; its tests did not run\n", result.file);
    return;
  }
  for (const driver::TestOutcome& t : result.tests) {
    if (t.passed()) {
      if (verbose) fmt::print("ok   {}:{}: {}: {}\n", t.file, t.line, t.runbook, t.test);
      continue;
    }
    fmt::print("FAIL {}:{}: {}: {}\n", t.file, t.line, t.runbook, t.test);
    for (const std::string& why : t.failures) fmt::print("  {}\n", why);
  }
}

void print_coverage(const std::vector<driver::FileTestResult>& results) {
  size_t runbooks = 0, untested = 0, queries = 0, unexercised = 0;
  for (const auto& r : results) {
    runbooks += r.runbooks;
    untested += r.untested_runbooks.size();
    queries += r.queries;
    unexercised += r.unexercised_queries.size();
  }
  fmt::print("coverage: {} of {} runbooks have tests; {} of {} queries are named by a test\n",
             runbooks - untested, runbooks, queries - unexercised, queries);
  for (const auto& r : results) {
    for (const auto& name : r.untested_runbooks) {
      fmt::print("  no tests:      {} ({})\n", name, r.file);
    }
    for (const auto& name : r.unexercised_queries) {
      fmt::print("  not exercised: {} ({})\n", name, r.file);
    }
  }
}

}  // namespace

// Runs every test of every runbook file, one file at a time, and prints a line per failed test
// (per test with --verbose) and the totals. Exit: 0 all passed, 1 a test failed, 2 a runbook did
// not compile or the report could not be written.
int run_test(const TestArgs& args) {
  std::vector<std::string> errors;
  const std::vector<std::string> files = driver::find_runbook_files(args.runbooks, errors);
  for (const std::string& e : errors) fmt::print(stderr, "trailbook: error: {}\n", e);
  if (!errors.empty()) return kExitUsage;
  if (files.empty()) {
    fmt::print(stderr, "trailbook: error: no runbooks (*.tb) found\n");
    return kExitUsage;
  }
  std::vector<driver::FileTestResult> results;
  size_t passed = 0, failed = 0, untested = 0;
  bool compile_failed = false;
  for (const std::string& file : files) {
    results.push_back(
        driver::run_file_tests(file, jit::JitOptions{args.jit_opt, jit::ObjectCache::default_dir()},
                               [](const driver::Compilation& c) { print_diagnostics(c); }));
    const driver::FileTestResult& result = results.back();
    print_file_result(result, args.verbose);
    compile_failed = compile_failed || result.compile_failed;
    if (!result.compile_failed && result.tests.empty()) untested += result.runbooks;
    for (const driver::TestOutcome& t : result.tests) (t.passed() ? passed : failed) += 1;
  }
  fmt::print("{} passed, {} failed{}\n", passed, failed,
             untested > 0 ? fmt::format(" ({} runbook{} in files without tests)", untested,
                                        untested == 1 ? "" : "s")
                          : "");
  if (args.coverage) print_coverage(results);
  if (!args.junit.empty()) {
    std::FILE* out = std::fopen(args.junit.c_str(), "wb");
    const std::string xml = junit_xml(results);
    if (out == nullptr || std::fwrite(xml.data(), 1, xml.size(), out) != xml.size()) {
      fmt::print(stderr, "trailbook: error: cannot write the JUnit report to {}\n", args.junit);
      if (out != nullptr) std::fclose(out);
      return kExitUsage;
    }
    std::fclose(out);
  }
  if (compile_failed) return kExitUsage;
  return failed > 0 ? kExitFindings : kExitOk;
}

}  // namespace tb::cli
