#include "runtime/semantics/regex.h"

#include <gtest/gtest.h>

#include <string>

namespace tb::semantics {
namespace {

std::unique_ptr<Regex> compiled(std::string_view pattern) {
  RegexError error;
  auto re = Regex::compile(pattern, error);
  EXPECT_NE(re, nullptr) << pattern << ": " << error.message;
  return re;
}

TEST(Regex, PartialMatchIsUnanchored) {
  const auto re = compiled("Role");
  EXPECT_TRUE(re->partial_match("AssumeRole"));
  EXPECT_TRUE(re->partial_match("RoleX"));
  EXPECT_FALSE(re->partial_match("role"));  // case-sensitive unless (?i)
  EXPECT_FALSE(compiled("^Role$")->partial_match("AssumeRole"));
  EXPECT_TRUE(compiled("^Assume.*$")->partial_match("AssumeRole"));
  EXPECT_TRUE(compiled("(?i)role")->partial_match("ROLE"));
}

TEST(Regex, DollarIsTheEndOfTheTextNotBeforeAFinalNewline) {
  EXPECT_FALSE(compiled("abc$")->partial_match("abc\n"));
  EXPECT_TRUE(compiled("abc$")->partial_match("abc"));
  EXPECT_TRUE(compiled("(?m)abc$")->partial_match("abc\n"));
  EXPECT_FALSE(compiled("^abc$")->partial_match("abc\n"));
}

TEST(Regex, DotIsOneCodePointMatchingNulButNotNewline) {
  const auto re = compiled("^a.b$");
  EXPECT_TRUE(re->partial_match(std::string("a\0b", 3)));
  EXPECT_FALSE(re->partial_match("a\nb"));
  EXPECT_TRUE(re->partial_match("a\u00E9b"));      // two bytes, one code point
  EXPECT_TRUE(re->partial_match("a\U0001F600b"));  // four bytes, one code point
  EXPECT_FALSE(re->partial_match("a\u00E9\u00E9b"));
  EXPECT_TRUE(compiled("(?s)^a.b$")->partial_match("a\nb"));
}

TEST(Regex, CaseInsensitiveUsesSimpleFolding) {
  EXPECT_TRUE(compiled("(?i)kelvin")->partial_match("\u212Aelvin"));
  EXPECT_TRUE(compiled("(?i)\u00E9")->partial_match("\u00C9"));
  EXPECT_FALSE(compiled("(?i)stra\u00DFe")->partial_match("STRASSE"));
}

TEST(Regex, LinearTimeOnAClassicBacktrackingBomb) {
  EXPECT_FALSE(compiled("^(a+)+$")->partial_match(std::string(100000, 'a') + "!"));
}

RegexError error_of(std::string_view pattern) {
  RegexError error;
  EXPECT_EQ(Regex::compile(pattern, error), nullptr) << pattern;
  return error;
}

TEST(Regex, ErrorsPointIntoThePattern) {
  RegexError e = error_of("ab(cd");
  EXPECT_EQ(e.message, "missing )");
  EXPECT_EQ(e.offset, 0u);
  EXPECT_EQ(e.length, 5u);

  e = error_of("abc\\qdef");
  EXPECT_EQ(e.message, "invalid escape sequence");
  EXPECT_EQ(e.offset, 3u);
  EXPECT_EQ(e.length, 2u);

  e = error_of("x[a-");
  EXPECT_EQ(e.message, "missing ]");
  EXPECT_EQ(e.offset, 1u);
  EXPECT_EQ(e.length, 3u);

  e = error_of("ab**");
  EXPECT_EQ(e.message, "bad repetition operator");
  EXPECT_EQ(e.offset, 2u);
  EXPECT_EQ(e.length, 2u);

  e = error_of("ab)");
  EXPECT_EQ(e.message, "unexpected )");
  EXPECT_EQ(e.offset, 0u);
  EXPECT_EQ(e.length, 3u);

  e = error_of("x{1001}");
  EXPECT_EQ(e.message, "invalid repetition size");
  EXPECT_EQ(e.offset, 1u);
  EXPECT_EQ(e.length, 6u);

  e = error_of("[z-a]");
  EXPECT_EQ(e.message, "invalid character class range");
  EXPECT_EQ(e.offset, 1u);
  EXPECT_EQ(e.length, 3u);
}

TEST(Regex, ErrorFragmentThatAlsoOccursEarlierIsLocatedWhereItFails) {
  // `\\q` is an escaped backslash and a q; the bad escape is the second `\q`.
  const RegexError e = error_of("\\\\q\\q");
  EXPECT_EQ(e.message, "invalid escape sequence");
  EXPECT_EQ(e.offset, 3u);
  EXPECT_EQ(e.length, 2u);
}

TEST(Regex, ErrorWithoutFragmentHasNoLocation) {
  // Valid syntax, but the program is too large: RE2 names no part of it.
  const RegexError e = error_of("\\pL{1000}");
  EXPECT_EQ(e.message, "pattern too large - compile failed");
  EXPECT_EQ(e.length, 0u);
}

}  // namespace
}  // namespace tb::semantics
