#pragma once
// A printout of a module's meaning: every node and value, no spans, no comments, no layout.
// Two files mean the same when their dumps are equal; the formatter checks its own output so.
#include <string>

#include "compiler/ast/ast.h"

namespace tb::format {

std::string dump_module(const ast::Module& module);

}  // namespace tb::format
