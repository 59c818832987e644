// The check stage: every diagnostic it reports, where it points, what it suggests, and the checked
// form it builds (slots, mirrored comparisons, query indices).
#include <algorithm>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "compiler/diag/render_text.h"
#include "compiler/driver/compiler.h"

namespace {

using tb::Diagnostic;
using tb::driver::Compilation;
namespace check = tb::check;

// Sources compiled as one pack; keeps the result of check() and renders what was reported.
struct Checked {
  explicit Checked(const std::vector<std::pair<std::string, std::string>>& files) {
    for (const auto& [path, text] : files) c.add_source(path, text);
    pack = c.check();
    // TB4008 (requestParameters that nothing types) is tested on its own below; elsewhere
    // requestParameters stands for a field of any type.
    for (const Diagnostic& d : c.diagnostics().diagnostics()) {
      if (d.code() != "TB4008") diags_.push_back(d);
    }
  }
  explicit Checked(const std::string& text) : Checked({{"rb.tb", text}}) {}

  const std::vector<Diagnostic>& diags() const { return diags_; }
  std::string rendered() const {
    std::string out;
    for (const Diagnostic& d : c.diagnostics().diagnostics())
      out += tb::render_text(c.sources(), d);
    return out;
  }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags()) out.emplace_back(d.code());
    return out;
  }
  std::vector<std::string> all_codes() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : c.diagnostics().diagnostics()) out.emplace_back(d.code());
    return out;
  }
  // "file:line:col" of a span.
  std::string where(tb::Span span) const {
    const auto& f = c.sources().file(span.file);
    const tb::LineCol lc = f.location(span.begin);
    return fmt::format("{}:{}:{}", f.path(), lc.line, lc.column);
  }
  std::string text(tb::Span span) const {
    return std::string(c.sources().file(span.file).slice(span));
  }

  Compilation c;
  std::unique_ptr<check::CheckedPack> pack;

 private:
  std::vector<Diagnostic> diags_;
};

// A runbook with valid metadata around `body`.
std::string runbook(const std::string& body) {
  return "runbook r { title \"t\" severity low " + body + " }";
}

// The one diagnostic a source must produce.
const Diagnostic& only(const Checked& k) {
  EXPECT_EQ(k.diags().size(), 1u) << k.rendered();
  EXPECT_EQ(k.pack, nullptr);
  static const Diagnostic none{};
  return k.diags().empty() ? none : k.diags()[0];
}

// "file:line:col: message" of the one note of a diagnostic.
std::string only_note(const Checked& k, const Diagnostic& d) {
  EXPECT_EQ(d.notes.size(), 1u) << k.rendered();
  if (d.notes.empty()) return "<no note>";
  const tb::DiagNote& n = d.notes[0];
  return (n.has_span ? k.where(n.span) + ": " : std::string()) + n.message;
}

TEST(Checker, ValidRunbookChecksWithoutDiagnostics) {
  Checked k(
      "runbook r {\n"
      "  title \"t\"\n  severity critical\n  description \"d\"\n  id \"x-1\"\n"
      "  author \"me\"\n  tags [\"a\", \"b\"]\n  references []\n"
      "  where eventName == \"x\" and requestParameters.`s3:x-amz-acl`.deep.er != null\n"
      "  select eventTime, userIdentity.sessionContext.sessionIssuer.arn as issuer\n"
      "  query second { where readOnly == false }\n"
      "}\n");
  EXPECT_TRUE(k.diags().empty()) << k.rendered();
  ASSERT_NE(k.pack, nullptr);
  ASSERT_EQ(k.pack->runbooks.size(), 1u);
  const check::CheckedRunbook& rb = k.pack->runbooks[0];
  EXPECT_EQ(rb.title, "t");
  EXPECT_EQ(rb.severity, "critical");
  EXPECT_EQ(rb.source_path, "rb.tb");
  ASSERT_EQ(rb.queries.size(), 2u);
  EXPECT_EQ(rb.queries[0].name, "");
  EXPECT_EQ(rb.queries[0].index, 0u);
  EXPECT_EQ(rb.queries[1].name, "second");
  EXPECT_EQ(rb.queries[1].index, 1u);
  EXPECT_EQ(k.pack->query_count, 2u);
  ASSERT_EQ(rb.queries[0].columns.size(), 2u);
  EXPECT_EQ(rb.queries[0].columns[1].name, "issuer");
  const check::FieldSlot& issuer = k.pack->fields[rb.queries[0].columns[1].slot];
  EXPECT_EQ(issuer.dotted, "userIdentity.sessionContext.sessionIssuer.arn");
  EXPECT_EQ(issuer.steps.size(), 4u);
  // A step under a dynamic field is one step even with ':' and '-' in it.
  const check::Pred& where = rb.queries[0].where;
  ASSERT_EQ(where.kind, check::PredKind::And);
  const check::FieldSlot& acl = k.pack->fields[where.children[1].left.slot];
  EXPECT_EQ(acl.steps,
            (std::vector<std::string>{"requestParameters", "s3:x-amz-acl", "deep", "er"}));
  EXPECT_EQ(acl.type, tb::schema::FieldType::Dynamic);
}

TEST(Checker, APathReadTwiceHasOneSlot) {
  Checked k(runbook("where eventName == \"a\" or eventName == \"b\" select eventName"));
  ASSERT_NE(k.pack, nullptr) << k.rendered();
  const check::Pred& w = k.pack->runbooks[0].queries[0].where;
  EXPECT_EQ(w.children[0].slot, w.children[1].slot);
  EXPECT_EQ(k.pack->runbooks[0].queries[0].columns[0].slot, w.children[0].slot);
  size_t named = 0;
  for (const auto& f : k.pack->fields) named += f.dotted == "eventName";
  EXPECT_EQ(named, 1u);
}

