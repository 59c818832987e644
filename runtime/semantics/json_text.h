#pragma once
// JSON text as trailbook writes it: strings escaped the one way every output uses, and raw
// objects and arrays without insignificant whitespace (semantics R1: layout carries no meaning,
// so `{"a": 1}` and `{"a":1}` group, sort and print as one value).
#include <string>
#include <string_view>

namespace tb::semantics {

// Appends `s` as a JSON string literal, quotes included. UTF-8 passes through; control
// characters are escaped.
void append_json_string(std::string& out, std::string_view s);

// Appends raw JSON text with the whitespace outside strings removed.
void append_minified_json(std::string& out, std::string_view raw);

}  // namespace tb::semantics
