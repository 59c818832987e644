// `trailbook fmt`: rewrites runbooks in the canonical layout (compiler/format/formatter.h), or
// with --check lists the ones that are not in it.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/terminal.h"
#include "compiler/diag/render_text.h"
#include "compiler/driver/compiler.h"
#include "compiler/format/formatter.h"

namespace tb::cli {

namespace {

namespace fs = std::filesystem;

enum class Outcome { Unchanged, Changed, Refused };

// Formats `text` into `formatted`; syntax errors and formatter failures go to stderr.
Outcome format_text(const std::string& path, std::string text, std::string& formatted) {
  SourceManager sources;
  DiagnosticSink sink;
  const FileId id = sources.add(path, std::move(text));
  format::FormatResult result = format::format_file(sources, id, sink);
  const TextRenderOptions options{use_color(stderr)};
  for (const Diagnostic& d : sink.diagnostics()) {
    fmt::print(stderr, "{}", render_text(sources, d, options));
  }
  if (!result.text) {
    if (!result.internal_error.empty()) {
      fmt::print(stderr, "trailbook: error: {}: {}; the file is left as it is (a bug in fmt)\n",
                 path, result.internal_error);
    }
    return Outcome::Refused;
  }
  formatted = std::move(*result.text);
  return formatted == sources.file(id).text() ? Outcome::Unchanged : Outcome::Changed;
}

// Writes beside the file, then renames over it: an interrupted run leaves the old runbook whole.
bool replace_file(const std::string& path, const std::string& text) {
  std::error_code ec;
  const fs::path target = fs::canonical(path, ec);
  if (ec) return false;
  const fs::path tmp = target.string() + ".fmt-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::permissions(tmp, fs::status(target, ec).permissions(), ec);
  fs::rename(tmp, target, ec);
  if (ec) fs::remove(tmp, ec);
  return !ec;
}

std::string read_all(std::istream& in) {
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

int run_fmt(const FmtArgs& args) {
  bool refused = false;
  bool unformatted = false;
  std::vector<std::string> paths;
  for (const std::string& p : args.paths) {
    if (p != "-") {
      paths.push_back(p);
      continue;
    }
    // Standard input to standard output, as editors call formatters.
    std::string formatted;
    const Outcome outcome = format_text("<stdin>", read_all(std::cin), formatted);
    if (outcome == Outcome::Refused) {
      refused = true;
    } else if (args.check) {
      if (outcome == Outcome::Changed) fmt::print("<stdin>: not formatted\n");
      unformatted |= outcome == Outcome::Changed;
    } else {
      fmt::print("{}", formatted);
    }
  }

  std::vector<std::string> errors;
  const std::vector<std::string> files = driver::find_runbook_files(paths, errors);
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      errors.push_back(file + ": cannot read");
      continue;
    }
    std::string formatted;
    const Outcome outcome = format_text(file, read_all(in), formatted);
    if (outcome == Outcome::Refused) {
      refused = true;
    } else if (outcome == Outcome::Changed && args.check) {
      fmt::print("{}: not formatted\n", file);
      unformatted = true;
    } else if (outcome == Outcome::Changed && !replace_file(file, formatted)) {
      errors.push_back(file + ": cannot write");
    }
  }
  for (const std::string& e : errors) fmt::print(stderr, "trailbook: error: {}\n", e);
  if (refused || !errors.empty()) return kExitUsage;
  return unformatted ? kExitUnformatted : kExitOk;
}

}  // namespace tb::cli
