#include "runtime/aggregate/value_json.h"

#include <charconv>

namespace tb::runtime::aggregate {

namespace {

void append_json_string(std::string& out, const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20) {  // other control characters, NUL included
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;  // UTF-8 passes through unchanged
    }
  }
  out += '"';
}

template <typename Number>
void append_number(std::string& out, Number n) {
  char buffer[32];
  // Without a format, to_chars writes the shortest text that reads back to the same value.
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), n);
  out.append(buffer, result.ptr);
}

}  // namespace

void append_value_json(std::string& out, const Value& v) {
  switch (v.kind) {
    case TB_BOOL:
      out += v.b ? "true" : "false";
      break;
    case TB_INT:
      append_number(out, v.i);
      break;
    case TB_DOUBLE:
      append_number(out, v.d);
      break;
    case TB_STRING:
      append_json_string(out, v.text);
      break;
    case TB_OBJECT:
    case TB_ARRAY:
      out += v.text;
      break;
    default:
      out += "null";
  }
}

}  // namespace tb::runtime::aggregate
