#include "compiler/diag/markdown.h"

#include <fmt/format.h>

#include "compiler/diag/diagnostic.h"

namespace tb {

std::string diagnostics_markdown() {
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
  return out;
}

}  // namespace tb
