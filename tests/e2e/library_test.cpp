// The shipped runbook library as a whole: every test passes, the catalog in docs/ is current,
// every Stratus Red Team detonation in the test data is flagged by the runbooks tagged with its
// technique, and the findings on the Invictus attack trail stay within known bounds.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/e2e/cli_runner.h"

namespace fs = std::filesystem;
using tb::e2e::run_trailbook;
using tb::e2e::RunResult;

namespace {

const std::string kStratus = TB_SHARED_DATA_DIR "/stratus-red-team/detonation-logs";
const std::string kInvictus = TB_SHARED_DATA_DIR "/invictus-aws";

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runbooks (name and file) by the Stratus technique in their tags ("stratus:aws.persistence...").
std::map<std::string, std::map<std::string, std::string>> runbooks_by_technique() {
  std::map<std::string, std::map<std::string, std::string>> out;
  static const std::regex runbook(R"(runbook\s+(\w+)\s*\{)");
  static const std::regex tag(R"#("stratus:([^"]+)")#");
  for (const auto& e : fs::recursive_directory_iterator(TB_SOURCE_DIR "/runbooks")) {
    if (e.path().extension() != ".tb") continue;
    const std::string text = read(e.path());
    std::smatch name;
    if (!std::regex_search(text, name, runbook)) continue;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), tag);
         it != std::sregex_iterator(); ++it) {
      out[(*it)[1]][name[1]] = e.path().string();
    }
  }
  return out;
}

// (runbook, file name) of every finding in a JSON-lines scan output; rows of queries that group
// have no file, and give (runbook, "").
std::set<std::pair<std::string, std::string>> reports(const std::string& jsonl) {
  std::set<std::pair<std::string, std::string>> out;
  simdjson::dom::parser parser;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    simdjson::dom::element e;
    if (parser.parse(line).get(e) != simdjson::SUCCESS) continue;
    std::string_view name, file;
    if (e["runbook"].get(name) != simdjson::SUCCESS) continue;
    if (e["file"].get(file) != simdjson::SUCCESS) file = "";
    out.emplace(name, fs::path(file).filename().string());  // the scan normalises paths
  }
  return out;
}

TEST(Library, EveryShippedRunbookHasTestsAndTheyPass) {
  const RunResult r = run_trailbook("test --coverage runbooks/");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(" passed, 0 failed\n"), std::string::npos) << r.out;
  // Every runbook is tested and every query named by some test.
  static const std::regex coverage(
      R"(coverage: (\d+) of (\d+) runbooks have tests; (\d+) of (\d+))");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, coverage)) << r.out;
  EXPECT_EQ(m[1], m[2]) << r.out;
  EXPECT_EQ(m[3], m[4]) << r.out;
  EXPECT_GE(std::stoi(m[2]), 60) << "the library ships at least 60 runbooks";
}

TEST(Library, TheCatalogInDocsIsCurrent) {
  const RunResult r = run_trailbook("doc runbooks runbooks/");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, read(TB_SOURCE_DIR "/docs/runbooks.md"))
      << "docs/runbooks.md is stale: run `trailbook doc runbooks runbooks/ > docs/runbooks.md`";
}

// One scan of all detonations with the whole library attributes per-record findings to their
// files; a runbook that reports rows instead is scanned alone over its technique's file.
TEST(Library, EveryStratusDetonationIsFlaggedByItsRunbooks) {
  if (!fs::exists(kStratus)) GTEST_SKIP() << "no ../shared/data beside the checkout";
  const auto mapped = runbooks_by_technique();
  const RunResult all = run_trailbook("scan runbooks/ -i " + kStratus + " --format jsonl -q");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const auto found = reports(all.out);
  size_t techniques = 0;
  for (const auto& e : fs::directory_iterator(kStratus)) {
    if (e.path().extension() != ".json") continue;
    ++techniques;
    const std::string technique = e.path().stem().string();
    const auto it = mapped.find(technique);
    ASSERT_NE(it, mapped.end()) << "no runbook is tagged stratus:" << technique;
    for (const auto& [runbook, path] : it->second) {
      if (found.count({runbook, e.path().filename().string()}) > 0) continue;
      const RunResult alone =
          run_trailbook("scan " + path + " -i " + e.path().string() + " --format jsonl -q");
      ASSERT_EQ(alone.exit_code, 0) << alone.err;
      const auto alone_found = reports(alone.out);
      EXPECT_TRUE(std::any_of(alone_found.begin(), alone_found.end(),
                              [&](const auto& r) { return r.first == runbook; }))
          << runbook << " is tagged stratus:" << technique << " but does not flag its detonation";
    }
  }
  EXPECT_EQ(techniques, 27u) << "the test data changed: update the coverage in the note";
}

// The Invictus trail is an attack simulation: the library must find things in it, and a change
// that floods or silences a severity shows up here. Bounds are the counts of 2026-11-30 with
// room for tuning either way.
TEST(Library, FindingsOnTheInvictusTrailStayWithinBounds) {
  if (!fs::exists(kInvictus)) GTEST_SKIP() << "no ../shared/data beside the checkout";
  const RunResult r = run_trailbook("scan runbooks/ -i " + kInvictus + " --format jsonl -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, int> by_severity;
  simdjson::dom::parser parser;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    std::string_view severity;
    ASSERT_EQ(parser.parse(line).at_key("severity").get(severity), simdjson::SUCCESS) << line;
    ++by_severity[std::string(severity)];
  }
  for (const auto& [severity, n] : by_severity) {
    std::printf("invictus findings: %-8s %d\n", severity.c_str(), n);
  }
  EXPECT_GE(by_severity["high"], 20);
  EXPECT_LE(by_severity["high"], 80);
  EXPECT_GE(by_severity["medium"], 200);
  EXPECT_LE(by_severity["medium"], 800);
  EXPECT_GE(by_severity["low"], 100);
  EXPECT_LE(by_severity["low"], 450);
  EXPECT_LE(by_severity["critical"], 10);
}

}  // namespace
