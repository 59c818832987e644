// Golden files for rendered diagnostics. Each case is a runbook `<code>-<slug>.tb` in this folder
// and `<code>-<slug>.expected`, what `trailbook check <code>-<slug>.tb` prints as a user sees it:
// run from this folder (so the paths in the output are the relative ones the case names), with
// NO_COLOR set and standard output and error together into a pipe (no terminal), followed by a
// line `exit N` with the exit status. `<case>.args`, if present, adds command-line arguments
// (shell words, e.g. `--param threshold=lots`); files the cases import or read are in lib/.
// The cases are found at run time: adding one needs no change here. TB_UPDATE_GOLDEN=1 rewrites
// the .expected files from the current output; review them before committing.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/e2e/cli_runner.h"

namespace {

namespace fs = std::filesystem;

const fs::path kCaseDir = fs::path(TB_SOURCE_DIR) / "tests/golden/diagnostics";

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool update_golden() {
  return std::getenv("TB_UPDATE_GOLDEN") != nullptr;
}

// The stems of the files directly in the case folder whose name ends with `ext`, sorted.
std::vector<std::string> stems_with(const std::string& ext) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kCaseDir)) {
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path().stem());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> case_names() {
  return stems_with(".tb");
}

// Every TBxxxx in a text, in order.
std::vector<std::string> codes_in(const std::string& text) {
  static const std::regex code(R"(TB\d{4})");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), code); it != std::sregex_iterator();
       ++it) {
    out.push_back(it->str());
  }
  return out;
}

// The codes of compiler/diag/diagnostics.def.
const std::set<std::string>& known_codes() {
  static const std::set<std::string> codes = [] {
    static const std::regex entry(R"re(TB_DIAG\(\s*\w+\s*,\s*"(TB\d{4})")re");
    const std::string def = read(fs::path(TB_SOURCE_DIR) / "compiler/diag/diagnostics.def");
    std::set<std::string> out;
    for (auto it = std::sregex_iterator(def.begin(), def.end(), entry);
         it != std::sregex_iterator(); ++it) {
      out.insert((*it)[1]);
    }
    return out;
  }();
  return codes;
}

// What the user sees for `trailbook check CASE.tb [ARGS]`, and the exit status.
std::string run_case(const std::string& name) {
  std::string args = name + ".tb";
  const fs::path args_file = kCaseDir / (name + ".args");
  if (fs::exists(args_file)) {
    std::string extra = read(args_file);
    std::replace(extra.begin(), extra.end(), '\n', ' ');
    args += " " + extra;
  }
  const tb::e2e::RunResult r = tb::e2e::run_shell(
      "cd tests/golden/diagnostics && NO_COLOR=1 " TB_TRAILBOOK_BIN " check " + args + " 2>&1");
  return r.out + "exit " + std::to_string(r.exit_code) + "\n";
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  if (!text.empty() && text.back() != '\n') out.back() += "  (no newline at end)";
  return out;
}

