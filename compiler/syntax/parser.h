#pragma once
// The syntax stage: .tb source text to ast::Module. This is the only part of trailbook that sees
// ANTLR; nothing it throws escapes, and every syntax error becomes a diagnostic with a span.
#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_file.h"

namespace tb::syntax {

// Parses one file. Reports every syntax error it finds to `sink` and returns as much of the tree
// as it could build.
ast::Module parse_module(const SourceManager& sources, FileId file, DiagnosticSink& sink);

}  // namespace tb::syntax
