#pragma once
// Values from the data made safe for text outputs: cut without splitting a UTF-8 sequence, and
// control characters written out.
#include <cstddef>
#include <string>
#include <string_view>

namespace tb::runtime {

// The number of code points in `text` (bytes that do not continue a UTF-8 sequence).
size_t code_points(std::string_view text);

// `text` when it has at most `max` code points; otherwise its first `max - 1` code points and
// "…", so the result has `max` code points and is valid UTF-8 when `text` is.
std::string cut_to_code_points(std::string_view text, size_t max);

// `text` with control characters as JSON escapes (\n, \r, \t, \u001b), so that a value from
// the data cannot move a terminal's cursor, start a line or forge a row.
std::string escape_control_characters(std::string_view text);

}  // namespace tb::runtime
