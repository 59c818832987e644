// Markdown tables of data values: one line per row, '|' escaped, markup inert in code spans,
// long values cut on a UTF-8 boundary, every row with the header's number of cells.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "runtime/output/display_text.h"
#include "runtime/output/markdown_table.h"
#include "tests/unit/runtime/output/output_test_support.h"

namespace {

using tb::runtime::markdown_table;
using tb::runtime::markdown_text_cell;

TEST(TextCut, CutsOnCodePointsNotBytes) {
  std::string accents;
  for (int i = 0; i < 10; ++i) accents += "\xc3\xa9";  // é
  EXPECT_EQ(tb::runtime::code_points(accents), 10u);
  EXPECT_EQ(tb::runtime::cut_to_code_points(accents, 10), accents);
  const std::string cut = tb::runtime::cut_to_code_points(accents, 4);
  EXPECT_EQ(cut, "\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x80\xa6");
  EXPECT_EQ(tb::runtime::code_points(cut), 4u);
  EXPECT_EQ(tb::runtime::cut_to_code_points("abcdef", 3), "ab\xe2\x80\xa6");
}

TEST(MarkdownCell, TextIsACodeSpanWithPipesEscaped) {
  EXPECT_EQ(markdown_text_cell("arn:aws:iam::1:user/a_b*c*"), "`arn:aws:iam::1:user/a_b*c*`");
  EXPECT_EQ(markdown_text_cell("a|b"), "`a\\|b`");
  EXPECT_EQ(markdown_text_cell(""), "");
}

TEST(MarkdownCell, BackticksGetALongerFence) {
  EXPECT_EQ(markdown_text_cell("a`b"), "``a`b``");
  EXPECT_EQ(markdown_text_cell("``x"), "``` ``x ```");
}

TEST(MarkdownCell, LineBreaksAndControlCharactersAreWrittenAsEscapes) {
  EXPECT_EQ(markdown_text_cell("1.2.3.4\nfake | row\r\t\x1b]0;x\x07"),
            "`1.2.3.4\\nfake \\| row\\r\\t\\u001b]0;x\\u0007`");
}

TEST(MarkdownCell, LongTextIsCutToEightyCodePointsOnAUtf8Boundary) {
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "\xc3\xa9";
  const std::string cell = markdown_text_cell(accents);
  EXPECT_TRUE(simdjson::validate_utf8(cell.data(), cell.size()));
  EXPECT_EQ(tb::runtime::code_points(cell), tb::runtime::kMarkdownCellCodePoints + 2);  // ``
  EXPECT_EQ(cell.substr(cell.size() - 4), "\xe2\x80\xa6`");
}

TEST(MarkdownCell, NumbersAndNullAreBare) {
  tb_value n{};
  n.kind = TB_INT;
  n.i = 42;
  tb_value null{};
  null.kind = TB_NULL;
  EXPECT_EQ(tb::runtime::markdown_cell(n), "42");
  EXPECT_EQ(tb::runtime::markdown_cell(null), "null");
  EXPECT_EQ(tb::runtime::markdown_cell(tb_value{}), "");
  EXPECT_EQ(tb::runtime::markdown_cell(tb::runtime::aggregate::Value::of_double(1.5)), "1.5");
}

TEST(MarkdownTable, EveryLineHasTheHeadersCellsAndColumnsLineUp) {
  const std::string table = markdown_table(
      {"actor", "n"}, {{markdown_text_cell("a|b\nc"), "12"}, {"", "3"}, {markdown_text_cell("é")}},
      {false, true});
  std::vector<std::string> lines;
  for (size_t start = 0, nl; (nl = table.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(table.substr(start, nl - start));
  }
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "| actor     |   n |");
  EXPECT_EQ(lines[1], "|-----------|----:|");
  EXPECT_EQ(lines[2], "| `a\\|b\\nc` |  12 |");
  EXPECT_EQ(lines[3], "|           |   3 |");
  EXPECT_EQ(lines[4], "| `é`       |     |");
  for (const std::string& line : lines) EXPECT_EQ(tb::test::markdown_cells(line), 2u) << line;
}

}  // namespace
