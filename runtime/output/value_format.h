#pragma once
// How field values are written out: as JSON (for JSON lines) and as plain text (for tables).
#include <string>
#include <string_view>

#include "runtime/abi/kernel_abi.h"
#include "runtime/aggregate/value.h"

namespace tb::runtime {

// Appends `s` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view s);
// Appends raw JSON text with insignificant whitespace removed, so that a pretty-printed object
// stays on one line.
void append_minified_json(std::string& out, std::string_view raw);
// Appends the value as JSON. A missing value is written as null; callers that keep the
// missing/null distinction check the kind first.
void append_json_value(std::string& out, const tb_value& v);
// The value as a table cell: strings bare, objects and arrays as one-line JSON, missing empty.
std::string text_value(const tb_value& v);
// The same for an owned value (a row's cell).
std::string text_value(const aggregate::Value& v);

}  // namespace tb::runtime
