#pragma once
// `trailbook fmt`: the one canonical layout of a .tb file. Only layout changes; the meaning, every
// comment and the written form of every value stay.
//
// The canonical style:
// - Items stay in source order. Two spaces of indentation per block: `runbook NAME { ... }`,
//   `query NAME { ... }`, `test "..." { ... }`; an empty block is `{}`.
// - One item per line: metadata (`key value`, not aligned), definitions, clauses, test items.
//   A blank line separates top-level items (consecutive imports excepted); inside blocks, a
//   blank line written between items is kept, several collapse to one.
// - Single spaces around binary operators and after commas; none inside brackets.
// - Lines hold at most 100 columns where a break can help:
//   - an `and`/`or` chain puts one operand per line, operator leading, two columns deeper than
//     the line it starts on (inside parentheses too: `and (a\n      or b)`);
//   - `[a, b, c]` lists put one element per line between their brackets, with a trailing comma;
//   - `select`, `group by` and `order by` lists, call arguments and JSON in tests fill lines,
//     continuing under their first item; when an item cannot (it is too long, or in JSON a
//     member's value cannot continue under its own first item either), the brackets go on lines
//     of their own and the items fill the lines between, one level deeper.
// - Parentheses the author wrote stay (doubled ones become one pair); none are added.
// - Literals keep their source text: strings, numbers, durations, timestamps. A triple-quoted
//   string written on one line stays as written; one written over several lines has its text
//   re-indented one level deeper than its line, which does not change its value.
// - JSON in tests is spaced as `{"k": v, "l": [1, 2]}`; its value never changes.
// - Path steps are backquoted exactly when they are not identifiers; `asc` is dropped.
// - A comment stays at the end of the line whose last token it follows, or goes on its own line
//   before the line it precedes. A comment in the middle of a construct that must stay on one
//   line moves above that line. Trailing blanks are removed from comments.
// Formatting is idempotent: formatted text formats to itself.
#include <optional>
#include <string>
#include <string_view>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_file.h"

namespace tb::format {

// The canonical text of `module`, which the parser built from `source` without errors.
std::string format_module(const ast::Module& module, std::string_view source);

struct FormatResult {
  std::optional<std::string> text;  // empty when the file is refused
  std::string internal_error;       // the self-check found a formatter bug (file refused)
};

// Parses `file`, reporting syntax errors to `sink`, and formats it. A file with errors is
// refused. The result is parsed again and must mean the same and keep every comment, or it is
// refused with `internal_error` rather than returned.
FormatResult format_file(const SourceManager& sources, FileId file, DiagnosticSink& sink);

}  // namespace tb::format