// ---- TB2001 unknown field ---------------------------------------------------------------------

TEST(Checker, UnknownFieldRenderedInFull) {
  Checked k(
      "runbook r {\n"
      "  title \"t\"\n"
      "  severity low\n"
      "  where eventName == \"AssumeRole\"\n"
      "  select eventTime, userIdentity.arm\n"
      "}\n");
  EXPECT_EQ(k.rendered(),
            "rb.tb:5:21: error: unknown field 'userIdentity.arm' [TB2001]\n"
            "    5 |   select eventTime, userIdentity.arm\n"
            "      |                     ^~~~~~~~~~~~~~~~\n"
            "rb.tb:5:21: note: did you mean 'userIdentity.arn'?\n");
  EXPECT_EQ(k.pack, nullptr);
}

TEST(Checker, UnknownFieldInWhereSuggestsAndOffersAFixIt) {
  Checked k("runbook r { title \"t\" severity low\n  where sourceIpAddress == \"1.2.3.4\" }\n");
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB2001");
  EXPECT_EQ(d.message, "unknown field 'sourceIpAddress'");
  EXPECT_EQ(k.where(d.span), "rb.tb:2:9");
  EXPECT_EQ(k.text(d.span), "sourceIpAddress");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message, "did you mean 'sourceIPAddress'?");  // a case-only change
  ASSERT_EQ(d.fixits.size(), 1u);
  EXPECT_EQ(d.fixits[0].replacement, "sourceIPAddress");
  EXPECT_EQ(k.text(d.fixits[0].span), "sourceIpAddress");
}

TEST(Checker, UnknownFieldFarFromAnyNameHasNoSuggestion) {
  Checked k(runbook("where zzzzzzzzzzzz == 1"));
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB2001");
  EXPECT_TRUE(d.notes.empty()) << k.rendered();
  EXPECT_TRUE(d.fixits.empty());
}

TEST(Checker, UnknownNestedFieldSpansTheWholePath) {
  Checked k(runbook("where userIdentity.sessionContext.sesionIssuer.arn == \"x\""));
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB2001");
  EXPECT_EQ(k.text(d.span), "userIdentity.sessionContext.sesionIssuer.arn");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message, "did you mean 'userIdentity.sessionContext.sessionIssuer.arn'?");
}

// ---- TB2002 a step through a field without sub-fields -----------------------------------------

TEST(Checker, StepThroughAScalarOrAnArray) {
  {
    Checked k(runbook("where eventName.x == \"y\""));
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB2002");
    EXPECT_EQ(d.message, "'eventName' is a string, so it has no field 'x'");
    EXPECT_EQ(k.text(d.span), "x");
  }
  {
    Checked k(runbook("where resources.ARN == \"arn:aws:s3:::b\""));
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB2002");
    EXPECT_EQ(d.message, "'resources' is an array, so it has no field 'ARN'");
    EXPECT_EQ(k.text(d.span), "ARN");
  }
  {
    Checked k(runbook("where userIdentity.type.name == \"Root\""));
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.message, "'userIdentity.type' is an enum, so it has no field 'name'");
  }
  {
    Checked k(runbook("where readOnly.`a.b` == true"));
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.message, "'readOnly' is a boolean, so it has no field 'a.b'");
    EXPECT_EQ(k.text(d.span), "`a.b`");
  }
}

TEST(Checker, AnyPathBelowADynamicFieldIsAccepted) {
  Checked k(
      runbook("where requestParameters.a.b.c == 1 and responseElements.`x:y` == \"z\" "
              "and additionalEventData.MFAUsed == \"Yes\" and requestParameters.select == true"));
  EXPECT_TRUE(k.diags().empty()) << k.rendered();
  EXPECT_NE(k.pack, nullptr);
}

// ---- metadata: TB2003, TB2004, TB2007, TB3003, TB3004 -----------------------------------------

TEST(Checker, UnknownMetadataKeyWithAndWithoutSuggestion) {
  {
    Checked k("runbook r { title \"t\" severity low descripton \"d\" where readOnly == true }");
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB2003");
    EXPECT_EQ(d.message, "unknown runbook metadata key 'descripton'");
    EXPECT_EQ(k.text(d.span), "descripton");
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.notes[0].message, "did you mean 'description'?");
  }
  {
    Checked k("runbook r { title \"t\" severity low colour \"red\" where readOnly == true }");
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB2003");
    EXPECT_TRUE(d.notes.empty()) << k.rendered();
  }
}

TEST(Checker, DuplicateMetadataKeyPointsAtTheSecond) {
  Checked k(
      "runbook r {\n  title \"a\"\n  severity low\n  title \"b\"\n  where readOnly == true\n}");
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB2004");
  EXPECT_EQ(d.message, "metadata key 'title' is given twice");
  EXPECT_EQ(k.where(d.span), "rb.tb:4:3");
  EXPECT_EQ(only_note(k, d), "rb.tb:2:3: first given here");
}

TEST(Checker, MissingMetadataIsReportedAtTheRunbookName) {
  Checked k("runbook   lonely { where readOnly == true }");
  ASSERT_EQ(k.diags().size(), 2u) << k.rendered();
  EXPECT_EQ(k.diags()[0].message, "runbook 'lonely' has no 'title'");
  EXPECT_EQ(k.diags()[1].message, "runbook 'lonely' has no 'severity'");
  for (const Diagnostic& d : k.diags()) {
    EXPECT_EQ(d.code(), "TB2007");
    EXPECT_EQ(k.text(d.span), "lonely");
    EXPECT_EQ(k.where(d.span), "rb.tb:1:11");
  }
}

