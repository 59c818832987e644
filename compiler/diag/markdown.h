#pragma once
// docs/diagnostics.md is generated from diagnostics.def, so the two cannot drift apart.
#include <string>
#include <vector>

namespace tb {

// One rendered example: a runbook and what `trailbook check` prints for it.
struct DiagnosticExample {
  std::string code;       // TB3030
  std::string file_name;  // TB3030-update-role-policy.tb
  std::string args;       // extra command-line arguments, if any
  std::string source;
  std::string output;  // as printed, then "exit N"
};

// The examples of a folder of golden cases (tests/golden/diagnostics: <code>-<slug>.tb with its
// .expected and optional .args): the first case of each code that reports only that code.
std::vector<DiagnosticExample> read_diagnostic_examples(const std::string& folder);

// The table of every diagnostic, then an example for each code that has one.
std::string diagnostics_markdown(const std::vector<DiagnosticExample>& examples = {});

}  // namespace tb
