#include "cli/compile_runbooks.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/terminal.h"
#include "compiler/diag/render_text.h"

namespace tb::cli {

bool load_runbooks(driver::Compilation& compilation, const std::vector<std::string>& paths) {
  std::vector<std::string> errors;
  const std::vector<std::string> files = driver::find_runbook_files(paths, errors);
  for (const std::string& f : files) compilation.add_file(f);
  errors.insert(errors.end(), compilation.io_errors().begin(), compilation.io_errors().end());
  for (const std::string& e : errors) fmt::print(stderr, "trailbook: error: {}\n", e);
  if (!errors.empty()) return false;
  if (files.empty()) {
    fmt::print(stderr, "trailbook: error: no runbooks (*.tb) found\n");
    return false;
  }
  return true;
}

bool set_compile_options(driver::Compilation& compilation, const std::vector<std::string>& params,
                         const std::vector<std::string>& deny) {
  driver::CompileOptions options = compilation.options();
  for (const std::string& code : deny) {
    const auto& table = all_diagnostics();
    auto it =
        std::find_if(table.begin(), table.end(), [&](const DiagInfo& d) { return d.code == code; });
    if (it == table.end() || it->severity != Severity::Warning) {
      fmt::print(stderr, "trailbook: error: --deny {}: not the code of a warning\n", code);
      return false;
    }
    options.deny.insert(code);
  }
  for (const std::string& p : params) {
    const size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      fmt::print(stderr, "trailbook: error: --param '{}': expected name=value\n", p);
      return false;
    }
    const std::string name = p.substr(0, eq);
    if (!options.params.emplace(name, p.substr(eq + 1)).second) {
      fmt::print(stderr, "trailbook: error: --param {} is given twice\n", name);
      return false;
    }
  }
  compilation.set_options(std::move(options));
  return true;
}

void print_unknown_params(const driver::Compilation& compilation) {
  for (const std::string& name : compilation.unknown_params()) {
    fmt::print(stderr, "trailbook: error: --param {}: no runbook declares a parameter '{}'\n", name,
               name);
  }
}

void print_diagnostics(const driver::Compilation& compilation) {
  print_unknown_params(compilation);
  const TextRenderOptions options{use_color(stderr)};
  size_t warnings = 0;
  for (const Diagnostic& d : compilation.diagnostics().diagnostics()) {
    fmt::print(stderr, "{}", render_text(compilation.sources(), d, options));
    if (d.severity == Severity::Warning) ++warnings;
  }
  const size_t errors = compilation.diagnostics().error_count();
  if (errors > 0) {
    fmt::print(
        stderr, "{} error{}{} generated\n", errors, errors == 1 ? "" : "s",
        warnings > 0 ? fmt::format(" and {} warning{}", warnings, warnings == 1 ? "" : "s") : "");
  }
}

}  // namespace tb::cli
