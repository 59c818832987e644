#pragma once
// Shared by the output writer tests: slot values over test strings, and the cells of a
// markdown table line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/abi/kernel_abi.h"

namespace tb::test {

// A string slot viewing `s`, which must outlive it.
inline tb_value str(std::string_view s) {
  tb_value v{};
  v.kind = TB_STRING;
  v.str = s.data();
  v.len = static_cast<uint32_t>(s.size());
  return v;
}

// The cells of a markdown table line: its '|' that no backslash escapes, less the leading one.
inline size_t markdown_cells(const std::string& line) {
  size_t n = 0;
  for (size_t i = 1; i < line.size(); ++i) n += line[i] == '|' && line[i - 1] != '\\';
  return n;
}

}  // namespace tb::test