// A unified diff of two texts by lines, with three lines of context around each change.
std::string unified_diff(const std::string& expected, const std::string& actual) {
  const std::vector<std::string> a = split_lines(expected), b = split_lines(actual);
  const size_t n = a.size(), m = b.size();
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<size_t>> lcs(n + 1, std::vector<size_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  struct Edit {
    char op;        // ' ', '-' or '+'
    size_t ai, bi;  // the line in `expected` and in `actual` at which the edit stands
  };
  std::vector<Edit> edits;
  for (size_t i = 0, j = 0; i < n || j < m;) {
    if (i < n && j < m && a[i] == b[j]) {
      edits.push_back({' ', i++, j++});
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      edits.push_back({'-', i++, j});
    } else {
      edits.push_back({'+', i, j++});
    }
  }
  // Hunks: the changes with up to three unchanged lines around each; closer changes share one.
  constexpr size_t kContext = 3;
  std::vector<bool> shown(edits.size(), false);
  for (size_t e = 0; e < edits.size(); ++e) {
    if (edits[e].op == ' ') continue;
    const size_t last = std::min(edits.size() - 1, e + kContext);
    for (size_t s = e >= kContext ? e - kContext : 0; s <= last; ++s) shown[s] = true;
  }
  std::string out = "--- expected\n+++ actual\n";
  for (size_t begin = 0; begin < edits.size();) {
    if (!shown[begin]) {
      ++begin;
      continue;
    }
    size_t end = begin;
    while (end < edits.size() && shown[end]) ++end;
    size_t a_count = 0, b_count = 0;
    std::string body;
    for (size_t e = begin; e < end; ++e) {
      a_count += edits[e].op != '+';
      b_count += edits[e].op != '-';
      body += edits[e].op + (edits[e].op == '+' ? b[edits[e].bi] : a[edits[e].ai]) + "\n";
    }
    out += "@@ -" + std::to_string(edits[begin].ai + 1) + "," + std::to_string(a_count) + " +" +
           std::to_string(edits[begin].bi + 1) + "," + std::to_string(b_count) + " @@\n" + body;
    begin = end;
  }
  return out;
}

class GoldenDiagnostics : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenDiagnostics, OutputMatchesExpected) {
  const std::string& name = GetParam();
  const fs::path expected_file = kCaseDir / (name + ".expected");
  const std::string actual = run_case(name);
  if (update_golden()) {
    std::ofstream(expected_file, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(expected_file))
      << name << ".tb has no " << name << ".expected: run with TB_UPDATE_GOLDEN=1, review it, "
      << "commit it. The output is:\n"
      << actual;
  const std::string expected = read(expected_file);
  if (expected != actual) {
    ADD_FAILURE() << "trailbook check " << name << ".tb differs from " << name
                  << ".expected (TB_UPDATE_GOLDEN=1 rewrites it):\n"
                  << unified_diff(expected, actual);
  }
}

// A case is named for the codes it reports: each is a code of diagnostics.def, and each appears
// in the expected output as `[TBxxxx]`.
TEST_P(GoldenDiagnostics, ReportsTheCodesInItsName) {
  const std::string& name = GetParam();
  const std::vector<std::string> codes = codes_in(name);
  ASSERT_FALSE(codes.empty() || name.rfind(codes.front(), 0) != 0)
      << name << ".tb: a case is named <code>-<slug>.tb, e.g. TB2001-unknown-field.tb";
  const fs::path expected_file = kCaseDir / (name + ".expected");
  ASSERT_TRUE(fs::exists(expected_file)) << name << ".tb has no " << name << ".expected";
  const std::string expected = read(expected_file);
  for (const std::string& code : codes) {
    EXPECT_EQ(known_codes().count(code), 1u) << code << " is not in diagnostics.def";
    EXPECT_NE(expected.find("[" + code + "]\n"), std::string::npos)
        << name << ".expected does not report " << code;
  }
}

// gtest names are letters, digits and underscores: TB2001-unknown-field is TB2001_unknown_field.
std::string case_id(const ::testing::TestParamInfo<std::string>& param) {
  std::string id = param.param;
  for (char& c : id) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return id;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenDiagnostics, ::testing::ValuesIn(case_names()), case_id);

// Checked over the folder as it is now, whichever cases the test list was made with.
TEST(GoldenDiagnosticsFolder, EveryCaseHasItsExpectedOutputAndNoFileIsLeftOver) {
  const std::vector<std::string> cases = case_names();
  for (const std::string& name : cases) {
    EXPECT_TRUE(update_golden() || fs::exists(kCaseDir / (name + ".expected")))
        << name << ".tb has no " << name << ".expected";
  }
  for (const char* ext : {".expected", ".args"}) {
    for (const std::string& name : stems_with(ext)) {
      EXPECT_TRUE(std::binary_search(cases.begin(), cases.end(), name))
          << name << ext << " has no " << name << ".tb";
    }
  }
}

TEST(GoldenDiagnosticsFolder, CoversMostCodes) {
  std::set<std::string> covered;
  for (const std::string& name : case_names()) {
    for (const std::string& code : codes_in(name)) covered.insert(code);
  }
  EXPECT_GE(covered.size(), 40u);
  EXPECT_GE(known_codes().size(), covered.size());
}

TEST(GoldenDiagnosticsFolder, DiffShowsWhatChanged) {
  const std::string diff = unified_diff("a\nb\nc\n", "a\nB\nc\nd\n");
  EXPECT_EQ(diff, "--- expected\n+++ actual\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n");
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 ? "two" : i == 18 ? "eighteen" : std::to_string(i)) + "\n";
  }
  EXPECT_EQ(unified_diff(before, after),
            "--- expected\n+++ actual\n"
            "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
            "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n");
}

}  // namespace
