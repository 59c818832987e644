// Fuzzes the runbook front end: arbitrary text parsed (compiler/syntax) and checked and linted
// (compiler/check, compiler/lint) through the driver, as `trailbook check` does; no lowering or
// JIT. Invariants: a pack comes back exactly when there are no errors, every span (of a
// diagnostic, a note or a fix-it) lies inside its file, and every diagnostic renders.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "compiler/diag/render_text.h"
#include "compiler/driver/compiler.h"

namespace {

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_runbook_frontend: invariant broken: %s\n", what);
  std::abort();
}

void require_inside(const tb::SourceManager& sources, const tb::Span& span, const char* what) {
  require(span.file < sources.size(), what);
  require(span.begin <= span.end && span.end <= sources.file(span.file).text().size(), what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tb::driver::Compilation compilation;
  // A directory that does not exist: relative imports fail the same way on every machine.
  compilation.add_source("/nonexistent-fuzz-dir/input.tb",
                         std::string(reinterpret_cast<const char*>(data), size));
  const auto pack = compilation.check();
  const tb::DiagnosticSink& sink = compilation.diagnostics();
  require((pack != nullptr) == !sink.has_errors(), "a pack comes back exactly without errors");

  const tb::SourceManager& sources = compilation.sources();
  size_t errors = 0;
  for (const tb::Diagnostic& d : sink.diagnostics()) {
    require_inside(sources, d.span, "a diagnostic's span lies inside its file");
    for (const tb::DiagNote& note : d.notes) {
      if (note.has_span) require_inside(sources, note.span, "a note's span lies inside its file");
    }
    for (const tb::FixIt& fix : d.fixits) {
      require_inside(sources, fix.span, "a fix-it's span lies inside its file");
    }
    require(!tb::render_text(sources, d).empty(), "every diagnostic renders");
    errors += d.severity == tb::Severity::Error;
  }
  require(errors == sink.error_count(), "the error count is the errors reported");
  return 0;
}
