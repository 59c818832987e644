#pragma once
// JSON written in tests (`record {...}`, `expect rows [...]`) is kept by the syntax stage as
// source text. The formatter re-lays it out token by token; the tokens here are what it moves.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tb::format {

struct JsonToken {
  char kind;  // one of { } [ ] : , -   or 's' for a string, 'v' for a number, true, false, null
  uint32_t begin, end;
};

// The tokens of text[begin, end), skipping blanks and '#' comments. The parser has accepted the
// JSON, so the text is well formed.
std::vector<JsonToken> json_tokens(std::string_view text, uint32_t begin, uint32_t end);

// The tokens of `json` with nothing between them: equal for the same JSON laid out differently.
std::string compact_json(std::string_view json);

}  // namespace tb::format
