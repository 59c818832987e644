// The syntax stage: .tb text to the AST, with spans, and syntax errors as diagnostics.
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
  auto operand = [](const ast::Operand& o) {
    if (o.kind == ast::Operand::Kind::Path) return o.path.dotted();
    switch (o.literal.kind) {
      case ast::Literal::Kind::String:
        return "\"" + o.literal.string_value + "\"";
      case ast::Literal::Kind::Int:
        return std::to_string(o.literal.int_value);
      case ast::Literal::Kind::Float:
        return std::to_string(o.literal.float_value);
      case ast::Literal::Kind::Bool:
        return std::string(o.literal.bool_value ? "true" : "false");
      case ast::Literal::Kind::Null:
        return std::string("null");
    }
    return std::string();
  };
  switch (e.kind) {
    case ast::ExprKind::And:
      return "and(" + show(*e.children[0]) + ", " + show(*e.children[1]) + ")";
    case ast::ExprKind::Or:
      return "or(" + show(*e.children[0]) + ", " + show(*e.children[1]) + ")";
    case ast::ExprKind::Not:
      return "not(" + show(*e.children[0]) + ")";
    case ast::ExprKind::Compare:
      return operand(e.left) + std::string(ast::compare_op_text(e.op)) + operand(e.right);
    case ast::ExprKind::In:
      return operand(e.subject) + (e.negated ? " not in " : " in ") + std::to_string(e.list.size());
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
  EXPECT_EQ(rb.queries[0].select[1].column_name(), "actor");
  EXPECT_EQ(rb.queries[0].select[0].column_name(), "eventTime");
  EXPECT_EQ(rb.queries[1].name, "by_ip");
  EXPECT_EQ(rb.queries[1].select[0].path.dotted(), "sourceIPAddress");
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
  EXPECT_EQ(e.left.path.span.begin, 41u);
  EXPECT_EQ(e.left.path.span.end, 57u);
  EXPECT_EQ(p->sources.file(0).slice(e.left.path.span), "userIdentity.arn");
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

}  // namespace
