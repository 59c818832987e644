#include "compiler/check/checked.h"

#include <fmt/format.h>

namespace tb::check {

namespace {

std::string dotted(const std::vector<std::string>& steps) {
  std::string out;
  for (const std::string& s : steps) out += (out.empty() ? "" : ".") + s;
  return out;
}

}  // namespace

std::string Constant::display() const {
  switch (kind) {
    case Kind::String:
      return fmt::format("\"{}\"", string_value);
    case Kind::Int:
      return std::to_string(int_value);
    case Kind::Float:
      return fmt::format("{}", float_value);
    case Kind::Bool:
      return bool_value ? "true" : "false";
    case Kind::Null:
      return "null";
    case Kind::Timestamp:
      return string_value;
    case Kind::Duration:
      return semantics::format_duration(int_value);
  }
  return "?";
}

std::string_view Constant::type_name() const {
  switch (kind) {
    case Kind::String:
      return "string";
    case Kind::Int:
    case Kind::Float:
      return "number";
    case Kind::Bool:
      return "boolean";
    case Kind::Null:
      return "null";
    case Kind::Timestamp:
      return "timestamp";
    case Kind::Duration:
      return "duration";
  }
  return "value";
}

uint32_t CheckedPack::slot_for(const std::vector<std::string>& steps, schema::FieldType type) {
  for (uint32_t i = 0; i < fields.size(); ++i) {
    if (!fields[i].elements && fields[i].steps == steps) return i;
  }
  FieldSlot f;
  f.steps = steps;
  f.dotted = dotted(steps);
  f.type = type;
  fields.push_back(std::move(f));
  return static_cast<uint32_t>(fields.size() - 1);
}

uint32_t CheckedPack::element_slot_for(const std::vector<std::string>& steps) {
  for (uint32_t i = 0; i < fields.size(); ++i) {
    if (fields[i].elements && fields[i].steps == steps) return i;
  }
  FieldSlot f;
  f.steps = steps;
  f.dotted = dotted(steps);
  f.type = schema::FieldType::Array;
  f.elements = true;
  fields.push_back(std::move(f));
  return static_cast<uint32_t>(fields.size() - 1);
}

uint32_t CheckedPack::element_field(uint32_t element_slot, const std::vector<std::string>& steps) {
  auto& list = fields[element_slot].element_fields;
  for (uint32_t i = 0; i < list.size(); ++i) {
    if (list[i] == steps) return i;
  }
  list.push_back(steps);
  return static_cast<uint32_t>(list.size() - 1);
}

uint32_t CheckedPack::add_object(PackObject object) {
  objects.push_back(std::move(object));
  return static_cast<uint32_t>(objects.size() - 1);
}

std::vector<const void*> CheckedPack::object_table() const {
  std::vector<const void*> table;
  for (const PackObject& o : objects) {
    if (const auto* re = std::get_if<std::unique_ptr<semantics::Regex>>(&o)) {
      table.push_back(re->get());
    } else if (const auto* cidr = std::get_if<semantics::CidrSet>(&o)) {
      table.push_back(cidr);
    } else {
      table.push_back(&std::get<semantics::Instant>(o));
    }
  }
  return table;
}

}  // namespace tb::check
