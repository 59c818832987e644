// `trailbook fmt` through the built binary: --check lists what would change and exits 1, plain
// fmt rewrites only what changes, syntax errors exit 2 and touch nothing, `-` is stdin to stdout.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using tb::e2e::run_trailbook;
using tb::e2e::TempDir;

const std::string kMessy = "runbook r {title \"t\" severity info\nwhere a==1 and(b==2 or c==3)}\n";
const std::string kCanonical =
    "runbook r {\n  title \"t\"\n  severity info\n  where a == 1 and (b == 2 or c == 3)\n}\n";
const std::string kBroken = "runbook r {\n  where a ==\n}\n";

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(FmtCli, CheckListsFilesThatWouldChangeAndExitsOne) {
  TempDir dir;
  const std::string messy = dir.file("rules/messy.tb", kMessy);
  const std::string good = dir.file("rules/good.tb", kCanonical);
  const auto r = run_trailbook("fmt --check " + dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, messy + ": not formatted\n");
  EXPECT_EQ(contents(messy), kMessy) << "--check rewrites nothing";
  EXPECT_EQ(contents(good), kCanonical);
}

TEST(FmtCli, CheckOfFormattedFilesExitsZeroSilently) {
  TempDir dir;
  const auto r = run_trailbook("fmt --check " + dir.file("good.tb", kCanonical));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
}

TEST(FmtCli, RewritesOnlyFilesThatChange) {
  TempDir dir;
  const std::string messy = dir.file("messy.tb", kMessy);
  const std::string good = dir.file("good.tb", kCanonical);
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(1);
  fs::last_write_time(good, old_time);
  const auto r = run_trailbook("fmt " + dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out + r.err, "") << "fmt prints nothing but errors";
  EXPECT_EQ(contents(messy), kCanonical);
  EXPECT_EQ(fs::last_write_time(good), old_time) << "an unchanged file is not rewritten";
  EXPECT_EQ(run_trailbook("fmt --check " + dir.path()).exit_code, 0);
}

TEST(FmtCli, SyntaxErrorsExitTwoAndLeaveTheFileAlone) {
  TempDir dir;
  const std::string broken = dir.file("broken.tb", kBroken);
  const std::string messy = dir.file("messy.tb", kMessy);
  for (const char* check : {"--check ", ""}) {
    const auto r = run_trailbook(std::string("fmt ") + check + dir.path());
    EXPECT_EQ(r.exit_code, 2) << check;
    EXPECT_NE(r.err.find("broken.tb:3:1: error: syntax error"), std::string::npos) << r.err;
    EXPECT_EQ(contents(broken), kBroken);
  }
  EXPECT_EQ(contents(messy), kCanonical) << "the other files are still formatted";
}

TEST(FmtCli, DashFormatsStandardInputToStandardOutput) {
  TempDir dir;
  const std::string messy = dir.file("messy.tb", kMessy);
  auto r = run_trailbook("fmt - < " + messy);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kCanonical);
  EXPECT_EQ(contents(messy), kMessy);

  r = run_trailbook("fmt --check - < " + messy);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "<stdin>: not formatted\n");

  r = run_trailbook("fmt - < " + dir.file("broken.tb", kBroken));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "") << "nothing is printed for a refused file";
  EXPECT_NE(r.err.find("<stdin>:3:1: error: syntax error"), std::string::npos) << r.err;
}

TEST(FmtCli, MissingPathIsAUsageError) {
  const auto r = run_trailbook("fmt --check /nonexistent/runbooks");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no such file or directory"), std::string::npos) << r.err;
  EXPECT_EQ(run_trailbook("fmt").exit_code, 2) << "a path is required";
}

}  // namespace
