#include "runtime/semantics/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace tb::semantics::utf8 {
namespace {

TEST(Utf8, DecodesEachLength) {
  const std::string s = "a\xC3\xA9\xE2\x84\xAA\xF0\x9F\x98\x80";  // a é K 😀
  Decoded d = decode(s, 0);
  EXPECT_EQ(d.code_point, U'a');
  EXPECT_EQ(d.length, 1u);
  d = decode(s, 1);
  EXPECT_EQ(d.code_point, U'\u00E9');
  EXPECT_EQ(d.length, 2u);
  d = decode(s, 3);
  EXPECT_EQ(d.code_point, U'\u212A');
  EXPECT_EQ(d.length, 3u);
  d = decode(s, 6);
  EXPECT_EQ(d.code_point, U'\U0001F600');
  EXPECT_EQ(d.length, 4u);
  EXPECT_TRUE(d.valid);
}

TEST(Utf8, NulIsAnOrdinaryCodePoint) {
  const std::string s("\0", 1);
  const Decoded d = decode(s, 0);
  EXPECT_TRUE(d.valid);
  EXPECT_EQ(d.code_point, U'\0');
}

TEST(Utf8, RejectsInvalidSequencesOneByteAtATime) {
  for (const std::string bad : {
           "\x80",              // lone continuation
           "\xC0\xAF",          // overlong '/'
           "\xC1\xBF",          // overlong
           "\xE0\x80\xAF",      // overlong 3-byte
           "\xED\xA0\x80",      // surrogate U+D800
           "\xF0\x80\x80\xAF",  // overlong 4-byte
           "\xF4\x90\x80\x80",  // above U+10FFFF
           "\xF5\x80\x80\x80",  // lead byte never used
           "\xFF",              // never valid
           "\xC3",              // truncated
           "\xE2\x84",          // truncated
           "\xE2\x28\xA1",      // bad continuation
       }) {
    const Decoded d = decode(bad, 0);
    EXPECT_FALSE(d.valid) << ::testing::PrintToString(bad);
    EXPECT_EQ(d.length, 1u);
  }
}

TEST(Utf8, AcceptsTheEdgesOfEachRange) {
  for (const char32_t cp : {U'\u007F', U'\u0080', U'\u07FF', U'\u0800', U'\uD7FF', U'\uE000',
                            U'\uFFFF', U'\U00010000', U'\U0010FFFF'}) {
    std::string s;
    encode(cp, s);
    const Decoded d = decode(s, 0);
    EXPECT_TRUE(d.valid);
    EXPECT_EQ(d.code_point, cp);
    EXPECT_EQ(d.length, s.size());
  }
}

TEST(Utf8, EncodeRoundTripsEveryScalarValue) {
  std::string s;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    s.clear();
    encode(cp, s);
    const Decoded d = decode(s, 0);
    ASSERT_TRUE(d.valid && d.code_point == cp && d.length == s.size()) << uint32_t{cp};
  }
}

}  // namespace
}  // namespace tb::semantics::utf8
