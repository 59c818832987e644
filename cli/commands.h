#pragma once
// One function per verb; main.cpp only wires them to the command line.
#include <string>
#include <vector>

namespace tb::cli {

struct CheckArgs {
  std::vector<std::string> runbooks;
};
int run_check(const CheckArgs& args);

struct ScanArgs {
  std::vector<std::string> runbooks;
  std::vector<std::string> inputs;
  std::string format;  // "", "jsonl" or "table"; "" picks by whether stdout is a terminal
  bool fail_on_findings = false;
  bool quiet = false;
  unsigned jit_opt = 2;
};
int run_scan(const ScanArgs& args);

struct DocArgs {
  std::string topic;  // "diagnostics"
};
int run_doc(const DocArgs& args);

}  // namespace tb::cli