TEST(Checker, BadSeveritySuggestsTheClosestOrListsThemAll) {
  {
    Checked k("runbook r { title \"t\" severity hgih where readOnly == true }");
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB3003");
    EXPECT_EQ(d.message, "unknown severity 'hgih'");
    EXPECT_EQ(k.text(d.span), "hgih");
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.notes[0].message, "did you mean 'high'?");
    ASSERT_EQ(d.fixits.size(), 1u);
    EXPECT_EQ(d.fixits[0].replacement, "high");
  }
  {
    Checked k("runbook r { title \"t\" severity Critical where readOnly == true }");
    const Diagnostic& d = only(k);
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.notes[0].message, "did you mean 'critical'?");
  }
  {
    Checked k("runbook r { title \"t\" severity urgent where readOnly == true }");
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB3003");
    ASSERT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.notes[0].message, "severity is one of info, low, medium, high, critical");
    EXPECT_TRUE(d.fixits.empty());
  }
}

TEST(Checker, MetadataValueOfTheWrongShape) {
  struct Case {
    std::string meta, message, span_text;
  };
  const Case cases[] = {
      {"title 5 severity low", "metadata 'title' expects a string", "5"},
      {"title low severity low", "metadata 'title' expects a string", "low"},
      {"title \"t\" severity \"high\"",
       "metadata 'severity' expects one of info, low, medium, high, critical", "\"high\""},
      {"title \"t\" severity low tags \"iam\"", "metadata 'tags' expects a list of strings",
       "\"iam\""},
      {"title \"t\" severity low tags [\"a\", 1]", "metadata 'tags' expects a list of strings",
       "[\"a\", 1]"},
      {"title [\"t\"] severity low", "metadata 'title' expects a string", "[\"t\"]"},
  };
  for (const Case& c : cases) {
    Checked k("runbook r { " + c.meta + " where readOnly == true }");
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB3004") << c.meta;
    EXPECT_EQ(d.message, c.message) << c.meta;
    EXPECT_EQ(k.text(d.span), c.span_text) << c.meta;
  }
}

// ---- TB3002 enum values -----------------------------------------------------------------------

TEST(Checker, EnumTypoSuggestsTheValueWithQuotesInTheFixIt) {
  Checked k(runbook("where userIdentity.type == \"IAMUsr\""));
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB3002");
  EXPECT_EQ(d.message, "'IAMUsr' is not a value of 'userIdentity.type'");
  EXPECT_EQ(k.text(d.span), "\"IAMUsr\"");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message, "did you mean 'IAMUser'?");
  ASSERT_EQ(d.fixits.size(), 1u);
  EXPECT_EQ(d.fixits[0].replacement, "\"IAMUser\"");
  EXPECT_EQ(k.text(d.fixits[0].span), "\"IAMUsr\"");
}

TEST(Checker, EnumValueFarFromAllListsThem) {
  Checked k(runbook("where insightDetails.state == \"Banana\""));
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB3002");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message, "'insightDetails.state' is one of Start, End");
  EXPECT_FALSE(d.notes[0].has_span);
}

TEST(Checker, EnumValuesAreCheckedInListsAndWithTheLiteralOnTheLeft) {
  Checked k(
      runbook("where userIdentity.type in [\"Root\", \"AssumedRol\", null] or \"IAMUser\" == "
              "userIdentity.type or \"Rote\" != userIdentity.type"));
  ASSERT_EQ(k.diags().size(), 2u) << k.rendered();
  EXPECT_EQ(k.diags()[0].message, "'AssumedRol' is not a value of 'userIdentity.type'");
  EXPECT_EQ(k.diags()[1].message, "'Rote' is not a value of 'userIdentity.type'");
  EXPECT_EQ(k.diags()[1].notes.at(0).message, "did you mean 'Role'?");
}

TEST(Checker, EnumIsCaseSensitive) {
  Checked k(runbook("where userIdentity.sessionContext.attributes.mfaAuthenticated == \"True\""));
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB3002");
  EXPECT_EQ(d.notes.at(0).message, "did you mean 'true'?");
}

// ---- TB3001 type mismatch ---------------------------------------------------------------------

TEST(Checker, TypeMismatchNamesTheFieldTypeAndTheLiteralType) {
  struct Case {
    std::string where, message, span_text;
  };
  const Case cases[] = {
      {"readOnly == \"true\"",
       "'readOnly' is a boolean; comparing it with a string can never be true", "\"true\""},
      {"readOnly != 1", "'readOnly' is a boolean; comparing it with a number can never be true",
       "1"},
      {"eventName == 5", "'eventName' is a string; comparing it with a number can never be true",
       "5"},
      {"eventName == -2.5", "'eventName' is a string; comparing it with a number can never be true",
       "-2.5"},
      {"eventTime == false",
       "'eventTime' is a timestamp; comparing it with a boolean can never be true", "false"},
      {"userIdentity == \"x\"",
       "'userIdentity' is an object; comparing it with a string can never be true", "\"x\""},
      {"resources == \"x\"",
       "'resources' is an array; comparing it with a string can never be true", "\"x\""},
      {"userIdentity.type == 1",
       "'userIdentity.type' is an enum; comparing it with a number can never be true", "1"},
      {"insightDetails.insightContext.statistics.insightDuration == \"5\"",
       "'insightDetails.insightContext.statistics.insightDuration' is a number; comparing it "
       "with a string can never be true",
       "\"5\""},
      {"readOnly in [true, \"false\"]",
       "'readOnly' is a boolean; comparing it with a string can never be true", "\"false\""},
      {"\"x\" == readOnly", "'readOnly' is a boolean; comparing it with a string can never be true",
       "\"x\""},
  };
  for (const Case& c : cases) {
    Checked k(runbook("where " + c.where));
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB3001") << c.where;
    EXPECT_EQ(d.message, c.message) << c.where;
    EXPECT_EQ(k.text(d.span), c.span_text) << c.where;
  }
}

