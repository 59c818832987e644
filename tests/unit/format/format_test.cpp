// trailbook fmt: golden files (messy input -> canonical output), fixed points, meaning and
// comments kept, syntax errors refused, and the shipped runbooks already canonical.
// TB_UPDATE_GOLDEN=1 rewrites the expected files from the current formatter.
#include <cstdlib>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/unit/format/format_test_util.h"

namespace {

using namespace tb::format_test;

const char* const kGoldenDir = "tests/golden/format";

std::string expected_path(const std::string& input) {
  return input.substr(0, input.size() - 3) + ".expected.tb";
}

TEST(FormatGolden, EveryInputHasItsExpectedOutput) {
  const auto inputs = tb_files(kGoldenDir, false);
  ASSERT_GE(inputs.size(), 4u);
  const bool update = std::getenv("TB_UPDATE_GOLDEN") != nullptr;
  for (const std::string& input : inputs) {
    SCOPED_TRACE(input);
    const auto out = format(read(input));
    ASSERT_TRUE(out.has_value()) << "refused";
    if (update) std::ofstream(expected_path(input), std::ios::binary) << *out;
    EXPECT_EQ(*out, read(expected_path(input)));
  }
  EXPECT_EQ(tb_files(kGoldenDir, true).size(), inputs.size()) << "an expected file without input";
}

TEST(FormatGolden, ExpectedOutputsAreFixedPoints) {
  for (const std::string& path : tb_files(kGoldenDir, true)) {
    SCOPED_TRACE(path);
    const std::string text = read(path);
    EXPECT_EQ(format(text).value_or("<refused>"), text);
  }
}

TEST(FormatGolden, MeaningIsKept) {
  for (const std::string& input : tb_files(kGoldenDir, false)) {
    SCOPED_TRACE(input);
    const std::string text = read(input);
    EXPECT_EQ(meaning(read(expected_path(input))), meaning(text));
  }
}

TEST(FormatGolden, EveryCommentSurvivesInOrder) {
  size_t total = 0;
  for (const std::string& input : tb_files(kGoldenDir, false)) {
    SCOPED_TRACE(input);
    const auto before = comments(read(input));
    total += before.size();
    EXPECT_EQ(comments(read(expected_path(input))), before);
  }
  EXPECT_GE(total, 20u) << "the golden files should exercise comments";
}

// Every runbook trailbook ships is already in the canonical layout.
TEST(FormatShipped, RunbooksAndStdlibAreCanonical) {
  size_t files = 0;
  for (const char* dir : {"runbooks", "stdlib/lib"}) {
    for (const std::string& path : tb_files(dir, false)) {
      SCOPED_TRACE(path);
      const std::string text = read(path);
      EXPECT_EQ(format(text).value_or("<refused>"), text) << "run: trailbook fmt " << path;
      ++files;
    }
  }
  EXPECT_GE(files, 3u);
}

TEST(FormatRefuses, FilesWithSyntaxErrors) {
  const char* const bad[] = {
      "runbook r { title \"t\" where }\n",                // missing expression
      "runbook r { where a == }\n",                       // missing operand
      "runbook r { where a == 1 $ }\n",                   // stray character
      "runbook r { title \"bad \\q escape\" }\n",         // bad escape (TB1004)
      "runbook r { where a == 1 where b == 2 }\n",        // a second where would be lost
      "runbook r { tags [a == 1] }\n",                    // metadata list of non-literals
      "runbook r { where a == \"unterminated }\n",        // unterminated string
      "runbook r { where a == 99999999999999999999 }\n",  // number out of range
      "runbook r {\n  where a == 1\n",                    // missing brace
      "runbook r { where a == \"\xff\" }\n",              // not UTF-8
  };
  for (const char* text : bad) {
    SCOPED_TRACE(text);
    tb::SourceManager sources;
    tb::DiagnosticSink sink;
    const auto result = tb::format::format_file(sources, sources.add("bad.tb", text), sink);
    EXPECT_FALSE(result.text.has_value());
    EXPECT_TRUE(sink.has_errors());
    EXPECT_EQ(result.internal_error, "");
  }
}

TEST(FormatStyle, EmptyAndCommentOnlyFiles) {
  EXPECT_EQ(format(""), "");
  EXPECT_EQ(format(" \n\n\t\n"), "");
  EXPECT_EQ(format("  # only a comment   \n\n\n# and another"),
            "# only a comment\n\n# and another\n");
}

// A line of exactly 100 columns stays whole; one more column breaks the chain.
TEST(FormatStyle, ChainsBreakPastOneHundredColumns) {
  const std::string head = "runbook r {\n  where ";
  const std::string fits = "a == \"" + std::string(74, 'x') + "\" and b == 1";  // 8 + 92 columns
  ASSERT_EQ(8 + fits.size(), 100u);
  EXPECT_EQ(format(head + fits + " }"), head + fits + "\n}\n");
  const std::string longer = "a == \"" + std::string(75, 'x') + "\" and b == 1";
  EXPECT_EQ(format(head + longer + " }"),
            head + "a == \"" + std::string(75, 'x') + "\"\n    and b == 1\n}\n");
}

TEST(FormatStyle, LongStringsKeepTheirValue) {
  // Written over several lines: re-indented under the key; on one line: kept as written.
  const std::string in =
      "runbook r {\ndescription \"\"\"First line\n          second, indented\n\n     third\"\"\"\n"
      "author \"\"\"   as written   \"\"\"\n}\n";
  const auto out = format(in);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out,
            "runbook r {\n  description \"\"\"\n    First line\n              second, indented\n\n"
            "         third\n  \"\"\"\n  author \"\"\"   as written   \"\"\"\n}\n");
  EXPECT_EQ(meaning(*out), meaning(in));
}

TEST(FormatStyle, ParenthesesAreKeptWhereWrittenAndDoubledOnesCollapse) {
  EXPECT_EQ(format("predicate p = ((a == 1 or b == 2)) and not (c) and ((d))"),
            "predicate p = (a == 1 or b == 2) and not (c) and (d)\n");
  EXPECT_EQ(format("predicate p = (a or b) and c or (d and e)"),
            "predicate p = (a or b) and c or (d and e)\n");
}

}  // namespace
