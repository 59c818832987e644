// Lines and columns of byte offsets: `location` counts bytes (what spans are), and
// `code_point_column` counts code points (what a user is shown).
#include <gtest/gtest.h>

#include "compiler/source/source_file.h"

namespace {

using tb::SourceFile;

TEST(SourceFile, LocationColumnsCountBytes) {
  // é is 2 bytes, ✓ 3 and 😀 4.
  const SourceFile f("f.tb", "x\n\"\xc3\xa9\xe2\x9c\x93\xf0\x9f\x98\x80\" y\n");
  EXPECT_EQ(f.location(0).line, 1u);
  EXPECT_EQ(f.location(0).column, 1u);
  const uint32_t y = 2 + 1 + 9 + 2;  // line 1, the quote, the nine bytes, the quote and a space
  EXPECT_EQ(f.text()[y], 'y');
  EXPECT_EQ(f.location(y).line, 2u);
  EXPECT_EQ(f.location(y).column, 13u);
}

TEST(SourceFile, CodePointColumnsCountCharacters) {
  const SourceFile f("f.tb", "x\n\"\xc3\xa9\xe2\x9c\x93\xf0\x9f\x98\x80\" y\n");
  EXPECT_EQ(f.code_point_column(0), 1u);
  EXPECT_EQ(f.code_point_column(2), 1u);   // the start of line 2
  EXPECT_EQ(f.code_point_column(3), 2u);   // é
  EXPECT_EQ(f.code_point_column(5), 3u);   // ✓
  EXPECT_EQ(f.code_point_column(8), 4u);   // 😀
  EXPECT_EQ(f.code_point_column(14), 7u);  // y
  EXPECT_EQ(f.code_point_column(15), 8u);  // the line break: the end of the line's text
}

TEST(SourceFile, CodePointColumnsOnAsciiLinesAreByteColumns) {
  const SourceFile f("f.tb", "runbook r {\r\n  where a == 1\r\n}");
  for (uint32_t offset = 0; offset < f.text().size(); ++offset) {
    if (f.text()[offset] == '\r' || f.text()[offset] == '\n') continue;
    EXPECT_EQ(f.code_point_column(offset), f.location(offset).column) << offset;
  }
  EXPECT_EQ(f.code_point_column(static_cast<uint32_t>(f.text().size())), 2u);  // after the }
}

TEST(SourceFile, CountCodePoints) {
  EXPECT_EQ(tb::count_code_points(""), 0u);
  EXPECT_EQ(tb::count_code_points("abc"), 3u);
  EXPECT_EQ(tb::count_code_points("jos\xc3\xa9.garc\xc3\xad"
                                  "a"),
            11u);
  EXPECT_EQ(tb::count_code_points("\xf0\x9f\x98\x80"), 1u);
}

}  // namespace
