#pragma once
// Values written as JSON, for the text of values() arrays: strings escaped, integers exact,
// doubles in the shortest form that reads back to the same double, objects and arrays as held.
#include <string>

#include "runtime/aggregate/value.h"

namespace tb::runtime::aggregate {

// Appends `v` as JSON. Missing, like null, is written as null: JSON has no missing.
void append_value_json(std::string& out, const Value& v);

}  // namespace tb::runtime::aggregate
