#pragma once
// UTF-8 decoding and encoding per RFC 3629: no overlong forms, no surrogates, nothing above
// U+10FFFF. Callers decide what to do with invalid bytes; case mapping passes them through.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tb::semantics::utf8 {

struct Decoded {
  char32_t code_point;  // U+FFFD when !valid
  uint32_t length;      // bytes consumed: the sequence, or 1 for an invalid byte
  bool valid;
};

// Decodes the code point starting at s[pos]; requires pos < s.size(). An invalid or truncated
// sequence consumes one byte, so a caller that copies invalid bytes keeps them all, unchanged.
Decoded decode(std::string_view s, size_t pos);

// Appends the UTF-8 encoding of a Unicode scalar value (not a surrogate, at most U+10FFFF).
void encode(char32_t code_point, std::string& out);

}  // namespace tb::semantics::utf8
