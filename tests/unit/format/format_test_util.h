#pragma once
// Shared by the formatter tests: parse and format text, list golden and shipped files.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/format/formatter.h"
#include "compiler/source/source_file.h"

namespace tb::format_test {

struct Parsed {
  SourceManager sources;
  DiagnosticSink sink;
  ast::Module module;
};
std::unique_ptr<Parsed> parse(const std::string& text);

// format_file on `text`; nullopt when refused (and the test fails if it was an internal error).
std::optional<std::string> format(const std::string& text);

// What a file means (ast dump) and its comments, trailing blanks removed.
std::string meaning(const std::string& text);
std::vector<std::string> comments(const std::string& text);

std::string read(const std::string& path);
// The *.tb files below `dir` of the source tree (recursively), sorted; `expected` picks
// *.expected.tb or the others.
std::vector<std::string> tb_files(const std::string& dir, bool expected);

}  // namespace tb::format_test
