// Runs the examples in docs/: a ```tb block must compile cleanly, a ```tb-error CODE block must
// fail with that diagnostic. Keeps the language reference true.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "compiler/diag/markdown.h"
#include "compiler/driver/compiler.h"

namespace {

struct Example {
  int line = 0;
  std::string expected_code;  // empty: must compile
  std::string text;
};

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Example> examples(const std::string& markdown) {
  std::vector<Example> out;
  std::istringstream in(markdown);
  std::string line;
  int n = 0;
  Example* open = nullptr;
  while (std::getline(in, line)) {
    ++n;
    if (open == nullptr && (line == "```tb" || line.rfind("```tb-error ", 0) == 0)) {
      out.push_back({n, line == "```tb" ? "" : line.substr(12), ""});
      open = &out.back();
    } else if (open != nullptr && line == "```") {
      open = nullptr;
    } else if (open != nullptr) {
      open->text += line + "\n";
    }
  }
  return out;
}

TEST(DocExamples, LanguageReferenceExamplesBehaveAsDocumented) {
  const std::vector<Example> found = examples(read(TB_SOURCE_DIR "/docs/language.md"));
  ASSERT_GE(found.size(), 5u) << "docs/language.md lost its examples";
  for (const Example& ex : found) {
    tb::driver::Compilation c;
    c.add_source("docs/language.md:" + std::to_string(ex.line), ex.text);
    std::string jit_error;
    auto pack = c.compile({}, jit_error);
    std::vector<std::string> codes;
    for (const auto& d : c.diagnostics().diagnostics()) codes.emplace_back(d.code());
    if (ex.expected_code.empty()) {
      EXPECT_TRUE(pack != nullptr) << "example at line " << ex.line << " should compile; got "
                                   << testing::PrintToString(codes) << jit_error;
    } else {
      EXPECT_TRUE(pack == nullptr) << "example at line " << ex.line << " should fail";
      EXPECT_NE(std::find(codes.begin(), codes.end(), ex.expected_code), codes.end())
          << "example at line " << ex.line << " should report " << ex.expected_code << "; got "
          << testing::PrintToString(codes);
    }
  }
}

TEST(DocExamples, DiagnosticsReferenceIsGeneratedFromTheTable) {
  EXPECT_EQ(read(TB_SOURCE_DIR "/docs/diagnostics.md"), tb::diagnostics_markdown())
      << "docs/diagnostics.md is stale: run scripts/gen-docs";
}

}  // namespace
