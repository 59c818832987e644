#pragma once
// Decoding of string literals written with JSON escapes.
#include <optional>
#include <string>
#include <string_view>

namespace tb::syntax {

struct UnescapeResult {
  std::string value;
  std::optional<std::string> error;  // what is wrong with the escape, when something is
  size_t error_offset = 0;           // offset of the bad escape within the quoted text
};

// `quoted` includes the surrounding double quotes.
UnescapeResult unescape_string_literal(std::string_view quoted);

}  // namespace tb::syntax