TEST(Checker, NullComparesWithEveryFieldType) {
  Checked k(runbook(
      "where readOnly == null or eventName != null or userIdentity == null or resources != null "
      "or userIdentity.type in [null] or eventTime == null"));
  EXPECT_TRUE(k.diags().empty()) << k.rendered();
}

// ---- TB3005, TB3007 order comparisons --------------------------------------------------------

TEST(Checker, OrderComparisonOnAStringField) {
  Checked k(runbook("where eventName < 5"));
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB3005");
  EXPECT_EQ(d.message, "'eventName' is a string; '<' compares numbers only");
  EXPECT_EQ(k.text(d.span), "eventName");
}

TEST(Checker, OrderComparisonMessagesKeepTheOperatorAsWritten) {
  {
    Checked k(runbook("where 5 >= userIdentity.arn"));  // mirrored internally to <=
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB3005");
    EXPECT_EQ(d.message, "'userIdentity.arn' is a string; '>=' compares numbers only");
  }
  {
    Checked k(runbook("where eventTime > 5"));
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.message, "'eventTime' is a timestamp; '>' compares numbers only");
  }
}

TEST(Checker, OrderComparisonWithANonNumberLiteral) {
  struct Case {
    std::string where, message;
  };
  const Case cases[] = {
      {"requestParameters.x < \"a\"", "'<' compares numbers only, not a string"},
      {"requestParameters.x >= true", "'>=' compares numbers only, not a boolean"},
      {"requestParameters.x <= null", "'<=' compares numbers only, not a null"},
      {"eventName > \"a\"", "'>' compares numbers only, not a string"},
  };
  for (const Case& c : cases) {
    Checked k(runbook("where " + c.where));
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB3007") << c.where;
    EXPECT_EQ(d.message, c.message) << c.where;
  }
}

TEST(Checker, OrderComparisonsThatAreAllowed) {
  Checked k(
      runbook("where requestParameters.maxResults >= 100 and 1.5 < responseElements.n "
              "and insightDetails.insightContext.statistics.insightDuration > -1 "
              "and eventTime >= \"2023-07-10T12:00:00Z\" and \"2024\" > eventTime"));
  EXPECT_TRUE(k.diags().empty()) << k.rendered();
}

// ---- TB3006 a comparison needs a value of the record ------------------------------------------

TEST(Checker, ComparisonsWithoutAValueOfTheRecord) {
  for (const std::string where : {"\"a\" == \"a\"", "1 < 2"}) {
    Checked k(runbook("where " + where));
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB3006") << where;
    EXPECT_EQ(d.message, "a comparison needs a value of the record on at least one side");
    EXPECT_EQ(k.text(d.span), where);
  }
  // Two fields of one record compare with each other.
  Checked two(runbook("where userIdentity.accountId != recipientAccountId"));
  EXPECT_TRUE(two.diags().empty()) << two.rendered();
}

// ---- the literal on the left is mirrored ------------------------------------------------------

TEST(Checker, LiteralOnTheLeftIsNormalisedToFieldOpLiteral) {
  Checked k(runbook(
      "where \"x\" == eventName and 5 < requestParameters.n and 5 <= requestParameters.m and "
      "5 > requestParameters.o and 5 >= requestParameters.p and \"y\" != errorCode"));
  ASSERT_NE(k.pack, nullptr) << k.rendered();
  // A chain of `and` is one node with the leaves in order.
  std::vector<const check::Pred*> leaves;
  const check::Pred& where = k.pack->runbooks[0].queries[0].where;
  ASSERT_EQ(where.kind, check::PredKind::And);
  for (const check::Pred& leaf : where.children) leaves.push_back(&leaf);
  ASSERT_EQ(leaves.size(), 6u);
  const check::CmpOp expected[] = {check::CmpOp::Eq, check::CmpOp::Gt, check::CmpOp::Ge,
                                   check::CmpOp::Lt, check::CmpOp::Le, check::CmpOp::Ne};
  for (size_t i = 0; i < leaves.size(); ++i) {
    EXPECT_EQ(leaves[i]->kind, check::PredKind::Compare) << i;
    EXPECT_EQ(leaves[i]->op, expected[i]) << i;
  }
  EXPECT_EQ(k.pack->fields[leaves[0]->left.slot].dotted, "eventName");
  EXPECT_EQ(leaves[0]->right.constant.kind, check::Constant::Kind::String);
  EXPECT_EQ(leaves[0]->right.constant.string_value, "x");
  EXPECT_EQ(k.pack->fields[leaves[1]->left.slot].dotted, "requestParameters.n");
  EXPECT_EQ(leaves[1]->right.constant.kind, check::Constant::Kind::Int);
  EXPECT_EQ(leaves[1]->right.constant.int_value, 5);
  EXPECT_EQ(leaves[5]->right.constant.string_value, "y");
}

// ---- names defined twice: TB2005, TB2006, TB2009, TB2010 --------------------------------------

TEST(Checker, DuplicateRunbookAcrossTwoFilesHasANoteAtTheFirst) {
  Checked k({{"a.tb", "runbook dup { title \"a\" severity low where readOnly == true }\n"},
             {"b.tb",
              "# the same name again\n"
              "runbook dup { title \"b\" severity low where readOnly == false }\n"}});
  EXPECT_EQ(k.rendered(),
            "b.tb:2:9: error: runbook 'dup' is defined twice [TB2005]\n"
            "    2 | runbook dup { title \"b\" severity low where readOnly == false }\n"
            "      |         ^~~\n"
            "a.tb:1:9: note: first defined here\n");
  EXPECT_EQ(k.pack, nullptr);
}

