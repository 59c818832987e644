#pragma once
// Runs the built trailbook binary as a user would and captures what it prints.
#include <string>

namespace tb::e2e {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `trailbook ARGS` through the shell from the source root.
RunResult run_trailbook(const std::string& args);
// Runs a shell command from the source root (for jq, the independent oracle).
RunResult run_shell(const std::string& command);

// Counts of the summary line "N records ... M matched, U not matched, S skipped".
struct Summary {
  bool found = false;
  long records = 0, matched = 0, unmatched = 0, skipped = 0;
};
Summary parse_summary(const std::string& err);

// Lines of `text` that contain `needle`.
size_t count_lines_with(const std::string& text, const std::string& needle);

// Expects a summary line on stderr that balances: records read = matched + not matched + skipped.
void expect_balanced(const RunResult& r);

// A one-line CloudTrail record of IAM named `event_name`, with eventID "id-I" and `extra` members
// appended (",\"k\":v").
std::string record(int i, const std::string& event_name, const std::string& extra = "");

}  // namespace tb::e2e
