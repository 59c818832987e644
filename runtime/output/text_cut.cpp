#include "runtime/output/text_cut.h"

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

}  // namespace tb::runtime