TEST(Checker, DuplicateRunbookIsNotCheckedTwice) {
  // The second definition is skipped, so its own mistakes are not reported on top.
  Checked k(
      "runbook d { title \"a\" severity low where readOnly == true }\n"
      "runbook d { title \"b\" severity low where nosuchfield == 1 }\n");
  EXPECT_EQ(k.codes(), std::vector<std::string>{"TB2005"}) << k.rendered();
}

TEST(Checker, DuplicateQueryName) {
  Checked k(
      "runbook r { title \"t\" severity low\n"
      "  query q { where readOnly == true }\n"
      "  query q { where readOnly == false }\n"
      "}\n");
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB2006");
  EXPECT_EQ(d.message, "query 'q' is defined twice in runbook 'r'");
  EXPECT_EQ(k.where(d.span), "rb.tb:3:9");
  EXPECT_EQ(k.text(d.span), "q");
  EXPECT_EQ(only_note(k, d), "rb.tb:2:9: first defined here");
}

TEST(Checker, AQueryNamedMainClashesWithTheMainQuery) {
  Checked k(runbook("where readOnly == true query main { where readOnly == false }"));
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB2006");
  EXPECT_EQ(d.message, "query 'main' is defined twice in runbook 'r'");
  // The main query has no name to point at: the note points at its where clause.
  EXPECT_EQ(only_note(k, d),
            "rb.tb:1:42: the clauses written directly in the runbook form its main query");
}

TEST(Checker, DuplicateTestHasANoteAtTheFirst) {
  Checked k(
      runbook("where readOnly\n  test \"t\" { expect match }\n  test \"u\" { expect match }\n"
              "  test \"t\" { expect no match }"));
  EXPECT_EQ(k.codes(), std::vector<std::string>{"TB2023"}) << k.rendered();
  EXPECT_EQ(k.where(only(k).span) + " ~ " + only_note(k, only(k)),
            "rb.tb:4:8 ~ rb.tb:2:8: first defined here");
}

TEST(Checker, DuplicateIdHasANoteAtItsFirstUse) {
  Checked k(
      {{"a.tb", "runbook a { title \"t\" severity low id \"x-y\" where readOnly }\n"},
       {"b.tb", "runbook b {\n  title \"t\" severity low\n  id \"x-y\" where readOnly\n}\n"}});
  EXPECT_EQ(k.rendered(),
            "b.tb:3:6: error: runbook id 'x-y' is already used by runbook 'a' [TB2020]\n"
            "    3 |   id \"x-y\" where readOnly\n"
            "      |      ^~~~~\n"
            "a.tb:1:39: note: first used here\n");
}

TEST(Checker, SameQueryNameInDifferentRunbooksIsFine) {
  Checked k(
      "runbook a { title \"t\" severity low query q { where readOnly == true } }\n"
      "runbook b { title \"t\" severity low query q { where readOnly == true } }\n");
  EXPECT_TRUE(k.diags().empty()) << k.rendered();
  ASSERT_NE(k.pack, nullptr);
  EXPECT_EQ(k.pack->query_count, 2u);
  EXPECT_EQ(k.pack->runbooks[1].queries[0].index, 1u);
}

TEST(Checker, DuplicateSelectColumn) {
  Checked k(runbook("where readOnly == true select eventName, eventSource as eventName"));
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB2010");
  EXPECT_EQ(d.message, "column 'eventName' is selected twice");
  EXPECT_EQ(k.text(d.span), "eventName");
  EXPECT_EQ(d.span.begin, k.c.sources().file(0).text().rfind("eventName"));
}

TEST(Checker, QueryWithoutWhere) {
  {
    Checked k(runbook("select eventName"));
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB2008");
    EXPECT_EQ(d.message, "query 'main' has no 'where' clause");
  }
  {
    Checked k(runbook("where readOnly == true query   noisy { select eventName }"));
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB2008");
    EXPECT_EQ(d.message, "query 'noisy' has no 'where' clause");
    EXPECT_EQ(k.text(d.span), "noisy");
  }
}

// ---- TB2017, TB2021 files that cannot be read say why ------------------------------------------

TEST(Checker, AnImportThatCannotBeReadGivesTheSystemsReason) {
  {
    Checked k("import \"no/such/file.tb\"\n" + runbook("where readOnly"));
    const Diagnostic& d = only(k);
    EXPECT_EQ(d.code(), "TB2017");
    EXPECT_EQ(d.message, "cannot import 'no/such/file.tb': no such file or directory");
  }
  {
    // Relative to the importing file: where it looked is said, since it is not what is written.
    Checked k({{"rules/rb.tb", "import \"lib/nets.tb\"\n" + runbook("where readOnly")}});
    EXPECT_EQ(only(k).message,
              "cannot import 'lib/nets.tb': no such file or directory (looked for "
              "rules/lib/nets.tb)");
  }
  {
    Checked k("import \"/\"\n" + runbook("where readOnly"));
    EXPECT_EQ(only(k).message, "cannot import '/': is a directory");
  }
}

TEST(Checker, AListFileThatCannotBeReadGivesTheSystemsReason) {
  Checked k("list a = file(\"no-such-list.txt\")\n" + runbook("where eventName in a"));
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB2021");
  EXPECT_EQ(d.message, "cannot read list file 'no-such-list.txt': no such file or directory");
  EXPECT_EQ(k.text(d.span), "\"no-such-list.txt\"");
}

// ---- checking goes on after an error ----------------------------------------------------------

TEST(Checker, EveryMistakeOfARunbookIsReported) {
  Checked k(
      "runbook r {\n"
      "  titel \"t\"\n"
      "  severity hgh\n"
      "  where eventNme == \"x\" and readOnly == \"yes\" and userIdentity.type == \"Rooot\"\n"
      "  select eventTime, sourceIPAdress\n"
      "}\n");
  EXPECT_EQ(k.codes(), (std::vector<std::string>{"TB2003", "TB3003", "TB2007", "TB2001", "TB3001",
                                                 "TB3002", "TB2001"}))
      << k.rendered();
  EXPECT_EQ(k.c.diagnostics().error_count(), 7u);
}

