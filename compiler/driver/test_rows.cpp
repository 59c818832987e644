#include "compiler/driver/test_rows.h"

#include <simdjson.h>

#include "runtime/aggregate/value_json.h"

namespace tb::driver {

namespace agg = runtime::aggregate;
namespace dom = simdjson::dom;

namespace {

agg::Value from_json(dom::element e) {
  switch (e.type()) {
    case dom::element_type::STRING:
      return agg::Value::of_string(std::string_view(e.get_string().value_unsafe()));
    case dom::element_type::INT64:
      return agg::Value::of_int(e.get_int64().value_unsafe());
    case dom::element_type::UINT64:
      return agg::Value::of_double(static_cast<double>(e.get_uint64().value_unsafe()));
    case dom::element_type::DOUBLE:
      return agg::Value::of_double(e.get_double().value_unsafe());
    case dom::element_type::BOOL:
      return agg::Value::of_bool(e.get_bool().value_unsafe());
    case dom::element_type::NULL_VALUE:
      return agg::Value::null_value();
    case dom::element_type::ARRAY:
      return agg::Value::of_json(TB_ARRAY, simdjson::to_string(e));
    case dom::element_type::OBJECT:
      return agg::Value::of_json(TB_OBJECT, simdjson::to_string(e));
  }
  return agg::Value::null_value();
}

// Objects and arrays without insignificant whitespace, so that a test need not match the
// record's layout.
std::string canonical_json(const std::string& raw) {
  dom::parser parser;
  dom::element e;
  if (parser.parse(raw).get(e) != simdjson::SUCCESS) return raw;
  return simdjson::to_string(e);
}

bool cells_equal(const agg::Value& a, const agg::Value& b) {
  if ((a.kind == TB_OBJECT || a.kind == TB_ARRAY) && a.kind == b.kind) {
    return canonical_json(a.text) == canonical_json(b.text);
  }
  return agg::values_equal(a, b);
}

}  // namespace

std::optional<std::vector<Row>> parse_expected_rows(std::string_view json,
                                                    const std::vector<std::string>& header,
                                                    std::string& error) {
  dom::parser parser;
  dom::element root;
  if (auto e = parser.parse(json.data(), json.size()).get(root)) {
    error = std::string("the expected rows are not valid JSON: ") + simdjson::error_message(e);
    return std::nullopt;
  }
  dom::array array;
  if (root.get_array().get(array) != simdjson::SUCCESS) {
    error = "the expected rows must be a JSON array of objects";
    return std::nullopt;
  }
  std::vector<Row> rows;
  for (dom::element item : array) {
    dom::object object;
    if (item.get_object().get(object) != simdjson::SUCCESS) {
      error = "expected row " + std::to_string(rows.size() + 1) + " is not a JSON object";
      return std::nullopt;
    }
    Row row(header.size());
    for (dom::key_value_pair field : object) {
      size_t column = 0;
      while (column < header.size() && header[column] != field.key) ++column;
      if (column == header.size()) {
        std::string columns;
        for (const std::string& h : header) columns += (columns.empty() ? "" : ", ") + h;
        error = "expected row " + std::to_string(rows.size() + 1) + " has a column '" +
                std::string(field.key) +
                "' that the query does not output (its columns: " + columns + ")";
        return std::nullopt;
      }
      row[column] = from_json(field.value);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

bool rows_equal(const std::vector<Row>& a, const std::vector<Row>& b) {
  if (a.size() != b.size()) return false;
  for (size_t r = 0; r < a.size(); ++r) {
    if (a[r].size() != b[r].size()) return false;
    for (size_t c = 0; c < a[r].size(); ++c) {
      if (!cells_equal(a[r][c], b[r][c])) return false;
    }
  }
  return true;
}

std::string rows_json(const std::vector<Row>& rows, const std::vector<std::string>& header) {
  std::string out = "[";
  for (size_t r = 0; r < rows.size(); ++r) {
    out += r == 0 ? "{" : ", {";
    bool first = true;
    for (size_t c = 0; c < rows[r].size() && c < header.size(); ++c) {
      if (rows[r][c].kind == TB_MISSING) continue;
      out += first ? "" : ", ";
      first = false;
      agg::append_value_json(out, agg::Value::of_string(header[c]));
      out += ": ";
      const agg::Value& v = rows[r][c];
      if (v.kind == TB_OBJECT || v.kind == TB_ARRAY) {
        out += canonical_json(v.text);
      } else {
        agg::append_value_json(out, v);
      }
    }
    out += "}";
  }
  return out + "]";
}

}  // namespace tb::driver
