#pragma once
// The string operators contains / startswith / endswith and their case-insensitive forms
// (semantics R6). Literal: no byte of the needle has a glob, regex or LIKE meaning. An empty
// needle matches any string.
#include <string_view>

namespace tb::semantics {

bool contains(std::string_view s, std::string_view needle);
bool starts_with(std::string_view s, std::string_view needle);
bool ends_with(std::string_view s, std::string_view needle);

// Case-insensitive forms: `folded_needle` is already fold_case()d (once, when the query is
// compiled); the haystack is folded here.
bool icontains(std::string_view s, std::string_view folded_needle);
bool istarts_with(std::string_view s, std::string_view folded_needle);
bool iends_with(std::string_view s, std::string_view folded_needle);

}  // namespace tb::semantics
