#pragma once
// Whether output goes to a person: tables and colours are for terminals only.
#include <cstdio>
#include <cstdlib>

#include <unistd.h>

namespace tb::cli {

inline bool is_terminal(std::FILE* f) {
  return isatty(fileno(f)) != 0;
}

// Colours only on a terminal, and never with NO_COLOR set (https://no-color.org).
inline bool use_color(std::FILE* f) {
  const char* no_color = std::getenv("NO_COLOR");
  return is_terminal(f) && (no_color == nullptr || *no_color == '\0');
}

}  // namespace tb::cli
