#pragma once
// Runs the tests embedded in runbooks (`test "name" { record {...} expect ... }`): each test's
// records go through the compiled pack exactly as a scan would run them — kernel, then group by,
// having, order by and limit — and through the reference interpreter, which must agree.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "compiler/jit/kernel_jit.h"

namespace tb::driver {

class Compilation;

struct TestOutcome {
  std::string file;
  uint32_t line = 0;
  std::string runbook;
  std::string test;
  std::vector<std::string> failures;  // empty when the test passed

  bool passed() const { return failures.empty(); }
};

struct FileTestResult {
  std::string file;
  // Set when the file did not compile (with the options of some test): its diagnostics are in
  // `compilation`, and its tests did not run.
  bool compile_failed = false;
  std::string jit_error;
  std::vector<TestOutcome> tests;
  size_t runbooks = 0;  // runbooks defined in the file
  size_t queries = 0;
  // For --coverage: runbooks without a test, and queries ("runbook.query") that no test's
  // expectation names.
  std::vector<std::string> untested_runbooks;
  std::vector<std::string> unexercised_queries;
};

// Compiles `file` and runs its runbooks' tests. `report` receives every compilation made, so
// the caller can print diagnostics; a test with params or `now` gets a compilation of its own.
FileTestResult run_file_tests(const std::string& file, const jit::JitOptions& jit_options,
                              const std::function<void(const Compilation&)>& report);

}  // namespace tb::driver
