#pragma once
// Limits a record must keep, and the messages that say which one it broke and where.
#include <cstdint>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace tb::runtime {

// Objects and arrays nested deeper than this make a record unreadable. Any JSON object is a
// record however deeply it nests (docs/language.md), up to the depth the reference interpreter's
// parser reads: simdjson's 65,536 counts the document as a level. Real records nest about a dozen.
inline constexpr uint32_t kMaxNestingDepth = 65535;

// The deepest object/array nesting in `json` (strings skipped); `json` need not be valid.
uint32_t nesting_depth(std::string_view json);

// Offset of the first byte of `text` that is not valid UTF-8 (text.size() when all is).
size_t first_invalid_utf8(std::string_view text);

// "the record nests deeper than 65535 levels"
std::string too_deep_message();

// "the record is 20000000 bytes, over the 16777216-byte limit (--max-record-size)"
std::string oversize_message(uint64_t size, uint64_t limit);

// simdjson's complaint about `record`, in our words where it can be more precise: invalid UTF-8
// with its byte offset, nesting depth with the limit.
std::string record_error_message(simdjson::error_code error, std::string_view record);

}  // namespace tb::runtime
