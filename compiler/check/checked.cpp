#include "compiler/check/checked.h"

namespace tb::check {

uint32_t CheckedPack::slot_for(const std::vector<std::string>& steps, schema::FieldType type) {
  for (uint32_t i = 0; i < fields.size(); ++i) {
    if (fields[i].steps == steps) return i;
  }
  FieldSlot f;
  f.steps = steps;
  for (const std::string& s : steps) f.dotted += (f.dotted.empty() ? "" : ".") + s;
  f.type = type;
  fields.push_back(std::move(f));
  return static_cast<uint32_t>(fields.size() - 1);
}

}  // namespace tb::check
