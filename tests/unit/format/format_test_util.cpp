#include "tests/unit/format/format_test_util.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "compiler/format/ast_dump.h"
#include "compiler/syntax/parser.h"

namespace tb::format_test {

namespace fs = std::filesystem;

std::unique_ptr<Parsed> parse(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  const FileId id = p->sources.add("t.tb", text);
  p->module = syntax::parse_module(p->sources, id, p->sink);
  return p;
}

std::optional<std::string> format(const std::string& text) {
  SourceManager sources;
  DiagnosticSink sink;
  format::FormatResult r = format::format_file(sources, sources.add("t.tb", text), sink);
  EXPECT_EQ(r.internal_error, "") << "input:\n" << text;
  return r.text;
}

std::string meaning(const std::string& text) {
  auto p = parse(text);
  EXPECT_FALSE(p->sink.has_errors()) << text;
  return format::dump_module(p->module);
}

std::vector<std::string> comments(const std::string& text) {
  std::vector<std::string> out;
  const auto parsed = parse(text);
  for (const ast::Comment& c : parsed->module.comments) {
    std::string t = c.text;
    t.erase(t.find_last_not_of(" \t\r") + 1);
    out.push_back(t);
  }
  return out;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> tb_files(const std::string& dir, bool expected) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(TB_SOURCE_DIR) / dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() < 3 || name.substr(name.size() - 3) != ".tb") continue;
    const bool is_expected = name.find(".expected.tb") != std::string::npos;
    if (is_expected == expected) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace tb::format_test
