#include "runtime/aggregate/value_json.h"

#include <charconv>

#include "runtime/semantics/json_text.h"

namespace tb::runtime::aggregate {

namespace {

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
      semantics::append_json_string(out, v.text);
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
