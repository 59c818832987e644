#include "runtime/semantics/string_test.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "runtime/semantics/case_fold.h"
#include "runtime/semantics/utf8.h"
#include "tests/unit/compiler/test_rng.h"

namespace tb::semantics {
namespace {

TEST(StringTest, LiteralSubstrings) {
  EXPECT_TRUE(contains("arn:aws:iam::123:role/Admin", "role/"));
  EXPECT_FALSE(contains("arn:aws:iam::123:role/Admin", "Role/"));
  EXPECT_TRUE(starts_with("AssumeRole", "Assume"));
  EXPECT_FALSE(starts_with("AssumeRole", "Role"));
  EXPECT_TRUE(ends_with("AssumeRole", "Role"));
  EXPECT_FALSE(ends_with("Role", "AssumeRole"));
}

TEST(StringTest, NoGlobRegexOrLikeMeaning) {
  for (const char* meta : {"*", "?", "%", "_", ".", "(", "[", "\\"}) {
    EXPECT_FALSE(contains("abc", meta)) << meta;
    EXPECT_TRUE(contains(std::string("a") + meta + "c", meta)) << meta;
    EXPECT_FALSE(icontains("ABC", meta)) << meta;
  }
  EXPECT_FALSE(contains("Admin", "A*"));
  EXPECT_FALSE(starts_with("Admin", "A%"));
  EXPECT_FALSE(ends_with("Admin", ".n"));
}

TEST(StringTest, EmptyNeedleMatchesAnyString) {
  for (const char* s : {"", "x", "\u00DF"}) {
    EXPECT_TRUE(contains(s, ""));
    EXPECT_TRUE(starts_with(s, ""));
    EXPECT_TRUE(ends_with(s, ""));
    EXPECT_TRUE(icontains(s, ""));
    EXPECT_TRUE(istarts_with(s, ""));
    EXPECT_TRUE(iends_with(s, ""));
  }
}

TEST(StringTest, NulIsAnOrdinaryCharacter) {
  const std::string s("a\0b", 3);
  EXPECT_TRUE(contains(s, std::string("\0b", 2)));
  EXPECT_FALSE(contains("ab", std::string("\0", 1)));
  EXPECT_TRUE(icontains(std::string("A\0B", 3), std::string("a\0b", 3)));
}

TEST(StringTest, CaseInsensitiveUsesSimpleFolding) {
  EXPECT_TRUE(icontains("Caf\u00C9 bar", fold_case("caf\u00E9")));  // É ~ é
  EXPECT_TRUE(icontains("\u212Aelvin", fold_case("kelvin")));       // Kelvin sign ~ k
  EXPECT_TRUE(icontains("Kelvin", fold_case("\u212Aelvin")));
  EXPECT_FALSE(icontains("STRASSE", fold_case("stra\u00DFe")));  // ß !~ SS
  EXPECT_FALSE(icontains("stra\u00DFe", fold_case("STRASSE")));
  EXPECT_TRUE(icontains("STRA\u1E9EE", fold_case("stra\u00DFe")));  // ẞ ~ ß
  EXPECT_TRUE(istarts_with("\u00C9t\u00E9", fold_case("\u00E9T")));
  EXPECT_FALSE(istarts_with("x\u00C9t\u00E9", fold_case("\u00E9T")));
  EXPECT_TRUE(iends_with("Kelvin \u212A", fold_case("n K")));
  EXPECT_FALSE(iends_with("Kelvin \u212A", fold_case("n")));
  EXPECT_FALSE(icontains("e\u0301", fold_case("\u00E9")));  // no normalisation
}

TEST(StringTest, CaseInsensitiveKeepsInvalidBytes) {
  EXPECT_TRUE(
      icontains("AB\xFF"
                "CD",
                fold_case("b\xFF"
                          "c")));
  EXPECT_FALSE(
      icontains("AB\xFF"
                "CD",
                fold_case("bc")));
}

// `icontains x` must agree with RE2's `(?i)` + QuoteMeta(x) (semantics R6). The alphabet holds
// every kind of case pair the rule names: ASCII, É/é, the Kelvin sign, ß with ẞ and SS, long s,
// and Greek sigma's three forms.
TEST(StringTest, IcontainsAgreesWithRe2CaseInsensitiveMatching) {
  const std::vector<std::string> alphabet = {"a", "A",      "k",      "K",      "\u212A", "s",
                                             "S", "\u017F", "\u00DF", "\u1E9E", "\u00E9", "\u00C9",
                                             "e", "\u0301", "\u03C3", "\u03C2", "\u03A3", ".",
                                             "*", "(",      "\\",     " "};
  tb::testing::Rng rng(20260301);
  const auto random_string = [&](size_t max_len) {
    std::string s;
    for (size_t n = rng.below(max_len + 1); n > 0; --n) s += rng.pick(alphabet);
    return s;
  };
  int matches = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string haystack = random_string(8);
    const std::string needle = random_string(3);
    const RE2 re("(?i)" + RE2::QuoteMeta(needle));
    ASSERT_TRUE(re.ok()) << needle;
    const bool expected = RE2::PartialMatch(haystack, re);
    ASSERT_EQ(icontains(haystack, fold_case(needle)), expected)
        << "haystack " << haystack << " needle " << needle;
    matches += expected;
  }
  EXPECT_GT(matches, 2000);  // the comparison is not vacuous
}

// The same agreement for every code point that has a case: each is tested against the members
// of its folding class and against its own upper and lower case. ICU 72 (Unicode 15) and RE2
// 2022-06 (Unicode 14) agree on all of them, so no code point needs to be left out.
TEST(StringTest, IcontainsAgreesWithRe2OnEveryCasedCodePoint) {
  std::map<std::string, std::set<std::string>> classes;  // folded -> code points folding to it
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string s;
    utf8::encode(c, s);
    const std::string folded = fold_case(s);
    if (folded != s || to_lower(s) != s || to_upper(s) != s) {
      classes[folded].insert(s);
      classes[folded].insert(folded);
    }
  }
  size_t pairs = 0;
  for (const auto& [folded, members] : classes) {
    for (const std::string& x : members) {
      const RE2 re("(?i)" + RE2::QuoteMeta(x));
      std::set<std::string> candidates = members;
      candidates.insert(to_lower(x));
      candidates.insert(to_upper(x));
      for (const std::string& s : candidates) {
        ASSERT_EQ(icontains(s, fold_case(x)), RE2::PartialMatch(s, re)) << s << " vs " << x;
        ++pairs;
      }
    }
  }
  EXPECT_GT(pairs, 5000u);  // 5856 with ICU 72
}

}  // namespace
}  // namespace tb::semantics
