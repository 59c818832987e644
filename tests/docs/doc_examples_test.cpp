// Runs the examples in docs/language.md, so that the reference stays true. Fences:
//   ```tb                 must compile without any diagnostic; its embedded tests must pass
//   ```tb-warning CODE    must compile, with warning CODE; its embedded tests must pass
//   ```tb-error CODE      must fail to compile with CODE
//   ```LANG file=NAME     is written to NAME beside the examples (imports, list files, logs);
//                         a tb block is also checked as above
//   ```tb ... failing     as ```tb, but some embedded test must fail (to show a failure)
//   ```console            `$ command` lines run with the shell in that folder, with the built
//                         trailbook first on PATH; the lines up to the next `$` are its stdout
// Other fences are prose and are not run.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "compiler/diag/markdown.h"
#include "compiler/diag/render_text.h"
#include "compiler/driver/compiler.h"
#include "compiler/driver/test_runner.h"
#include "tests/e2e/cli_runner.h"

namespace fs = std::filesystem;

namespace {

enum class Kind { Compile, Warning, Error, Data, Console };

struct Example {
  int line = 0;  // of the opening fence
  Kind kind = Kind::Compile;
  std::string code;      // for tb-error and tb-warning
  std::string file;      // file=NAME, or empty
  bool failing = false;  // its embedded tests are meant to fail
  std::string text;
};

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The fence's kind from its info string, or nothing for a fence that is not run.
std::optional<Example> open_fence(const std::string& info, int line) {
  const std::vector<std::string> w = words(info);
  if (w.empty()) return std::nullopt;
  Example ex;
  ex.line = line;
  size_t next = 1;
  if (w[0] == "tb") {
    ex.kind = Kind::Compile;
  } else if ((w[0] == "tb-error" || w[0] == "tb-warning") && w.size() > 1) {
    ex.kind = w[0] == "tb-error" ? Kind::Error : Kind::Warning;
    ex.code = w[1];
    next = 2;
  } else if (w[0] == "console") {
    ex.kind = Kind::Console;
  } else {
    ex.kind = Kind::Data;
  }
  for (; next < w.size(); ++next) {
    if (w[next].rfind("file=", 0) == 0) ex.file = w[next].substr(5);
    if (w[next] == "failing") ex.failing = true;
  }
  if (ex.kind == Kind::Data && ex.file.empty()) return std::nullopt;
  return ex;
}

std::vector<Example> examples(const std::string& markdown) {
  std::vector<Example> out;
  std::istringstream in(markdown);
  std::string line;
  int n = 0;
  bool in_fence = false;  // inside any fence, run or not
  Example* open = nullptr;
  while (std::getline(in, line)) {
    ++n;
    if (!in_fence && line.rfind("```", 0) == 0 && line.size() > 3) {
      in_fence = true;
      if (auto ex = open_fence(line.substr(3), n)) {
        out.push_back(*ex);
        open = &out.back();
      }
    } else if (in_fence && line == "```") {
      in_fence = false;
      open = nullptr;
    } else if (open != nullptr) {
      open->text += line + "\n";
    }
  }
  return out;
}

// A scratch folder for the examples of one run, removed afterwards.
class Folder {
 public:
  Folder() {
    std::string pattern = (fs::temp_directory_path() / "tb-doc-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~Folder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;

  std::string write(const std::string& name, const std::string& text) const {
    const fs::path p = fs::path(path_) / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Compiled {
  std::vector<std::string> codes;  // of every compilation the test runner made
  std::string rendered;            // the diagnostics as trailbook prints them
  tb::driver::FileTestResult result;
};

Compiled compile_and_test(const std::string& path) {
  Compiled out;
  out.result = tb::driver::run_file_tests(path, {}, [&](const tb::driver::Compilation& c) {
    for (const auto& d : c.diagnostics().diagnostics()) {
      out.codes.emplace_back(d.code());
      out.rendered += tb::render_text(c.sources(), d);
    }
    for (const std::string& e : c.io_errors()) out.rendered += e + "\n";
    for (const std::string& p : c.unknown_params()) out.rendered += "unknown --param " + p + "\n";
  });
  out.rendered += out.result.jit_error;
  return out;
}

bool has(const std::vector<std::string>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// Every embedded test ran and passed (or, for a `failing` block, some failed); a block that
// declares tests must have run some.
void expect_tests_pass(const Example& ex, const Compiled& c) {
  if (ex.failing) {
    EXPECT_TRUE(std::any_of(c.result.tests.begin(), c.result.tests.end(),
                            [](const tb::driver::TestOutcome& t) { return !t.passed(); }))
        << "example at line " << ex.line << " is marked failing, but no test failed";
    return;
  }
  for (const tb::driver::TestOutcome& t : c.result.tests) {
    std::string why;
    for (const std::string& f : t.failures) why += "\n  " + f;
    EXPECT_TRUE(t.passed()) << "example at line " << ex.line << ": test '" << t.test << "' (line "
                            << ex.line + static_cast<int>(t.line) << ") failed:" << why;
  }
  if (ex.text.find("test \"") != std::string::npos) {
    EXPECT_FALSE(c.result.tests.empty())
        << "example at line " << ex.line << " declares tests but none ran";
  }
}

void check_runbook(const Example& ex, const std::string& path) {
  const Compiled c = compile_and_test(path);
  switch (ex.kind) {
    case Kind::Compile:
      EXPECT_FALSE(c.result.compile_failed) << "example at line " << ex.line << " should compile:\n"
                                            << c.rendered;
      EXPECT_TRUE(c.codes.empty())
          << "example at line " << ex.line << " should compile without diagnostics:\n"
          << c.rendered;
      expect_tests_pass(ex, c);
      break;
    case Kind::Warning:
      EXPECT_FALSE(c.result.compile_failed) << "example at line " << ex.line << " should compile:\n"
                                            << c.rendered;
      EXPECT_TRUE(has(c.codes, ex.code))
          << "example at line " << ex.line << " should warn " << ex.code << "; got:\n"
          << c.rendered;
      expect_tests_pass(ex, c);
      break;
    case Kind::Error:
      EXPECT_TRUE(c.result.compile_failed) << "example at line " << ex.line << " should fail";
      EXPECT_TRUE(has(c.codes, ex.code))
          << "example at line " << ex.line << " should report " << ex.code << "; got:\n"
          << c.rendered;
      break;
    default:
      break;
  }
}

// Runs `command` in `dir` with the built trailbook first on PATH; stderr is not kept.
tb::e2e::RunResult run_in(const std::string& dir, const std::string& command) {
  const std::string bin_dir = fs::path(TB_TRAILBOOK_BIN).parent_path().string();
  return tb::e2e::run_shell("cd '" + dir + "' && PATH='" + bin_dir + "':\"$PATH\" && " + command);
}

void check_console(const Example& ex, const std::string& dir) {
  std::istringstream in(ex.text);
  std::string line;
  std::vector<std::pair<std::string, std::string>> steps;  // command, expected stdout
  int offset = 0;
  while (std::getline(in, line)) {
    ++offset;
    if (line.rfind("$ ", 0) == 0) {
      steps.emplace_back(line.substr(2), "");
    } else if (!steps.empty()) {
      steps.back().second += line + "\n";
    } else {
      ADD_FAILURE() << "console example at line " << ex.line + offset
                    << ": output before any `$ command`";
    }
  }
  EXPECT_FALSE(steps.empty()) << "console example at line " << ex.line << " runs nothing";
  for (const auto& [command, expected] : steps) {
    const tb::e2e::RunResult r = run_in(dir, command);
    EXPECT_EQ(r.out, expected) << "console example at line " << ex.line << ": $ " << command;
  }
}

TEST(DocExamples, LanguageReferenceExamplesBehaveAsDocumented) {
  const std::vector<Example> found = examples(read(TB_SOURCE_DIR "/docs/language.md"));
  ASSERT_GE(found.size(), 5u) << "docs/language.md lost its examples";
  Folder folder;
  ASSERT_FALSE(folder.path().empty());
  // Named files first, so that any example may import or read them, wherever they stand.
  for (const Example& ex : found) {
    if (!ex.file.empty()) folder.write(ex.file, ex.text);
  }
  for (const Example& ex : found) {
    if (ex.kind == Kind::Data) continue;
    if (ex.kind == Kind::Console) {
      check_console(ex, folder.path());
      continue;
    }
    const std::string path =
        ex.file.empty() ? folder.write("example-" + std::to_string(ex.line) + ".tb", ex.text)
                        : (fs::path(folder.path()) / ex.file).string();
    check_runbook(ex, path);
  }
}

TEST(DocExamples, DiagnosticsReferenceIsGeneratedFromTheTable) {
  EXPECT_EQ(read(TB_SOURCE_DIR "/docs/diagnostics.md"),
            tb::diagnostics_markdown(
                tb::read_diagnostic_examples(TB_SOURCE_DIR "/tests/golden/diagnostics")))
      << "docs/diagnostics.md is stale: run scripts/gen-docs";
  // Every code has an example: a golden case named after it alone.
  const auto examples = tb::read_diagnostic_examples(TB_SOURCE_DIR "/tests/golden/diagnostics");
  for (const tb::DiagInfo& d : tb::all_diagnostics()) {
    EXPECT_TRUE(std::any_of(examples.begin(), examples.end(),
                            [&](const auto& e) { return e.code == d.code; }))
        << d.code << " has no example in tests/golden/diagnostics";
  }
}

}  // namespace
