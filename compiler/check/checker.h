#pragma once
// The check stage: resolves names and types of parsed runbooks against the CloudTrail schema.
// User mistakes become diagnostics; checking goes on after each one to report them all.
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/check/checked.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/schema/schema.h"

namespace tb::check {

// Checks every runbook of `modules` as one pack. The result is meaningful only when `sink`
// received no errors.
CheckedPack check_pack(const std::vector<const ast::Module*>& modules, const SourceManager& sources,
                       const schema::Schema& schema, DiagnosticSink& sink);

}  // namespace tb::check
