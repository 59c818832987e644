#pragma once
// How field values are written out: as JSON (for JSON lines) and as plain text (for tables).
#include <string>
#include <string_view>

#include "runtime/abi/kernel_abi.h"
#include "runtime/aggregate/value.h"
#include "runtime/semantics/json_text.h"

namespace tb::runtime {

using semantics::append_json_string;  // for the writers, which live here
using semantics::append_minified_json;

// Appends the value as JSON. A missing value is written as null; callers that keep the
// missing/null distinction check the kind first.
void append_json_value(std::string& out, const tb_value& v);
// The value as a table cell: strings bare, objects and arrays as one-line JSON, missing empty.
std::string text_value(const tb_value& v);
// The same for an owned value (a row's cell).
std::string text_value(const aggregate::Value& v);

}  // namespace tb::runtime
