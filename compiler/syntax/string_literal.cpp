#include "compiler/syntax/string_literal.h"

#include <cstdint>

namespace tb::syntax {

namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::optional<uint32_t> hex4(std::string_view s, size_t at) {
  if (at + 4 > s.size()) return std::nullopt;
  uint32_t v = 0;
  for (size_t i = at; i < at + 4; ++i) {
    const char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= static_cast<uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= static_cast<uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= static_cast<uint32_t>(c - 'A' + 10);
    else
      return std::nullopt;
  }
  return v;
}

}  // namespace

UnescapeResult unescape_string_literal(std::string_view quoted) {
  UnescapeResult r;
  const std::string_view s = quoted.substr(1, quoted.size() >= 2 ? quoted.size() - 2 : 0);
  auto fail = [&](size_t at, std::string message) {
    r.error = std::move(message);
    r.error_offset = at + 1;  // +1 for the opening quote
    return r;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      r.value += s[i];
      continue;
    }
    const size_t start = i;
    if (++i >= s.size()) return fail(start, "a backslash ends the string");
    switch (s[i]) {
      case '"':
        r.value += '"';
        break;
      case '\\':
        r.value += '\\';
        break;
      case '/':
        r.value += '/';
        break;
      case 'b':
        r.value += '\b';
        break;
      case 'f':
        r.value += '\f';
        break;
      case 'n':
        r.value += '\n';
        break;
      case 'r':
        r.value += '\r';
        break;
      case 't':
        r.value += '\t';
        break;
      case 'u': {
        auto cp = hex4(s, i + 1);
        if (!cp) return fail(start, "\\u needs four hex digits");
        i += 4;
        if (*cp >= 0xD800 && *cp <= 0xDBFF) {
          // A high surrogate must be followed by an escaped low surrogate.
          std::optional<uint32_t> low;
          if (i + 2 < s.size() && s[i + 1] == '\\' && s[i + 2] == 'u') low = hex4(s, i + 3);
          if (!low || *low < 0xDC00 || *low > 0xDFFF) {
            return fail(start, "a high surrogate \\u escape must be followed by a low surrogate");
          }
          *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
          i += 6;
        } else if (*cp >= 0xDC00 && *cp <= 0xDFFF) {
          return fail(start, "a lone low surrogate is not a character");
        }
        append_utf8(r.value, *cp);
        break;
      }
      default:
        return fail(start, std::string("unknown escape '\\") + s[i] + "'");
    }
  }
  return r;
}

}  // namespace tb::syntax
