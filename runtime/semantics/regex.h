#pragma once
// `matches` (semantics R7): RE2 syntax, partial (unanchored) match, UTF-8. `.` is one code point
// and matches NUL but not \n; `$` is the end of the text (not before a final \n) unless (?m);
// case-sensitive unless (?i). Linear time in the text, whatever the pattern.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace tb::semantics {

struct RegexError {
  std::string message;  // what is wrong, e.g. "missing )"
  // The part of the pattern RE2 blames, as bytes [offset, offset + length) of the pattern, so a
  // diagnostic can point into it. length == 0 when RE2 names no part (e.g. pattern too large).
  size_t offset = 0;
  size_t length = 0;
};

class Regex {
 public:
  // nullptr, with `error` filled, when the pattern is not valid RE2 syntax.
  static std::unique_ptr<Regex> compile(std::string_view pattern, RegexError& error);
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  bool partial_match(std::string_view text) const;

 private:
  explicit Regex(std::unique_ptr<re2::RE2> re);
  std::unique_ptr<re2::RE2> re_;
};

}  // namespace tb::semantics