// Every diagnostic in diagnostics.def is reachable from some source text. A new diagnostic
// without a case here fails this test.
TEST(Checker, EveryDiagnosticCodeIsReachable) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"TB1001", "runbook r { title \"t\" severity low where }"},
      {"TB1002", "runbook r { title \"t\" severity low where a == 1 ; }"},
      {"TB1003", runbook("where requestParameters.n == 9223372036854775808")},
      {"TB1004", runbook("where eventName == \"\\x41\"")},
      {"TB2001", runbook("where nosuch == 1")},
      {"TB2002", runbook("where eventName.x == 1")},
      {"TB2003", "runbook r { title \"t\" severity low sevrity low where readOnly == true }"},
      {"TB2004", "runbook r { title \"t\" severity low severity low where readOnly == true }"},
      {"TB2005", runbook("where readOnly == true") + runbook("where readOnly == true")},
      {"TB2006", runbook("query a { where readOnly == true } query a { where readOnly == true }")},
      {"TB2007", "runbook r { title \"t\" where readOnly == true }"},
      {"TB2008", runbook("select eventName")},
      {"TB2009", runbook("where readOnly == true where readOnly == false")},
      {"TB2010", runbook("where readOnly == true select eventName, eventName")},
      {"TB3001", runbook("where readOnly == 1")},
      {"TB3002", runbook("where eventType == \"AwsApiCal\"")},
      {"TB3003", "runbook r { title \"t\" severity severe where readOnly == true }"},
      {"TB3004", "runbook r { title 1 severity low where readOnly == true }"},
      {"TB3005", runbook("where eventSource > 1")},
      {"TB3006", runbook("where \"a\" == \"b\"")},
      {"TB3007", runbook("where requestParameters.n > \"1\"")},
      {"TB1005", runbook("where " + std::string(250, '(') + "readOnly" + std::string(250, ')'))},
      {"TB1006", "runbook r { title \"\xff\" severity low where readOnly }"},
      {"TB2011", runbook("where readOnly test \"t\" { param nope = 1 }")},
      {"TB2012", "list a = [\"x\"]\nlist a = [\"y\"]\n" + runbook("where eventName in a")},
      {"TB2013", "list eventName = [\"x\"]\n" + runbook("where readOnly")},
      {"TB2014", runbook("where lowr(eventName) == \"x\"")},
      {"TB2015", "predicate p = q\npredicate q = p\n" + runbook("where p")},
      {"TB2017", "import \"no/such/file.tb\"\n" + runbook("where readOnly")},
      {"TB2018", "import \"rb.tb\"\n" + runbook("where readOnly")},
      {"TB2019", runbook("where readOnly test \"t\" { expect nope match }")},
      {"TB2020",
       "runbook a { title \"t\" severity low id \"x\" where readOnly }\n"
       "runbook b { title \"t\" severity low id \"x\" where readOnly }"},
      {"TB2021", "list a = file(\"no-such-list.txt\")\n" + runbook("where eventName in a")},
      {"TB2022", runbook("where readOnly test \"t\" { when 2026-01-01T00:00:00Z }")},
      {"TB2023", runbook("where readOnly test \"t\" { expect match } test \"t\" { expect match }")},
      {"TB3008", runbook("where lower() == \"x\"")},
      {"TB3009", runbook("where eventName")},
      {"TB3010", "predicate p = readOnly\n" + runbook("where eventName == p")},
      {"TB3011", runbook("where eventName in [eventSource]")},
      {"TB3012", runbook("where eventTime > 2026-02-30T00:00:00Z")},
      {"TB3013", runbook("where eventTime > now() - 1h1h")},
      {"TB3014", runbook("where eventName matches \"(\"")},
      {"TB3015", runbook("where sourceIPAddress in cidr(\"10.1.2.3/8\")")},
      {"TB3016", "param w: duration = \"x\"\n" + runbook("where eventTime > now() - w")},
      {"TB3017", "param w: durration = 1h\n" + runbook("where eventTime > now() - w")},
      {"TB3018", runbook("where readOnly contains \"x\"")},
      {"TB3019", runbook("where exists lower(eventName)")},
      {"TB3020", runbook("where any(eventName, e => e == \"x\")")},
      {"TB3021", runbook("where any(resources, r => any(resources, s => s.type == \"x\"))")},
      {"TB3022", runbook("where count() > 1")},
      {"TB3023", runbook("where readOnly select eventName, count() group by eventSource")},
      {"TB3024", runbook("where readOnly select count() as n group by eventSource having m > 1")},
      {"TB3026", runbook("where eventTime > now() + now()")},
      {"TB3027", runbook("where eventName in \"x\"")},
      {"TB3028", "param w: duration\n" + runbook("where eventTime > now() - w")},
      {"TB3029", runbook("where readOnly having count() > 1")},
      {"TB3030", runbook("where eventName == \"UpdateRolePolicy\"")},
      {"TB3031", runbook("where eventSource == \"sign-in.amazonaws.com\"")},
      {"TB3032",
       runbook("where eventSource == \"iam.amazonaws.com\" and eventName == \"ConsoleLogin\"")},
      {"TB3033",
       runbook("where eventName == \"AttachRolePolicy\" and requestParameters.rolName == \"x\"")},
      {"TB3034", runbook("where eventName in [\"AttachRolePolicy\", \"DeleteRole\"] and "
                         "requestParameters.policyArn == \"x\"")},
      {"TB3035", runbook("where eventSource == \"iam.amazonaws.com\" and eventName == "
                         "\"CreateUser\" and responseElements.user.userNme == \"x\"")},
      {"TB4008", runbook("where requestParameters.roleName == \"x\"")},
      {"TB4001", "param w: duration = 1h\n" + runbook("where readOnly")},
      {"TB4002", "list a = [\"x\"]\n" + runbook("where readOnly")},
      {"TB4003", runbook("where errorCode == \"A\" and errorCode == \"B\"")},
      {"TB4004", runbook("where errorCode == \"A\" or not (errorCode == \"A\")")},
      {"TB4005", runbook("where errorCode != \"A\" or errorCode != \"B\"")},
      {"TB4006", runbook("where errorCode == \"A\" and errorCode is not null")},
      {"TB4007", runbook("where readOnly select count() as n having n < 1 and n > 2")},
  };
  std::set<std::string> reached;
  for (const auto& [code, source] : cases) {
    Checked k(source);
    const std::vector<std::string> codes = k.all_codes();
    EXPECT_NE(std::find(codes.begin(), codes.end(), code), codes.end())
        << code << " from " << source << ":\n"
        << k.rendered();
    const auto& table = tb::all_diagnostics();
    const auto info = std::find_if(table.begin(), table.end(),
                                   [&](const tb::DiagInfo& d) { return d.code == code; });
    if (info != table.end() && info->severity == tb::Severity::Error) {
      EXPECT_EQ(k.pack, nullptr) << code;  // an error stops the compilation
    }
    reached.insert(code);
  }
  for (const tb::DiagInfo& info : tb::all_diagnostics()) {
    EXPECT_TRUE(reached.count(std::string(info.code))) << "no test case for " << info.code;
  }
}

