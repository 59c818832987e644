#pragma once
// Runbook metadata: which keys exist, what each holds, and which are required.
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/check/checked.h"
#include "compiler/diag/diagnostic.h"

namespace tb::check {

// Checks `runbook.meta` and fills the metadata fields of `out`.
void check_metadata(const ast::Runbook& runbook, CheckedRunbook& out, DiagnosticSink& sink);

}  // namespace tb::check
