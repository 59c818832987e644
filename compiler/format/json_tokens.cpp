#include "compiler/format/json_tokens.h"

#include <cstring>

namespace tb::format {

std::vector<JsonToken> json_tokens(std::string_view text, uint32_t begin, uint32_t end) {
  std::vector<JsonToken> tokens;
  uint32_t i = begin;
  while (i < end) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (c == '#') {
      while (i < end && text[i] != '\n') ++i;
    } else if (c == '"') {
      const uint32_t start = i++;
      while (i < end && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
      i = i < end ? i + 1 : end;
      tokens.push_back({'s', start, i});
    } else if (std::strchr("{}[]:,-", c) != nullptr) {
      tokens.push_back({c, i, i + 1});
      ++i;
    } else {
      const uint32_t start = i;
      // A '-' after the e of an exponent (1e-5) belongs to the number.
      while (i < end && (std::strchr(" \t\r\n#\"{}[]:,-", text[i]) == nullptr ||
                         (text[i] == '-' && (text[i - 1] == 'e' || text[i - 1] == 'E')))) {
        ++i;
      }
      tokens.push_back({'v', start, i});
    }
  }
  return tokens;
}

std::string compact_json(std::string_view json) {
  std::string out;
  for (const JsonToken& t : json_tokens(json, 0, static_cast<uint32_t>(json.size()))) {
    out += json.substr(t.begin, t.end - t.begin);
  }
  return out;
}

}  // namespace tb::format
