#include "runtime/semantics/string_test.h"

#include <string>

#include "runtime/semantics/case_fold.h"

namespace tb::semantics {

namespace {

// Folds into a per-thread buffer that keeps its capacity, so that kernels calling these per
// record allocate nothing in steady state. Valid only until the next call on this thread.
std::string_view folded(std::string_view s) {
  thread_local std::string buffer;
  buffer.clear();
  append_folded(s, buffer);
  return buffer;
}

}  // namespace

// A valid UTF-8 needle can only match a valid haystack at code point boundaries (UTF-8 is
// self-synchronising), so byte search is code point search.
bool contains(std::string_view s, std::string_view needle) {
  return s.find(needle) != std::string_view::npos;
}
bool starts_with(std::string_view s, std::string_view needle) {
  return s.starts_with(needle);
}
bool ends_with(std::string_view s, std::string_view needle) {
  return s.ends_with(needle);
}

bool icontains(std::string_view s, std::string_view folded_needle) {
  return folded_needle.empty() || contains(folded(s), folded_needle);
}
bool istarts_with(std::string_view s, std::string_view folded_needle) {
  return folded_needle.empty() || starts_with(folded(s), folded_needle);
}
bool iends_with(std::string_view s, std::string_view folded_needle) {
  return folded_needle.empty() || ends_with(folded(s), folded_needle);
}

}  // namespace tb::semantics
