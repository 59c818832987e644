#pragma once
// Markdown (GitHub-flavoured) tables of values from the data: every cell one line, long values
// cut on a UTF-8 boundary, text in code spans so that nothing in it renders as markup.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/abi/kernel_abi.h"
#include "runtime/aggregate/value.h"

namespace tb::runtime {

constexpr size_t kMarkdownCellCodePoints = 80;  // longer values are cut, with "…"

// A string as a table cell: cut to kMarkdownCellCodePoints, control characters written as JSON
// escapes (\n, \t, \u001b), in a code span (with longer backtick fences around backticks), and
// '|' escaped. Empty text is an empty cell.
std::string markdown_text_cell(std::string_view text);
// A value as a table cell: numbers, booleans and null bare; strings, objects and arrays (as
// JSON) through markdown_text_cell; missing empty.
std::string markdown_cell(const tb_value& v);
std::string markdown_cell(const aggregate::Value& v);
// Plain author text (titles, column names) on one line: '|' escaped, line breaks as spaces.
std::string markdown_plain(std::string_view text);

// A table of cells (already rendered): a header row, a delimiter row (right-aligned columns
// where `numeric[i]`), the rows, each padded to the column's width for reading as text. Rows
// have the header's number of cells, short ones filled with empty cells.
std::string markdown_table(const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows,
                           const std::vector<bool>& numeric = {});

}  // namespace tb::runtime
