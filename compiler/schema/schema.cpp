#include "compiler/schema/schema.h"

#include <simdjson.h>

#include "stdlib/embedded.h"

namespace tb::schema {

namespace {

std::optional<FieldType> parse_type(std::string_view name) {
  static const std::pair<std::string_view, FieldType> kTypes[] = {
      {"string", FieldType::String},   {"number", FieldType::Number},
      {"boolean", FieldType::Boolean}, {"timestamp", FieldType::Timestamp},
      {"enum", FieldType::Enum},       {"object", FieldType::Object},
      {"array", FieldType::Array},     {"dynamic", FieldType::Dynamic},
      {"any", FieldType::Any},
  };
  for (const auto& [n, t] : kTypes) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::string parent_of(const std::string& path) {
  const size_t dot = path.rfind('.');
  return dot == std::string::npos ? std::string() : path.substr(0, dot);
}

}  // namespace

std::string_view type_name(FieldType type) {
  switch (type) {
    case FieldType::String:
      return "string";
    case FieldType::Number:
      return "number";
    case FieldType::Boolean:
      return "boolean";
    case FieldType::Timestamp:
      return "timestamp";
    case FieldType::Enum:
      return "enum";
    case FieldType::Object:
      return "object";
    case FieldType::Array:
      return "array";
    case FieldType::Dynamic:
      return "dynamic value";
    case FieldType::Any:
      return "value of varying type";
  }
  return "value";
}

std::unique_ptr<Schema> Schema::parse(std::string_view json, std::string& error) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto e = parser.parse(json.data(), json.size()).get(root)) {
    error = std::string("schema is not valid JSON: ") + simdjson::error_message(e);
    return nullptr;
  }
  simdjson::dom::array fields;
  if (root["fields"].get_array().get(fields)) {
    error = "schema has no 'fields' array";
    return nullptr;
  }
  auto schema = std::make_unique<Schema>();
  for (simdjson::dom::element entry : fields) {
    Field f;
    std::string_view path, type, doc, presence;
    if (entry["path"].get_string().get(path) || entry["type"].get_string().get(type)) {
      error = "a schema field lacks 'path' or 'type'";
      return nullptr;
    }
    f.path = std::string(path);
    auto parsed = parse_type(type);
    if (!parsed) {
      error = "field '" + f.path + "' has unknown type '" + std::string(type) + "'";
      return nullptr;
    }
    f.type = *parsed;
    if (!entry["presence"].get_string().get(presence)) f.always_present = presence == "always";
    bool nullable = false;
    if (!entry["nullable"].get_bool().get(nullable)) f.nullable = nullable;
    if (!entry["doc"].get_string().get(doc)) f.doc = std::string(doc);
    simdjson::dom::array values;
    if (!entry["values"].get_array().get(values)) {
      for (simdjson::dom::element v : values) {
        std::string_view s;
        if (!v.get_string().get(s)) f.enum_values.emplace_back(s);
      }
    }
    if (schema->by_path_.count(f.path) != 0) {
      error = "field '" + f.path + "' is listed twice";
      return nullptr;
    }
    const std::string parent = parent_of(f.path);
    if (!parent.empty()) {
      const std::string parent_key = parent.size() > 2 && parent.ends_with("[]")
                                         ? parent.substr(0, parent.size() - 2)
                                         : parent;
      if (schema->by_path_.count(parent_key) == 0) {
        error = "field '" + f.path + "' is listed before its parent '" + parent_key + "'";
        return nullptr;
      }
    }
    schema->by_path_.emplace(f.path, schema->fields_.size());
    schema->fields_.push_back(std::move(f));
  }
  return schema;
}

const Schema& Schema::builtin() {
  static const std::unique_ptr<Schema> schema = [] {
    std::string error;
    auto s = parse(stdlib::cloudtrail_schema_json(), error);
    // The embedded schema is tested at build time; failing here is a packaging bug.
    if (!s) {
      std::fprintf(stderr, "trailbook: the embedded CloudTrail schema is broken: %s\n",
                   error.c_str());
      std::abort();
    }
    return s;
  }();
  return *schema;
}

Resolution Schema::resolve(const std::vector<std::string>& steps) const {
  std::string path;
  const Field* last = nullptr;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (last != nullptr) {
      if (last->type == FieldType::Dynamic) {
        return {Resolution::Kind::UnderDynamic, last, i};
      }
      if (last->type != FieldType::Object) {
        return {Resolution::Kind::ThroughScalar, last, i};
      }
    }
    path += (i == 0 ? "" : ".") + steps[i];
    auto it = by_path_.find(path);
    if (it == by_path_.end()) return {Resolution::Kind::Unknown, last, i};
    last = &fields_[it->second];
  }
  return {Resolution::Kind::Field, last, steps.size()};
}

std::vector<std::string> Schema::addressable_paths() const {
  std::vector<std::string> out;
  for (const Field& f : fields_) {
    if (f.path.find("[]") == std::string::npos) out.push_back(f.path);
  }
  return out;
}

}  // namespace tb::schema
