#include "runtime/output/display_text.h"

#include <fmt/format.h>

namespace tb::runtime {

namespace {

bool continues_sequence(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

size_t code_points(std::string_view text) {
  size_t n = 0;
  for (const char c : text) n += continues_sequence(c) ? 0 : 1;
  return n;
}

std::string cut_to_code_points(std::string_view text, size_t max) {
  if (code_points(text) <= max) return std::string(text);
  if (max == 0) return {};
  size_t kept = 0, end = 0;
  for (; end < text.size(); ++end) {
    if (continues_sequence(text[end])) continue;
    if (kept == max - 1) break;  // text[end] starts the first code point left out
    ++kept;
  }
  return std::string(text.substr(0, end)) + "\xe2\x80\xa6";  // …
}

std::string escape_control_characters(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\u{:04x}", u);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace tb::runtime
