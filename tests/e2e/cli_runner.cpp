#include "tests/e2e/cli_runner.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

namespace tb::e2e {

RunResult run_trailbook(const std::string& args) {
  return run_shell(TB_TRAILBOOK_BIN " " + args);
}

RunResult run_shell(const std::string& command) {
  const auto err_file = std::filesystem::temp_directory_path() /
                        ("tb-e2e-stderr-" + std::to_string(::getpid()) + ".txt");
  const std::string cmd = "cd " TB_SOURCE_DIR " && { " + command + " ; } 2>" + err_file.string();
  RunResult r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[65536];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file);
  std::ostringstream s;
  s << in.rdbuf();
  r.err = s.str();
  std::filesystem::remove(err_file);
  return r;
}

Summary parse_summary(const std::string& err) {
  static const std::regex line(
      R"((\d+) records in [0-9.]+ s: (\d+) matched, (\d+) not matched, (\d+) skipped)");
  std::smatch m;
  Summary s;
  if (!std::regex_search(err, m, line)) return s;
  s.found = true;
  s.records = std::stol(m[1]);
  s.matched = std::stol(m[2]);
  s.unmatched = std::stol(m[3]);
  s.skipped = std::stol(m[4]);
  return s;
}

size_t count_lines_with(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::string l;
  size_t n = 0;
  while (std::getline(in, l)) n += l.find(needle) != std::string::npos;
  return n;
}

void expect_balanced(const RunResult& r) {
  const auto s = parse_summary(r.err);
  ASSERT_TRUE(s.found) << "no summary line in:\n" << r.err;
  EXPECT_EQ(s.records, s.matched + s.unmatched + s.skipped) << r.err;
}

std::string record(int i, const std::string& event_name, const std::string& extra) {
  return R"({"eventVersion":"1.08","eventTime":"2026-11-01T00:00:00Z","eventSource":)"
         R"("iam.amazonaws.com","eventName":")" +
         event_name + R"(","eventID":"id-)" + std::to_string(i) + "\"" + extra + "}";
}

}  // namespace tb::e2e
