#include "cli/report_runbooks.h"

#include <algorithm>
#include <map>

namespace tb::cli {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  lines.push_back(text.substr(start));
  return lines;
}

bool blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

// The comment lines right above `query` (each a line of its own), joined into one sentence.
std::string question_above(const SourceFile& file, const std::map<uint32_t, std::string>& comments,
                           const ast::Query& query) {
  std::vector<std::string> lines;
  for (uint32_t line = file.location(query.span.begin).line; line > 1; --line) {
    const auto found = comments.find(line - 1);
    if (found == comments.end()) break;
    lines.push_back(found->second);
  }
  std::string out;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) out += (out.empty() ? "" : " ") + *it;
  return out;
}

// A module's comments that stand on a line of their own, by line, without '#'.
std::map<uint32_t, std::string> whole_line_comments(const SourceFile& file,
                                                    const ast::Module& module) {
  std::map<uint32_t, std::string> out;
  for (const ast::Comment& c : module.comments) {
    const LineCol at = file.location(c.span.begin);
    const std::string_view before = file.line_text(at.line).substr(0, at.column - 1);
    if (before.find_first_not_of(" \t") != std::string_view::npos) continue;
    std::string text = c.text.substr(c.text.find_first_not_of('#'));
    const size_t first = text.find_first_not_of(' ');
    out[at.line] = first == std::string::npos ? std::string() : text.substr(first);
  }
  return out;
}

}  // namespace

std::string dedent(const std::string& text) {
  std::vector<std::string> lines = split_lines(text);
  while (!lines.empty() && blank(lines.front())) lines.erase(lines.begin());
  while (!lines.empty() && blank(lines.back())) lines.pop_back();
  size_t indent = std::string::npos;
  for (const std::string& line : lines) {
    if (!blank(line)) indent = std::min(indent, line.find_first_not_of(" \t"));
  }
  std::string out;
  for (const std::string& line : lines) {
    if (!out.empty()) out += '\n';
    if (!blank(line)) out += line.substr(indent);
  }
  return out;
}

std::vector<runtime::ReportRunbook> report_runbooks(const driver::Compilation& compilation,
                                                    const check::CheckedPack& pack) {
  // Questions by runbook name, from the modules that define runbooks.
  std::map<std::string, std::map<std::string, std::string>> questions;
  for (const ast::Module& module : compilation.modules()) {
    if (module.runbooks.empty()) continue;
    const SourceFile& file = compilation.sources().file(module.file);
    const std::map<uint32_t, std::string> comments = whole_line_comments(file, module);
    for (const ast::Runbook& rb : module.runbooks) {
      for (const ast::Query& q : rb.queries) {
        std::string question = question_above(file, comments, q);
        if (!question.empty()) questions[rb.name][q.name.empty() ? "main" : q.name] = question;
      }
    }
  }
  std::vector<runtime::ReportRunbook> out;
  for (const check::CheckedRunbook& rb : pack.runbooks) {
    runtime::ReportRunbook r;
    r.name = rb.name;
    r.id = rb.id;
    r.title = rb.title;
    r.severity = rb.severity;
    r.description = dedent(rb.description);
    r.questions = std::move(questions[rb.name]);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace tb::cli
