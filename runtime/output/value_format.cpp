#include "runtime/output/value_format.h"

#include <fmt/format.h>

#include "runtime/aggregate/value_json.h"

namespace tb::runtime {

void append_json_value(std::string& out, const tb_value& v) {
  switch (v.kind) {
    case TB_BOOL:
      out += v.b ? "true" : "false";
      break;
    case TB_INT:
      out += fmt::format("{}", v.i);
      break;
    case TB_DOUBLE:
      out += fmt::format("{}", v.d);
      break;
    case TB_STRING:
      append_json_string(out, std::string_view(v.str, v.len));
      break;
    case TB_OBJECT:
    case TB_ARRAY:
      append_minified_json(out, std::string_view(v.str, v.len));
      break;
    default:
      out += "null";
  }
}

std::string text_value(const tb_value& v) {
  switch (v.kind) {
    case TB_MISSING:
      return {};
    case TB_STRING:
      return std::string(v.str, v.len);
    default: {
      std::string out;
      append_json_value(out, v);
      return out;
    }
  }
}

std::string text_value(const aggregate::Value& v) {
  switch (v.kind) {
    case TB_MISSING:
      return {};
    case TB_STRING:
      return v.text;
    default: {
      std::string out;
      aggregate::append_value_json(out, v);
      return out;
    }
  }
}

}  // namespace tb::runtime
