#pragma once
// The CloudTrail record schema, loaded from data (stdlib/schema/cloudtrail.json). The checker
// resolves field paths against it; nothing about CloudTrail's fields is written in C++.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tb::schema {

enum class FieldType : uint8_t {
  String,
  Number,
  Boolean,
  Timestamp,  // an RFC 3339 string
  Enum,       // a string from a known set
  Object,     // children are listed; others are unknown
  Array,
  Dynamic,  // any JSON; sub-paths are not checked (requestParameters, ...)
  Any,      // a scalar whose JSON type varies between records
};

std::string_view type_name(FieldType type);

struct Field {
  std::string path;  // dotted; `[]` marks array elements, as in resources[].ARN
  FieldType type = FieldType::Any;
  bool always_present = false;
  bool nullable = false;
  std::vector<std::string> enum_values;
  std::string doc;
};

// What a runbook path leads to.
struct Resolution {
  enum class Kind : uint8_t {
    Field,          // a field the schema lists
    UnderDynamic,   // below a dynamic field: any sub-path is allowed
    ThroughScalar,  // a step goes into a field that has no sub-fields (a string, an array, ...)
    Unknown,        // a step names no field
  };
  Kind kind = Kind::Unknown;
  const Field* field = nullptr;  // Field: the field; UnderDynamic/ThroughScalar: the last known one
  size_t known_steps = 0;        // how many leading steps the schema knows
};

class Schema {
 public:
  // Parses the schema file format. On failure returns null and sets `error`.
  static std::unique_ptr<Schema> parse(std::string_view json, std::string& error);
  // The schema embedded from stdlib/ at build time.
  static const Schema& builtin();

  Resolution resolve(const std::vector<std::string>& steps) const;
  const std::vector<Field>& fields() const { return fields_; }
  // Paths a runbook can name directly (not those under arrays), for "did you mean".
  std::vector<std::string> addressable_paths() const;

 private:
  std::vector<Field> fields_;
  std::map<std::string, size_t, std::less<>> by_path_;
};

}  // namespace tb::schema