// Stack depth: generated runbooks can hold long chains of conditions. Each case parses and
// checks in a child process, so that a stack overflow fails the test instead of the binary.
// Checking or reporting a diagnostic are both fine; crashing is not. (The JIT's code generator
// is superlinear in the size of one kernel, so the chain that is compiled below is shorter.)
TEST(CheckerDeathTest, LongConditionChainsDoNotCrash) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  std::string ands, nots;
  for (int i = 0; i < 20000; ++i) {
    ands += (i ? " and " : "") + fmt::format("requestParameters.n != {}", i);
    nots += "not ";
  }
  for (const std::string& where : {ands, nots + "readOnly == true"}) {
    EXPECT_EXIT(
        {
          Compilation c;
          c.add_source("deep.tb", runbook("where " + where));
          c.check();
          std::exit(0);
        },
        ::testing::ExitedWithCode(0), "")
        << where.substr(0, 40);
  }
}

TEST(CheckerDeathTest, AThousandConditionsCompileToAKernel) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  std::string ands;
  for (int i = 0; i < 1000; ++i)
    ands += (i ? " and " : "") + fmt::format("requestParameters.n != {}", i);
  EXPECT_EXIT(
      {
        Compilation c;
        c.add_source("long.tb", runbook("where " + ands));
        std::string error;
        std::exit(c.compile({}, error) != nullptr ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

// ---- TB3030-TB3032 event names and sources (stdlib/catalog) -----------------------------------

// ---- requestParameters and responseElements against the events' members: TB3033-TB3035,
// TB4008 --------------------------------------------------------------------------------------

TEST(Checker, AMisspeltRequestMemberUnderAnEventNameIsAnErrorWithTheRightSpelling) {
  Checked k(
      runbook("where eventName == \"AttachRolePolicy\" and requestParameters.rolName == \"x\""));
  ASSERT_EQ(k.codes(), std::vector<std::string>{"TB3033"}) << k.rendered();
  const Diagnostic& d = k.diags()[0];
  EXPECT_EQ(d.message, "'rolName' is not a request parameter of AttachRolePolicy");
  EXPECT_EQ(k.text(d.span), "rolName");
  ASSERT_EQ(d.fixits.size(), 1u);
  EXPECT_EQ(d.fixits[0].replacement, "roleName");
  // The first letter may be in either case: newer services log PascalCase members.
  EXPECT_TRUE(Checked(runbook("where eventName == \"AttachRolePolicy\" and "
                              "requestParameters.RoleName == \"x\""))
                  .diags()
                  .empty());
}

TEST(Checker, TheEventsAPathIsCheckedAgainstFollowTheConditionsAroundIt) {
  // Each side of the `or` has its own events; policyArn is AttachRolePolicy's, not CreateUser's.
  Checked k(runbook(
      "where (eventName == \"AttachRolePolicy\" and requestParameters.policyArn == \"x\") or "
      "(eventName == \"CreateUser\" and requestParameters.policyArn == \"x\")"));
  ASSERT_EQ(k.codes(), std::vector<std::string>{"TB3033"}) << k.rendered();
  EXPECT_EQ(k.diags()[0].span.begin,
            k.c.sources().file(k.diags()[0].span.file).text().rfind("policyArn"));
  // A predicate that limits eventName limits it for the whole `and`, in either order.
  EXPECT_EQ(Checked("predicate role_policy = eventName in [\"AttachRolePolicy\", "
                    "\"DetachRolePolicy\"]\n" +
                    runbook("where requestParameters.rolName == \"x\" and role_policy"))
                .codes(),
            std::vector<std::string>{"TB3033"});
  // startswith on eventName limits it to the catalog's names with that prefix.
  EXPECT_EQ(Checked(runbook("where eventName startswith \"AttachRolePol\" and "
                            "requestParameters.rolName == \"x\""))
                .codes(),
            std::vector<std::string>{"TB3033"});
  // Columns are checked against the events of the where clause.
  Checked column(
      runbook("where eventName == \"AttachRolePolicy\" select requestParameters.rolName"));
  EXPECT_EQ(column.codes(), std::vector<std::string>{"TB3033"}) << column.rendered();
}

TEST(Checker, MembersOfPartOfTheEventsAreANoteAndUncheckedPathsAWarning) {
  Checked partial(
      runbook("where eventName in [\"AttachRolePolicy\", \"DeleteRole\"] and "
              "requestParameters.policyArn == \"x\""));
  ASSERT_EQ(partial.codes(), std::vector<std::string>{"TB3034"});
  EXPECT_NE(partial.pack, nullptr);
  EXPECT_EQ(partial.diags()[0].message, "'policyArn' is a member of 1 of the 2 events here");
  Checked loose(
      runbook("where eventSource == \"iam.amazonaws.com\" and "
              "requestParameters.roleName == \"x\""));
  EXPECT_EQ(loose.all_codes(), std::vector<std::string>{"TB4008"});
  EXPECT_NE(loose.pack, nullptr);
  // An event without a shape (not an SDK operation) or an untyped service is not checked.
  EXPECT_TRUE(Checked(runbook("where eventName == \"ConsoleLogin\" and "
                              "additionalEventData.MFAUsed == \"Yes\" and "
                              "requestParameters.anything == 1"))
                  .diags()
                  .empty());
  EXPECT_TRUE(Checked(runbook("where eventSource == \"ec2.amazonaws.com\" and eventName == "
                              "\"RunInstances\" and requestParameters.instancesSet.items == 1"))
                  .diags()
                  .empty());
}

TEST(Checker, ResponseMembersAreCheckedAgainstOutputShapes) {
  Checked k(
      runbook("where eventSource == \"iam.amazonaws.com\" and eventName == \"CreateUser\" "
              "and responseElements.user.userNme == \"x\""));
  ASSERT_EQ(k.codes(), std::vector<std::string>{"TB3035"}) << k.rendered();
  EXPECT_EQ(k.diags()[0].message, "'userNme' is not in the response of CreateUser");
  EXPECT_EQ(k.diags()[0].fixits.at(0).replacement, "userName");
}

TEST(Checker, UnknownEventNameSuggestsKnownOnes) {
  Checked k(runbook("where eventName == \"UpdateRolePolicy\""));
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB3030");
  EXPECT_EQ(d.message, "'UpdateRolePolicy' is not an event that CloudTrail records");
  EXPECT_EQ(k.text(d.span), "\"UpdateRolePolicy\"");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message, "did you mean 'PutRolePolicy' or 'UpdateAssumeRolePolicy'?");
  ASSERT_EQ(d.fixits.size(), 1u);
  EXPECT_EQ(d.fixits[0].replacement, "\"PutRolePolicy\"");
}

TEST(Checker, UnknownEventNameInListsAndNegations) {
  Checked in(runbook("where eventName in [\"PutRolePolicy\", \"ConsoleLogon\"]"));
  const Diagnostic& d = only(in);
  EXPECT_EQ(d.code(), "TB3030");
  EXPECT_EQ(in.text(d.span), "\"ConsoleLogon\"");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message, "did you mean 'ConsoleLogin'?");
  EXPECT_EQ(only(Checked(runbook("where eventName != \"DeleteTrai\""))).code(), "TB3030");
}

TEST(Checker, EventNamePlaceholdersAndKnownNamesPass) {
  for (const char* where : {"eventName == \"x\"", "eventName in [\"E1\", \"A\", \"a b\"]",
                            "eventName == \"ConsoleLogin\"", "eventName != \"GetCallerIdentity\"",
                            "eventSource == \"example.org\"", "lower(eventName) == \"xyzzy\""}) {
    Checked k(runbook(std::string("where ") + where));
    EXPECT_TRUE(k.diags().empty()) << where << "\n" << k.rendered();
  }
}

TEST(Checker, UnknownEventSourceSuggestsKnownOnes) {
  Checked k(runbook("where eventSource == \"sign-in.amazonaws.com\""));
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB3031");
  EXPECT_EQ(d.message, "'sign-in.amazonaws.com' is not an event source that CloudTrail records");
  ASSERT_EQ(d.fixits.size(), 1u);
  EXPECT_EQ(d.fixits[0].replacement, "\"signin.amazonaws.com\"");
}

TEST(Checker, EventOfAnotherSourceCanNeverMatch) {
  Checked k(
      runbook("where eventSource == \"iam.amazonaws.com\"\n"
              "  and (readOnly == false and eventName in [\"PutRolePolicy\", \"ConsoleLogin\"])"));
  const Diagnostic& d = only(k);
  EXPECT_EQ(d.code(), "TB3032");
  EXPECT_EQ(d.message,
            "'ConsoleLogin' is not an event of iam.amazonaws.com, so this condition can never be "
            "true");
  EXPECT_EQ(k.text(d.span), "eventName in [\"PutRolePolicy\", \"ConsoleLogin\"]");
  ASSERT_GE(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message, "'ConsoleLogin' is recorded by signin.amazonaws.com");
}

TEST(Checker, EventSourceAndNameThatAgreePass) {
  for (const char* where :
       {"eventSource == \"iam.amazonaws.com\" and eventName == \"PutRolePolicy\"",
        "eventSource in [\"iam.amazonaws.com\", \"signin.amazonaws.com\"] and eventName in "
        "[\"PutRolePolicy\", \"ConsoleLogin\"]",
        "eventSource == \"iam.amazonaws.com\" or eventName == \"ConsoleLogin\"",
        "eventSource != \"iam.amazonaws.com\" and eventName == \"ConsoleLogin\"",
        "eventSource == \"example.org\" and eventName == \"ConsoleLogin\""}) {
    Checked k(runbook(std::string("where ") + where));
    EXPECT_TRUE(k.diags().empty()) << where << "\n" << k.rendered();
  }
}

}  // namespace
