#pragma once
// Diagnostics are data: an id from diagnostics.def, a primary span, a formatted message, and
// notes and fix-its. Stages report them into a sink and go on; renderers turn them into text.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "compiler/source/source_file.h"

namespace tb {

enum class Severity : uint8_t { Error, Warning, Note };

enum class DiagId : uint16_t {
#define TB_DIAG(name, code, severity, message) name,
#include "compiler/diag/diagnostics.def"
#undef TB_DIAG
};

struct DiagInfo {
  std::string_view name;
  std::string_view code;
  Severity severity;
  std::string_view message;  // fmt format string
};

const DiagInfo& diag_info(DiagId id);
// Every row of the table, in declaration order (for docs and tests).
const std::vector<DiagInfo>& all_diagnostics();
std::string_view severity_name(Severity severity);

struct DiagNote {
  std::string message;
  Span span{};
  bool has_span = false;
};

// A machine-applicable edit, such as the replacement a "did you mean" proposes.
struct FixIt {
  Span span;
  std::string replacement;
};

struct Diagnostic {
  DiagId id{};
  Severity severity = Severity::Error;
  Span span{};
  std::string message;
  std::vector<DiagNote> notes;
  std::vector<FixIt> fixits;

  std::string_view code() const { return diag_info(id).code; }
};

class DiagnosticSink {
 public:
  template <typename... Args>
  Diagnostic& report(DiagId id, Span span, const Args&... args) {
    const DiagInfo& info = diag_info(id);
    Diagnostic d;
    d.id = id;
    d.severity = info.severity;
    d.span = span;
    d.message = fmt::format(fmt::runtime(info.message), args...);
    return add(std::move(d));
  }
  Diagnostic& add(Diagnostic d);
  // Drops the warnings and notes for which `drop` is true (errors are always kept).
  template <typename Pred>
  void drop_if(Pred drop) {
    std::erase_if(diags_, [&](const Diagnostic& d) {
      const bool gone = d.severity != Severity::Error && drop(d);
      if (gone && d.severity == Severity::Warning) --warnings_;
      return gone;
    });
  }
  // Warnings with these codes are reported as errors from now on (--deny TB4008).
  void deny(std::set<std::string, std::less<>> codes) { denied_ = std::move(codes); }

  const std::vector<Diagnostic>& diagnostics() const { return diags_; }
  size_t error_count() const { return errors_; }
  size_t warning_count() const { return warnings_; }  // after --deny: those left warnings
  bool has_errors() const { return errors_ > 0; }

 private:
  std::vector<Diagnostic> diags_;
  size_t errors_ = 0;
  size_t warnings_ = 0;
  std::set<std::string, std::less<>> denied_;
};

// Adds "did you mean 'x'?" as a note with a fix-it replacing `span`, when `candidates` holds a
// close enough spelling of `word`. Returns whether it found one.
bool suggest_spelling(Diagnostic& d, std::string_view word, Span span,
                      const std::vector<std::string>& candidates);
// The same note and fix-it for suggestions found otherwise (`best` first is the fix-it).
void add_did_you_mean(Diagnostic& d, const std::vector<std::string>& best, Span span);

}  // namespace tb
