#include "compiler/diag/diagnostic.h"

#include "compiler/diag/spelling.h"

namespace tb {

const std::vector<DiagInfo>& all_diagnostics() {
  static const std::vector<DiagInfo> table = {
#define TB_DIAG(name, code, severity, message) {#name, code, Severity::severity, message},
#include "compiler/diag/diagnostics.def"
#undef TB_DIAG
  };
  return table;
}

const DiagInfo& diag_info(DiagId id) {
  return all_diagnostics().at(static_cast<size_t>(id));
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

Diagnostic& DiagnosticSink::add(Diagnostic d) {
  if (d.severity == Severity::Warning && denied_.count(d.code()) != 0) {
    d.severity = Severity::Error;
  }
  if (d.severity == Severity::Error) ++errors_;
  if (d.severity == Severity::Warning) ++warnings_;
  diags_.push_back(std::move(d));
  return diags_.back();
}

bool suggest_spelling(Diagnostic& d, std::string_view word, Span span,
                      const std::vector<std::string>& candidates) {
  const std::vector<std::string> best = closest_spellings(word, candidates);
  if (best.empty()) return false;
  add_did_you_mean(d, best, span);
  return true;
}

void add_did_you_mean(Diagnostic& d, const std::vector<std::string>& best, Span span) {
  if (best.empty()) return;
  std::string message = "did you mean ";
  for (size_t i = 0; i < best.size(); ++i) {
    if (i > 0) message += i + 1 == best.size() ? " or " : ", ";
    message += "'" + best[i] + "'";
  }
  message += "?";
  d.notes.push_back({std::move(message), span, true});
  d.fixits.push_back({span, best.front()});
}

}  // namespace tb
