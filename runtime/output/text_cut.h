#pragma once
// Cutting long values for text outputs without splitting a UTF-8 sequence.
#include <cstddef>
#include <string>
#include <string_view>

namespace tb::runtime {

// The number of code points in `text` (bytes that do not continue a UTF-8 sequence).
size_t code_points(std::string_view text);

// `text` when it has at most `max` code points; otherwise its first `max - 1` code points and
// "…", so the result has `max` code points and is valid UTF-8 when `text` is.
std::string cut_to_code_points(std::string_view text, size_t max);

}  // namespace tb::runtime
