#pragma once
// Diagnostics for machines (`trailbook check --format json|sarif`): JSON for tools, and SARIF
// 2.1.0 so that code scanning (e.g. GitHub's) shows each diagnostic on its pull-request line.
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_file.h"

namespace tb::cli {

// {"diagnostics":[{"code","severity","message","file","line","column","end_line","end_column",
//   "notes":[...],"fixits":[...]}]}; lines and columns 1-based, columns in bytes.
std::string diagnostics_json(const SourceManager& sources, const std::vector<Diagnostic>& diags);

// One run of the tool "trailbook" with every diagnostic code as a rule; columns in Unicode code
// points (columnKind unicodeCodePoints); notes with a place are related locations, did-you-mean
// replacements are fixes.
std::string diagnostics_sarif(const SourceManager& sources, const std::vector<Diagnostic>& diags);

}  // namespace tb::cli
