#pragma once
// The semantic lint: on checked queries, a condition that can never be true (TB4003), one that
// is always true (TB4004) or true for every record that has its fields (TB4005, the CIS 4.1
// `!=`-joined-by-`or` bug), and a term that changes nothing (TB4006). It reasons on the normal
// form of lint/formula.h with the solver of lint/solver.h, never on the shape of the text.
#include "compiler/check/checked.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_file.h"

namespace tb::lint {

void lint_pack(const check::CheckedPack& pack, const SourceManager& sources, DiagnosticSink& sink);

}  // namespace tb::lint
