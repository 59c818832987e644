// Golden tests for rendered diagnostics: the exact text a user sees.
#include <string>

#include <gtest/gtest.h>

#include "compiler/diag/render_text.h"
#include "compiler/driver/compiler.h"

namespace {

std::string diagnostics_of(const std::string& source) {
  tb::driver::Compilation c;
  c.add_source("rb.tb", source);
  c.check();
  std::string out;
  for (const auto& d : c.diagnostics().diagnostics()) out += tb::render_text(c.sources(), d);
  return out;
}

TEST(RenderedDiagnostics, UnknownFieldWithSuggestion) {
  EXPECT_EQ(diagnostics_of("runbook r {\n"
                           "  title \"t\"\n"
                           "  severity low\n"
                           "  where eventName == \"AssumeRole\"\n"
                           "  select eventTime, userIdentity.arm\n"
                           "}\n"),
            "rb.tb:5:21: error: unknown field 'userIdentity.arm' [TB2001]\n"
            "    5 |   select eventTime, userIdentity.arm\n"
            "      |                     ^~~~~~~~~~~~~~~~\n"
            "rb.tb:5:21: note: did you mean 'userIdentity.arn'?\n");
}

TEST(RenderedDiagnostics, EnumValueWithSuggestion) {
  EXPECT_EQ(diagnostics_of("runbook r { title \"t\" severity high\n"
                           "  where userIdentity.type == \"IAMUsr\" }\n"),
            "rb.tb:2:30: error: 'IAMUsr' is not a value of 'userIdentity.type' [TB3002]\n"
            "    2 |   where userIdentity.type == \"IAMUsr\" }\n"
            "      |                              ^~~~~~~~\n"
            "rb.tb:2:30: note: did you mean 'IAMUser'?\n");
}

TEST(RenderedDiagnostics, TypeMismatch) {
  EXPECT_EQ(diagnostics_of("runbook r { title \"t\" severity high where readOnly == \"true\" }"),
            "rb.tb:1:55: error: 'readOnly' is a boolean; comparing it with a string can never be "
            "true [TB3001]\n"
            "    1 | runbook r { title \"t\" severity high where readOnly == \"true\" }\n"
            "      |                                                       ^~~~~~\n");
}

TEST(RenderedDiagnostics, StepThroughAString) {
  EXPECT_EQ(diagnostics_of("runbook r { title \"t\" severity high where eventName.x == \"y\" }"),
            "rb.tb:1:53: error: 'eventName' is a string, so it has no field 'x' [TB2002]\n"
            "    1 | runbook r { title \"t\" severity high where eventName.x == \"y\" }\n"
            "      |                                                     ^\n");
}

TEST(RenderedDiagnostics, MetadataMistakesAllReported) {
  const std::string out = diagnostics_of(
      "runbook r {\n  titel \"t\"\n  severity hgh\n"
      "  where eventName == \"x\"\n}\n");
  EXPECT_NE(out.find("rb.tb:2:3: error: unknown runbook metadata key 'titel' [TB2003]"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("rb.tb:2:3: note: did you mean 'title'?"), std::string::npos) << out;
  EXPECT_NE(out.find("rb.tb:3:12: error: unknown severity 'hgh' [TB3003]"), std::string::npos)
      << out;
  EXPECT_NE(out.find("rb.tb:1:9: error: runbook 'r' has no 'title' [TB2007]"), std::string::npos)
      << out;
}

// Columns and carets count code points: "é" is one column although it is two bytes.
TEST(RenderedDiagnostics, SyntaxErrorsAfterNonAsciiTextPointAtTheRightCharacter) {
  EXPECT_EQ(diagnostics_of("# caf\xc3\xa9 \xe2\x9c\x93\nrunbook r { title \"\xc3\xa9\" $ }\n"),
            "rb.tb:2:23: error: unexpected character '$' [TB1002]\n"
            "    2 | runbook r { title \"\xc3\xa9\" $ }\n"
            "      | " +
                std::string(22, ' ') + "^\n");
}

TEST(RenderedDiagnostics, CaretAndNoteColumnAfterNonAsciiText) {
  EXPECT_EQ(diagnostics_of("runbook r { title \"t\" severity low\n"
                           "  where userIdentity.userName == \"jos\xc3\xa9.garc\xc3\xad"
                           "a\" and userIdentity.type == \"IAMUsr\" }\n"),
            "rb.tb:2:73: error: 'IAMUsr' is not a value of 'userIdentity.type' [TB3002]\n"
            "    2 |   where userIdentity.userName == \"jos\xc3\xa9.garc\xc3\xad"
            "a\" and userIdentity.type == \"IAMUsr\" }\n"
            "      | " +
                std::string(72, ' ') + "^~~~~~~~\n" +
                "rb.tb:2:73: note: did you mean 'IAMUser'?\n");
}

TEST(RenderedDiagnostics, UnderlineHasOneMarkPerCodePoint) {
  // "R\xc3\xb6ot" is four code points in five bytes, and with its quotes six in seven.
  const std::string out = diagnostics_of(
      "runbook r { title \"t\" severity low where userIdentity.type == \"R\xc3\xb6ot\" }\n");
  EXPECT_NE(out.find("rb.tb:1:63: error: 'R\xc3\xb6ot' is not a value of 'userIdentity.type'"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\n      | " + std::string(62, ' ') + "^~~~~~\n"), std::string::npos) << out;
}

TEST(RenderedDiagnostics, TabsBeforeTheSpanAreKeptInTheCaretLine) {
  EXPECT_EQ(diagnostics_of("runbook r { title \"t\" severity low\n\twhere eventName.x == \"y\" }"),
            "rb.tb:2:18: error: 'eventName' is a string, so it has no field 'x' [TB2002]\n"
            "    2 | \twhere eventName.x == \"y\" }\n"
            "      | \t" +
                std::string(16, ' ') + "^\n");
}

}  // namespace
