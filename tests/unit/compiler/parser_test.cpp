// The syntax stage: .tb text to the AST, with spans, and syntax errors as diagnostics.
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "compiler/syntax/parser.h"

namespace {

using namespace tb;

struct Parsed {
  SourceManager sources;
  DiagnosticSink sink;
  ast::Module module;
};

std::unique_ptr<Parsed> parse(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  const FileId id = p->sources.add("t.tb", text);
  p->module = syntax::parse_module(p->sources, id, p->sink);
  return p;
}

// A compact printout of an expression tree, to assert structure and precedence.
std::string show(const ast::Expr& e) {
  auto joined = [&](const char* name) {
    std::string out = std::string(name) + "(";
    for (size_t i = 0; i < e.children.size(); ++i) {
      out += (i > 0 ? ", " : "") + show(*e.children[i]);
    }
    return out + ")";
  };
  switch (e.kind) {
    case ast::ExprKind::Literal:
      switch (e.literal.kind) {
        case ast::Literal::Kind::String:
          return "\"" + e.literal.string_value + "\"";
        case ast::Literal::Kind::Int:
          return std::to_string(e.literal.int_value);
        case ast::Literal::Kind::Float:
          return std::to_string(e.literal.float_value);
        case ast::Literal::Kind::Bool:
          return std::string(e.literal.bool_value ? "true" : "false");
        case ast::Literal::Kind::Null:
          return std::string("null");
        case ast::Literal::Kind::Timestamp:
        case ast::Literal::Kind::Duration:
          return e.literal.string_value;
      }
      return "?";
    case ast::ExprKind::Path:
      return e.path.dotted();
    case ast::ExprKind::List:
      return joined("list");
    case ast::ExprKind::Call:
      return joined(e.name.c_str());
    case ast::ExprKind::Lambda:
      return e.name + "=>" + show(*e.children[0]);
    case ast::ExprKind::Arith:
      return show(*e.children[0]) + (e.minus ? "-" : "+") + show(*e.children[1]);
    case ast::ExprKind::And:
      return joined("and");
    case ast::ExprKind::Or:
      return joined("or");
    case ast::ExprKind::Not:
      return joined("not");
    case ast::ExprKind::Compare:
      return show(*e.children[0]) + std::string(ast::compare_op_text(e.compare)) +
             show(*e.children[1]);
    case ast::ExprKind::In:
      return show(*e.children[0]) + (e.negated ? " not in " : " in ") +
             std::to_string(e.children[1]->children.size());
    case ast::ExprKind::StringTest:
      return show(*e.children[0]) + (e.negated ? " not " : " ") +
             std::string(ast::string_test_text(e.test)) + " " + show(*e.children[1]);
    case ast::ExprKind::IsNull:
      return show(*e.children[0]) + (e.negated ? " is not null" : " is null");
    case ast::ExprKind::IsMissing:
      return show(*e.children[0]) + (e.negated ? " is not missing" : " is missing");
    case ast::ExprKind::Exists:
      return "exists " + show(*e.children[0]);
  }
  return "?";
}

std::string where_of(const std::string& predicate) {
  auto p = parse("runbook r { title \"t\" severity low where " + predicate + " }");
  EXPECT_FALSE(p->sink.has_errors()) << predicate;
  if (p->module.runbooks.empty() || p->module.runbooks[0].queries.empty() ||
      !p->module.runbooks[0].queries[0].where) {
    return "<none>";
  }
  return show(*p->module.runbooks[0].queries[0].where);
}

TEST(Parser, RunbookMetadataAndQueries) {
  auto p = parse(R"(
runbook iam {
  title "IAM"
  severity medium
  tags ["iam", "T1098"]
  where eventSource == "iam.amazonaws.com"
  select eventTime, userIdentity.arn as actor
  query by_ip {
    where eventName == "X"
    select sourceIPAddress
  }
}
runbook second { title "2" severity low where readOnly == false }
)");
  ASSERT_FALSE(p->sink.has_errors());
  ASSERT_EQ(p->module.runbooks.size(), 2u);
  const ast::Runbook& rb = p->module.runbooks[0];
  EXPECT_EQ(rb.name, "iam");
  ASSERT_EQ(rb.meta.size(), 3u);
  EXPECT_EQ(rb.meta[0].key, "title");
  EXPECT_EQ(rb.meta[0].value.string_value, "IAM");
  EXPECT_TRUE(rb.meta[1].value_is_name);
  EXPECT_EQ(rb.meta[1].value.string_value, "medium");
  EXPECT_TRUE(rb.meta[2].value_is_list);
  EXPECT_EQ(rb.meta[2].list.size(), 2u);
  ASSERT_EQ(rb.queries.size(), 2u);
  EXPECT_EQ(rb.queries[0].name, "");  // the main query comes first
  ASSERT_EQ(rb.queries[0].select.size(), 2u);
  EXPECT_EQ(rb.queries[0].select[1].alias, "actor");
  EXPECT_EQ(rb.queries[0].select[0].alias, "");
  EXPECT_EQ(rb.queries[1].name, "by_ip");
  EXPECT_EQ(rb.queries[1].select[0].expr->path.dotted(), "sourceIPAddress");
}

TEST(Parser, PrecedenceIsCompareThenNotThenAndThenOr) {
  EXPECT_EQ(where_of(R"(not a == "x" and b == "y" or c == "z")"),
            R"(or(and(not(a=="x"), b=="y"), c=="z"))");
  EXPECT_EQ(where_of(R"(a == "x" or b == "y" and c == "z")"), R"(or(a=="x", and(b=="y", c=="z")))");
  EXPECT_EQ(where_of(R"(not (a == "x" or b == "y"))"), R"(not(or(a=="x", b=="y")))");
}

TEST(Parser, MembershipAndLiterals) {
  EXPECT_EQ(where_of(R"(eventName in ["A", "B", "C",])"), "eventName in 3");
  EXPECT_EQ(where_of(R"(eventName not in [])"), "eventName not in 0");
  EXPECT_EQ(where_of("requestParameters.fromPort == -1"), "requestParameters.fromPort==-1");
  EXPECT_EQ(where_of("requestParameters.x >= 1.5e3"), "requestParameters.x>=1500.000000");
  EXPECT_EQ(where_of("requestParameters.x != null"), "requestParameters.x!=null");
  EXPECT_EQ(where_of(R"("Root" == userIdentity.type)"), R"("Root"==userIdentity.type)");
}

TEST(Parser, PathStepsMayBeQuotedOrKeywords) {
  EXPECT_EQ(where_of("requestParameters.`s3:x-amz-acl` == \"public-read\""),
            "requestParameters.s3:x-amz-acl==\"public-read\"");
  EXPECT_EQ(where_of("requestParameters.select == true"), "requestParameters.select==true");
}

TEST(Parser, StringEscapesAreDecoded) {
  EXPECT_EQ(where_of(R"(a == "q\"\\\n\u0041\u00e9\ud83d\ude00")"),
            "a==\"q\"\\\nA\xc3\xa9\xf0\x9f\x98\x80\"");
}

TEST(Parser, SpansAreByteOffsets) {
  auto p = parse("runbook r { title \"t\" severity low where userIdentity.arn == \"x\" }");
  const ast::Expr& e = *p->module.runbooks[0].queries[0].where;
  EXPECT_EQ(e.children[0]->path.span.begin, 41u);
  EXPECT_EQ(e.children[0]->path.span.end, 57u);
  EXPECT_EQ(p->sources.file(0).slice(e.children[0]->path.span), "userIdentity.arn");
}

TEST(Parser, SyntaxErrorsAreDiagnosticsNotExceptions) {
  auto p = parse("runbook { title \"t\" where and }\nrunbook ok { title \"x\" }");
  EXPECT_TRUE(p->sink.has_errors());
  for (const Diagnostic& d : p->sink.diagnostics()) EXPECT_EQ(d.code(), "TB1001");
  for (const char* bad : {"\\q", "\\u12", "\\ud83d"}) {  // unknown, short, lone surrogate
    auto q = parse(std::string("runbook r { title \"x") + bad + "y\" severity low where a == 1 }");
    ASSERT_EQ(q->sink.diagnostics().size(), 1u) << bad;
    EXPECT_EQ(q->sink.diagnostics()[0].code(), "TB1004") << bad;
  }
  auto big = parse("runbook r { title \"t\" severity low where a == 99999999999999999999 }");
  ASSERT_EQ(big->sink.diagnostics().size(), 1u);
  EXPECT_EQ(big->sink.diagnostics()[0].code(), "TB1003");
}

TEST(Parser, GarbageNeverThrows) {
  const std::string inputs[] = {"",
                                "}",
                                "{{{{",
                                "runbook",
                                "runbook r {",
                                "\"unterminated",
                                "runbook r { where ((((((a == 1 }",
                                std::string(1, '\0'),
                                "\xff\xfe",
                                "runbook r { select a. }"};
  for (const std::string& text : inputs) {
    EXPECT_NO_THROW(parse(text)) << text;
  }
}

// ---- more coverage: metadata shapes, query layout, paths, literals, spans, error locations ----

// "line:col" of the first diagnostic, and its code. The column counts bytes: it says where the
// span starts, not the code-point column a user is shown.
std::string first_error(const Parsed& p) {
  if (p.sink.diagnostics().empty()) return "<none>";
  const Diagnostic& d = p.sink.diagnostics()[0];
  const LineCol lc = p.sources.file(0).location(d.span.begin);
  return std::string(d.code()) + " at " + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

const ast::Expr& where_expr(const Parsed& p) {
  static const ast::Expr none;
  if (p.module.runbooks.empty() || p.module.runbooks[0].queries.empty() ||
      !p.module.runbooks[0].queries[0].where) {
    ADD_FAILURE() << "no where clause";
    return none;
  }
  return *p.module.runbooks[0].queries[0].where;
}

TEST(Parser, MetadataValuesOfEveryShape) {
  auto p = parse(
      "runbook r { title \"T\\u00e9\" severity high priority 3 ratio -0.5 enabled false "
      "tags [] refs [\"a\", 2, true] where readOnly == true }");
  ASSERT_FALSE(p->sink.has_errors());
  const auto& meta = p->module.runbooks.at(0).meta;
  ASSERT_EQ(meta.size(), 7u);
  EXPECT_EQ(meta[0].value.kind, ast::Literal::Kind::String);
  EXPECT_EQ(meta[0].value.string_value, "T\xc3\xa9");
  EXPECT_FALSE(meta[0].value_is_name);
  EXPECT_TRUE(meta[1].value_is_name);
  EXPECT_EQ(meta[1].value.string_value, "high");
  EXPECT_EQ(p->sources.file(0).slice(meta[1].value_span), "high");
  EXPECT_EQ(p->sources.file(0).slice(meta[1].key_span), "severity");
  EXPECT_EQ(meta[2].key, "priority");
  EXPECT_EQ(meta[2].value.kind, ast::Literal::Kind::Int);
  EXPECT_EQ(meta[2].value.int_value, 3);
  EXPECT_EQ(meta[3].value.kind, ast::Literal::Kind::Float);
  EXPECT_EQ(meta[3].value.float_value, -0.5);
  EXPECT_EQ(meta[4].value.kind, ast::Literal::Kind::Bool);
  EXPECT_FALSE(meta[4].value.bool_value);
  EXPECT_TRUE(meta[5].value_is_list);
  EXPECT_TRUE(meta[5].list.empty());
  ASSERT_EQ(meta[6].list.size(), 3u);
  EXPECT_EQ(meta[6].list[0].kind, ast::Literal::Kind::String);
  EXPECT_EQ(meta[6].list[1].kind, ast::Literal::Kind::Int);
  EXPECT_EQ(meta[6].list[2].kind, ast::Literal::Kind::Bool);
  EXPECT_EQ(p->sources.file(0).slice(meta[6].value_span), "[\"a\", 2, true]");
}

TEST(Parser, MainQueryGathersBodyClausesAndComesFirst) {
  auto p = parse(
      "runbook r {\n"
      "  query early { where eventName == \"a\" }\n"
      "  title \"t\"\n"
      "  select eventTime\n"
      "  query late { select eventName where eventName == \"b\" }\n"
      "  where eventName == \"main\"\n"
      "}\n");
  ASSERT_FALSE(p->sink.has_errors());
  const auto& qs = p->module.runbooks.at(0).queries;
  ASSERT_EQ(qs.size(), 3u);
  EXPECT_EQ(qs[0].name, "");
  ASSERT_TRUE(qs[0].where);
  EXPECT_EQ(qs[0].where->children[1]->literal.string_value, "main");
  ASSERT_EQ(qs[0].select.size(), 1u);
  EXPECT_EQ(qs[0].select[0].expr->path.dotted(), "eventTime");
  EXPECT_EQ(qs[1].name, "early");
  EXPECT_EQ(p->sources.file(0).slice(qs[1].name_span), "early");
  EXPECT_TRUE(qs[1].select.empty());
  EXPECT_EQ(qs[2].name, "late");
  ASSERT_TRUE(qs[2].where);
  EXPECT_EQ(qs[2].select.at(0).expr->path.dotted(), "eventName");
}

TEST(Parser, RunbookWithOnlyNamedQueriesHasNoMainQuery) {
  auto p = parse("runbook r { title \"t\" query only { where readOnly == true } }");
  ASSERT_FALSE(p->sink.has_errors());
  ASSERT_EQ(p->module.runbooks.at(0).queries.size(), 1u);
  EXPECT_EQ(p->module.runbooks[0].queries[0].name, "only");
}

TEST(Parser, EveryKeywordIsAPathStepAfterTheFirst) {
  for (const char* kw : {"runbook", "query", "where", "select", "as", "and", "or", "not", "in",
                         "true", "false", "null"}) {
    auto p = parse(std::string("runbook r { where requestParameters.") + kw + ".x == 1 }");
    ASSERT_FALSE(p->sink.has_errors()) << kw;
    const ast::Path& path = where_expr(*p).children[0]->path;
    ASSERT_EQ(path.steps.size(), 3u) << kw;
    EXPECT_EQ(path.steps[1].name, kw);
  }
}

TEST(Parser, BackquotedStepIsOneStepWithoutItsBackquotes) {
  auto p = parse("runbook r { where requestParameters.`s3:x-amz-acl`.`a.b c`.k == \"x\" }");
  ASSERT_FALSE(p->sink.has_errors());
  const ast::Path& path = where_expr(*p).children[0]->path;
  ASSERT_EQ(path.steps.size(), 4u);
  EXPECT_EQ(path.steps[1].name, "s3:x-amz-acl");
  EXPECT_EQ(path.steps[2].name, "a.b c");
  EXPECT_EQ(p->sources.file(0).slice(path.steps[1].span), "`s3:x-amz-acl`");
  EXPECT_EQ(p->sources.file(0).slice(path.span), "requestParameters.`s3:x-amz-acl`.`a.b c`.k");
}

TEST(Parser, InListsKeepTheirLiteralsInOrder) {
  auto p = parse("runbook r { where x not in [\"a\", -2, 2.5, true, null, \"\"] }");
  ASSERT_FALSE(p->sink.has_errors());
  const ast::Expr& e = where_expr(*p);
  ASSERT_EQ(e.kind, ast::ExprKind::In);
  EXPECT_TRUE(e.negated);
  EXPECT_EQ(e.children[0]->path.dotted(), "x");
  ASSERT_EQ(e.children[1]->children.size(), 6u);
  EXPECT_EQ(e.children[1]->children[0]->literal.string_value, "a");
  EXPECT_EQ(e.children[1]->children[1]->literal.int_value, -2);
  EXPECT_EQ(e.children[1]->children[2]->literal.float_value, 2.5);
  EXPECT_EQ(e.children[1]->children[3]->literal.kind, ast::Literal::Kind::Bool);
  EXPECT_EQ(e.children[1]->children[4]->literal.kind, ast::Literal::Kind::Null);
  EXPECT_EQ(e.children[1]->children[5]->literal.kind, ast::Literal::Kind::String);
  EXPECT_EQ(e.children[1]->children[5]->literal.string_value, "");
  EXPECT_EQ(p->sources.file(0).slice(e.children[1]->span), "[\"a\", -2, 2.5, true, null, \"\"]");
  EXPECT_EQ(where_of("not x in [\"a\"] and y in [1]"), "and(not(x in 1), y in 1)");
}

TEST(Parser, EveryJsonEscape) {
  auto p = parse(R"(runbook r { where x == "\/\b\f\r\t\u0000\u00E9\uD83D\uDE00\"" })");
  ASSERT_FALSE(p->sink.has_errors());
  EXPECT_EQ(where_expr(*p).children[1]->literal.string_value,
            std::string("/\b\f\r\t\0\xc3\xa9\xf0\x9f\x98\x80\"", 13));
}

TEST(Parser, BadEscapesPointAtTheirBackslash) {
  struct Case {
    std::string literal;
    uint32_t column;  // of the backslash
  };
  // `runbook r { where x == "` is 24 bytes; the string's content starts at column 25.
  const Case cases[] = {
      {R"("ab\x")", 27},         {R"("\u12g4")", 25},
      {R"("\ud83d\u0041")", 25},  // a high surrogate, then no low one
      {R"("ok\ude00")", 27},      // a lone low surrogate
      {R"("\ud83d")", 25},
  };
  for (const Case& c : cases) {
    auto p = parse("runbook r { where x == " + c.literal + " }");
    ASSERT_EQ(p->sink.diagnostics().size(), 1u) << c.literal;
    EXPECT_EQ(first_error(*p), "TB1004 at 1:" + std::to_string(c.column)) << c.literal;
    EXPECT_EQ(p->sources.file(0).slice(p->sink.diagnostics()[0].span)[0], '\\') << c.literal;
  }
}

TEST(Parser, NumberEdges) {
  auto lit = [](const std::string& text) {
    auto p = parse("runbook r { where x == " + text + " }");
    EXPECT_FALSE(p->sink.has_errors()) << text;
    return where_expr(*p).children[1]->literal;
  };
  EXPECT_EQ(lit("-9223372036854775808").int_value, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(lit("9223372036854775807").int_value, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(lit("9007199254740993").int_value, 9007199254740993);  // not rounded via double
  EXPECT_EQ(lit("-0").kind, ast::Literal::Kind::Int);
  EXPECT_EQ(lit("-0").int_value, 0);
  const ast::Literal neg_zero = lit("-0.0");
  EXPECT_EQ(neg_zero.kind, ast::Literal::Kind::Float);
  EXPECT_TRUE(std::signbit(neg_zero.float_value));
  EXPECT_EQ(lit("1E-2").float_value, 0.01);
  EXPECT_EQ(lit("1e2").kind, ast::Literal::Kind::Float);
  EXPECT_EQ(lit("1e2").float_value, 100.0);
  EXPECT_EQ(lit("-1.5").float_value, -1.5);
  EXPECT_EQ(lit("- 7").int_value, -7);
  EXPECT_EQ(lit("0.1").float_value, 0.1);  // correctly rounded
  for (const char* bad : {"9223372036854775808", "-9223372036854775809", "1e400", "-1e400"}) {
    auto p = parse(std::string("runbook r { where x == ") + bad + " }");
    EXPECT_EQ(first_error(*p), "TB1003 at 1:24") << bad;
    ASSERT_EQ(p->sink.diagnostics().size(), 1u) << bad;
    EXPECT_EQ(p->sink.diagnostics()[0].message,
              std::string("number '") + bad + "' is out of range");
  }
}

// Found by tests/fuzz/fuzz_runbook_frontend: a number ANTLR's error recovery made up was reported
// as "number '<missing INT>' is out of range", with a span that began past the end of the text.
TEST(Parser, TokensMadeUpByErrorRecoveryAreNotReported) {
  for (const std::string text : {"runbook c limit S", "runbook r { title \"t\" limit }"}) {
    auto p = parse(text);
    ASSERT_FALSE(p->sink.diagnostics().empty()) << text;
    for (const Diagnostic& d : p->sink.diagnostics()) {
      EXPECT_EQ(d.code(), "TB1001") << text << ": " << d.message;
      EXPECT_LE(d.span.begin, d.span.end) << text << ": " << d.message;
      EXPECT_LE(d.span.end, text.size()) << text << ": " << d.message;
    }
  }
}

TEST(Parser, SpansAreByteOffsetsAfterNonAsciiText) {
  // é is 2 bytes, ✓ 3 and 😀 4 (one code point each, so ANTLR counts 3 where the file has 9).
  const std::string head =
      "# caf\xc3\xa9 \xe2\x9c\x93\nrunbook r { title \"\xf0\x9f\x98\x80\" where ";
  auto p = parse(head + "userIdentity.`\xc3\xa9`.arn == \"\xc3\xa9\" }");
  ASSERT_FALSE(p->sink.has_errors());
  const ast::Expr& e = where_expr(*p);
  EXPECT_EQ(e.children[0]->path.span.begin, head.size());
  EXPECT_EQ(p->sources.file(0).slice(e.children[0]->path.span), "userIdentity.`\xc3\xa9`.arn");
  EXPECT_EQ(p->sources.file(0).slice(e.children[0]->path.steps[1].span), "`\xc3\xa9`");
  EXPECT_EQ(e.children[0]->path.steps[1].name, "\xc3\xa9");
  EXPECT_EQ(p->sources.file(0).slice(e.children[1]->literal.span), "\"\xc3\xa9\"");
  EXPECT_EQ(p->sources.file(0).slice(e.span), "userIdentity.`\xc3\xa9`.arn == \"\xc3\xa9\"");
}

TEST(Parser, SyntaxErrorsHaveTheirCodeAndLocation) {
  struct Case {
    std::string text, expected;
  };
  const Case cases[] = {
      {"runbook r { where and }", "TB1001 at 1:19"},
      {"runbook r {\n  where eventName = \"x\"\n}", "TB1001 at 2:19"},
      {"runbook r { where a == 1 }\nrunbook s { where b == 2 @ }", "TB1002 at 2:26"},
      {"runbook r { where a == 1", "TB1001 at 1:25"},  // at the end of the text
      {"runbook 1 { }", "TB1001 at 1:9"},
      {"query q { where a == 1 }", "TB1001 at 1:1"},
      {"runbook r { where a == 1 select }", "TB1001 at 1:33"},
  };
  for (const Case& c : cases) {
    auto p = parse(c.text);
    EXPECT_TRUE(p->sink.has_errors()) << c.text;
    EXPECT_EQ(first_error(*p), c.expected) << c.text;
  }
}

TEST(Parser, ErrorSpansAreByteOffsetsAfterNonAsciiText) {
  // Three code points in the string but nine bytes: the & is at byte column 44 (code point 38).
  auto p = parse("runbook r { title \"\xc3\xa9\xe2\x9c\x93\xf0\x9f\x98\x80\" where a == 1 & }");
  EXPECT_EQ(first_error(*p), "TB1002 at 1:44");
  EXPECT_EQ(p->sources.file(0).slice(p->sink.diagnostics()[0].span), "&");
  // The same on a later line, after a comment and a string with non-ASCII text.
  auto q = parse("# \xc3\xa9\xc3\xa9\xc3\xa9\nrunbook r { title \"\xe2\x9c\x93\" where and }");
  EXPECT_EQ(first_error(*q), "TB1001 at 2:31");
  EXPECT_EQ(q->sources.file(0).slice(q->sink.diagnostics()[0].span), "and");
  // A syntax error at the very end, after non-ASCII text.
  auto r = parse("runbook r { title \"\xf0\x9f\x98\x80\"");
  EXPECT_EQ(first_error(*r), "TB1001 at 1:25");
}

TEST(Parser, UnterminatedStringsAreReportedOnceAsSuch) {
  struct Case {
    std::string text, expected, token;
  };
  const Case cases[] = {
      // The closing quote is missing; the next line lexes as usual.
      {"runbook r {\n  title \"Root login\n  severity high\n}", "TB1001 at 2:9", "\"Root login"},
      // At the very end of the file.
      {"runbook r { title \"Root", "TB1001 at 1:19", "\"Root"},
      // A backslash at the end of the line escapes no quote.
      {"runbook r { where a == \"C:\\\n}", "TB1001 at 1:24", "\"C:\\"},
      // An escaped quote does not close the string.
      {"runbook r { where a == \"say \\\"hi\\\" }", "TB1001 at 1:24", "\"say \\\"hi\\\" }"},
      // In a test record.
      {"runbook r { where a == 1 test \"t\" {\n record {\"a\": \"1}\n expect match } }",
       "TB1001 at 2:15", "\"1}"},
  };
  for (const Case& c : cases) {
    auto p = parse(c.text);
    ASSERT_FALSE(p->sink.diagnostics().empty()) << c.text;
    EXPECT_EQ(first_error(*p), c.expected) << c.text;
    const Diagnostic& d = p->sink.diagnostics()[0];
    EXPECT_EQ(d.message, "syntax error: unterminated string literal") << c.text;
    EXPECT_EQ(p->sources.file(0).slice(d.span), c.token) << c.text;
    size_t reported = 0;
    for (const Diagnostic& other : p->sink.diagnostics()) {
      reported += other.span.begin == d.span.begin ? 1 : 0;
    }
    EXPECT_EQ(reported, 1u) << c.text;
  }
  // A triple-quoted string that is never closed runs to the end of the file, which explains the
  // missing '}' there: one error.
  auto p = parse("runbook r { title \"t\"\n  description \"\"\"\n    text\n  where a == 1\n}\n");
  ASSERT_EQ(p->sink.diagnostics().size(), 1u);
  EXPECT_EQ(first_error(*p), "TB1001 at 2:15");
  EXPECT_EQ(p->sink.diagnostics()[0].message, "syntax error: unterminated string literal");
  EXPECT_EQ(p->sources.file(0).slice(p->sink.diagnostics()[0].span),
            "\"\"\"\n    text\n  where a == 1\n}\n");
  // Closed strings, empty and triple-quoted ones are still strings.
  for (const char* ok :
       {R"(runbook r { title "" where a == "\"" })",
        "runbook r { title \"\"\"\n  two\n  lines\n  \"\"\" where a == 1 }",
        "runbook r { title \"\"\"a \"quoted\" \"\"word\"\" end\"\"\" where a == 1 }"}) {
    EXPECT_FALSE(parse(ok)->sink.has_errors()) << ok;
  }
}

TEST(Parser, DuplicateClausesAreReported) {
  auto p = parse("runbook r { where a == 1 select b where c == 2 select d }");
  ASSERT_EQ(p->sink.diagnostics().size(), 2u);
  EXPECT_EQ(p->sink.diagnostics()[0].code(), "TB2009");
  EXPECT_EQ(p->sink.diagnostics()[0].message, "query 'main' has more than one 'where' clause");
  EXPECT_EQ(first_error(*p), "TB2009 at 1:35");
  ASSERT_EQ(p->sink.diagnostics()[0].notes.size(), 1u);
  EXPECT_EQ(p->sink.diagnostics()[0].notes[0].message, "the first 'where' clause is here");
  EXPECT_EQ(p->sink.diagnostics()[0].notes[0].span.begin, 12u);
  EXPECT_EQ(p->sink.diagnostics()[1].message, "query 'main' has more than one 'select' clause");
  ASSERT_EQ(p->sink.diagnostics()[1].notes.size(), 1u);
  EXPECT_EQ(p->sources.file(0).slice(p->sink.diagnostics()[1].notes[0].span), "select");
  EXPECT_EQ(p->sink.diagnostics()[1].notes[0].span.begin, 25u);
  auto q = parse("runbook r { query q { where a == 1 where a == 2 } }");
  ASSERT_EQ(q->sink.diagnostics().size(), 1u);
  EXPECT_EQ(q->sink.diagnostics()[0].message, "query 'q' has more than one 'where' clause");
}

TEST(Parser, InvalidUtf8IsAnErrorNotAThrow) {
  for (const std::string& bad : {std::string("runbook r { title \"\xff\" }"),
                                 std::string("# \x80\nrunbook r { where a == 1 }"),
                                 std::string("runbook r { where a == \"\xc3\" }")}) {
    std::unique_ptr<Parsed> p;
    EXPECT_NO_THROW(p = parse(bad));
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->sink.has_errors()) << bad;
  }
}

TEST(Parser, InvalidUtf8IsReportedWhereItIs) {
  auto p = parse("runbook r {\n  title \"\xff\"\n}");
  ASSERT_TRUE(p->sink.has_errors());
  EXPECT_EQ(first_error(*p).substr(6), " at 2:10");
  EXPECT_EQ(p->sink.diagnostics()[0].message.find("wstring_convert"), std::string::npos);
}

// Stack depth: a generated runbook may nest deeply. Run in a child process so that a stack
// overflow fails this test instead of killing the test binary.
TEST(ParserDeathTest, DeeplyNestedParenthesesDoNotCrash) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const std::string text =
      "runbook r { where " + std::string(40000, '(') + "a == 1" + std::string(40000, ')') + " }";
  EXPECT_EXIT(
      {
        parse(text);
        std::exit(0);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
