#pragma once
// Unicode simple case folding and simple case mapping, one code point to one code point
// (semantics R6). Full folding would make ß match SS and change string lengths; simple folding
// is also what RE2's (?i) uses, so `icontains x` agrees with `matches "(?i)" + quote(x)`.
//
// Invalid UTF-8 bytes pass through unchanged: a record's string is data, not something to reject
// or repair, and an invalid byte then only ever equals itself.
#include <string>
#include <string_view>

namespace tb::semantics {

// É -> é, the Kelvin sign U+212A -> k, ẞ -> ß; ß stays ß.
std::string fold_case(std::string_view s);
void append_folded(std::string_view s, std::string& out);

// lower() / upper(): simple lower- and upper-case mapping (ß stays ß in upper()).
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
void append_lower(std::string_view s, std::string& out);
void append_upper(std::string_view s, std::string& out);

}  // namespace tb::semantics
