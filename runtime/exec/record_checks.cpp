#include "runtime/exec/record_checks.h"

#include <algorithm>

namespace tb::runtime {

uint32_t nesting_depth(std::string_view json) {
  uint32_t depth = 0;
  uint32_t deepest = 0;
  for (size_t i = 0; i < json.size(); ++i) {
    switch (json[i]) {
      case '"':
        for (++i; i < json.size() && json[i] != '"'; ++i) {
          if (json[i] == '\\') ++i;
        }
        break;
      case '{':
      case '[':
        deepest = std::max(deepest, ++depth);
        break;
      case '}':
      case ']':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return deepest;
}

size_t first_invalid_utf8(std::string_view text) {
  // Only called on records the parser already rejected: a plain scalar walk is enough.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    size_t len = 0;
    uint32_t min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xe0) == 0xc0) {
      len = 2, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4, min = 0x10000;
    } else {
      return i;
    }
    if (i + len > n) return i;
    uint32_t code = c & (0x7f >> len);
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xc0) != 0x80) return i;
      code = code << 6 | (p[i + k] & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += len;
  }
  return n;
}

std::string too_deep_message() {
  return "the record nests deeper than " + std::to_string(kMaxNestingDepth) + " levels";
}

std::string oversize_message(uint64_t size, uint64_t limit) {
  return "the record is " + std::to_string(size) + " bytes, over the " + std::to_string(limit) +
         "-byte limit (--max-record-size)";
}

std::string record_error_message(simdjson::error_code error, std::string_view record) {
  if (error == simdjson::UTF8_ERROR) {
    return "invalid UTF-8 at byte " + std::to_string(first_invalid_utf8(record)) + " of the record";
  }
  if (error == simdjson::DEPTH_ERROR) return too_deep_message();
  return simdjson::error_message(error);
}

}  // namespace tb::runtime
