#include "compiler/diag/markdown.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/diag/diagnostic.h"

namespace tb {

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Markdown must be UTF-8: a byte that does not start a valid sequence (the TB1006 example holds
// one on purpose) is shown as \xHH.
std::string printable(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool valid = n > 0 && i + n <= s.size();
    for (size_t k = 1; valid && k < n; ++k) {
      valid = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    }
    if (!valid) {
      out += fmt::format("\\x{:02X}", c);
      ++i;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

bool is_code(std::string_view s) {
  return s.size() == 6 && s.starts_with("TB") &&
         std::all_of(s.begin() + 2, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<DiagnosticExample> read_diagnostic_examples(const std::string& folder) {
  std::vector<std::filesystem::path> cases;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.path().extension() == ".tb") cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  std::vector<DiagnosticExample> out;
  for (const auto& path : cases) {
    const std::string name = path.filename().string();
    const std::string code = name.substr(0, 6);
    // Cases named after several codes show how they combine, not one code.
    if (!is_code(code) || name.size() < 14 || is_code(name.substr(7, 6))) continue;
    if (std::any_of(out.begin(), out.end(), [&](const auto& e) { return e.code == code; })) {
      continue;
    }
    std::filesystem::path expected = path, args = path;
    expected.replace_extension(".expected");
    args.replace_extension(".args");
    DiagnosticExample e{code, name, "", read_text(path), read_text(expected)};
    if (std::filesystem::exists(args)) {
      e.args = read_text(args);
      while (!e.args.empty() && (e.args.back() == '\n' || e.args.back() == ' ')) e.args.pop_back();
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::string diagnostics_markdown(const std::vector<DiagnosticExample>& examples) {
  std::string out =
      "# Diagnostics\n\n"
      "<!-- Generated from compiler/diag/diagnostics.def by `trailbook doc diagnostics`"
      " (scripts/gen-docs). Do not edit. -->\n\n"
      "Every diagnostic has a stable code. Codes are never reused: 1xxx syntax, 2xxx names and\n"
      "schema, 3xxx types and values, 4xxx lints, 5xxx runbook tests, 6xxx input. `{}` in a\n"
      "message stands for a name, value or type from the runbook.\n\n"
      "| code | name | severity | message |\n"
      "|---|---|---|---|\n";
  for (const DiagInfo& d : all_diagnostics()) {
    std::string message(d.message);
    // A '|' would end the table cell.
    for (size_t at = message.find('|'); at != std::string::npos; at = message.find('|', at + 2)) {
      message.replace(at, 1, "\\|");
    }
    out +=
        fmt::format("| {} | {} | {} | {} |\n", d.code, d.name, severity_name(d.severity), message);
  }
  if (examples.empty()) return out;
  out +=
      "\n## Examples\n\n"
      "Each example is a golden test (`tests/golden/diagnostics`): the runbook, then what\n"
      "`trailbook check` prints for it, exactly.\n";
  for (const DiagInfo& d : all_diagnostics()) {
    auto e = std::find_if(examples.begin(), examples.end(),
                          [&](const DiagnosticExample& x) { return x.code == d.code; });
    if (e == examples.end()) continue;
    std::string output = e->output;
    // The golden file ends with the exit status; show it as a shell would.
    const size_t last = output.rfind("exit ");
    std::string status;
    if (last != std::string::npos) {
      status = output.substr(last + 5);
      while (!status.empty() && status.back() == '\n') status.pop_back();
      output.erase(last);
    }
    out += fmt::format(
        "\n### {} {}\n\n```tb\n{}```\n\n```console\n$ trailbook check {}{}\n{}$ echo $?\n{}\n```\n",
        d.code, d.name, printable(e->source), e->args.empty() ? "" : e->args + " ", e->file_name,
        printable(output), status);
  }
  return out;
}

}  // namespace tb
