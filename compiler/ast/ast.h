#pragma once
// trailbook's own syntax tree. The syntax stage builds it from the ANTLR parse tree; every later
// stage works on it and never sees ANTLR types. Every node keeps its source span.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source/source_file.h"

namespace tb::ast {

struct Literal {
  enum class Kind : uint8_t { String, Int, Float, Bool, Null, Timestamp, Duration };
  Kind kind = Kind::Null;
  std::string string_value;  // String: unescaped; Timestamp and Duration: as written
  int64_t int_value = 0;
  double float_value = 0;
  bool bool_value = false;
  Span span;
};

struct PathStep {
  std::string name;
  Span span;
};

// A name or field path such as userIdentity.sessionContext.attributes.mfaAuthenticated. Its
// first step may also name a parameter, list, predicate or lambda variable.
struct Path {
  std::vector<PathStep> steps;
  Span span;

  std::string dotted() const;
};

enum class CompareOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
std::string_view compare_op_text(CompareOp op);

enum class StringTest : uint8_t {
  Contains,
  IContains,
  StartsWith,
  IStartsWith,
  EndsWith,
  IEndsWith,
  Matches
};
std::string_view string_test_text(StringTest test);

enum class ExprKind : uint8_t {
  Literal,     // literal
  Path,        // path
  List,        // [children...]
  Call,        // name(children...); a lambda argument is a Lambda child
  Lambda,      // lambda_param => children[0]
  Arith,       // children[0] (+|-) children[1]
  Compare,     // children[0] op children[1]
  In,          // children[0] [not] in children[1]
  StringTest,  // children[0] [not] test children[1]
  IsNull,      // children[0] is [not] null
  IsMissing,   // children[0] is [not] missing
  Exists,      // exists children[0]
  Not,
  And,
  Or,
};

struct Expr {
  ExprKind kind = ExprKind::Literal;
  Span span;
  std::vector<std::unique_ptr<Expr>> children;

  Literal literal;  // Literal
  Path path;        // Path

  std::string name;  // Call: the function or predicate; Lambda: its parameter
  Span name_span;

  CompareOp compare = CompareOp::Eq;
  StringTest test = StringTest::Contains;
  bool minus = false;    // Arith: `-` rather than `+`
  bool negated = false;  // In, StringTest, IsNull, IsMissing: the `not` form

  std::unique_ptr<Expr> clone() const;
};

// `param window: duration = 24h`. Types: string, int, number, bool, duration, timestamp,
// cidr, and list<string|int|number|cidr>.
struct TypeName {
  std::string name;
  std::string element;  // for list<...>
  Span span;
  std::string text() const { return element.empty() ? name : name + "<" + element + ">"; }
};

struct ParamDecl {
  std::string name;
  Span name_span;
  TypeName type;
  std::unique_ptr<Expr> default_value;  // may be null: the command line must give it
  Span span;
};

// `list name = [...]` or `list name = file("path")`.
struct ListDecl {
  std::string name;
  Span name_span;
  std::unique_ptr<Expr> value;
  Span span;
};

struct PredicateDecl {
  std::string name;
  Span name_span;
  std::vector<PathStep> params;
  bool has_parens = false;
  std::unique_ptr<Expr> body;
  Span span;
};

// The definitions a module or a runbook holds, in source order per kind.
struct Definitions {
  std::vector<ParamDecl> params;
  std::vector<ListDecl> lists;
  std::vector<PredicateDecl> predicates;
};

struct SelectItem {
  std::unique_ptr<Expr> expr;
  std::string alias;  // empty when not aliased
  Span alias_span;
  Span span;
};

struct OrderKey {
  std::unique_ptr<Expr> expr;
  bool descending = false;
  Span span;
};

// One question a runbook answers: where -> select -> group by -> having -> order by -> limit.
// The clauses written directly in a runbook body form its main query, which has an empty name.
struct Query {
  std::string name;
  Span name_span;
  Span span;
  std::unique_ptr<Expr> where;
  std::vector<SelectItem> select;
  std::vector<std::unique_ptr<Expr>> group_by;
  Span group_span;  // the `group by` keywords; empty without grouping
  std::unique_ptr<Expr> having;
  std::vector<OrderKey> order_by;
  std::optional<uint64_t> limit;
  Span limit_span;
};

// `key value` metadata, e.g. `title "..."` or `severity high`. Which keys exist is the checker's
// business, so that a misspelt key gets a suggestion.
struct MetaEntry {
  std::string key;
  Span key_span;
  bool value_is_name = false;  // a bare name such as `high`
  bool value_is_list = false;
  Literal value;              // scalar value (a bare name is kept as a String literal)
  std::vector<Literal> list;  // list value
  Span value_span;
};

// JSON written in a test, kept as source text for the JSON parser.
struct JsonText {
  std::string text;
  Span span;
};

struct Expectation {
  enum class Kind : uint8_t { Match, NoMatch, Rows };
  Kind kind = Kind::Match;
  std::string query;  // empty: the main query
  Span query_span;
  JsonText rows;  // Rows: a JSON array of objects
  Span span;
};

struct TestParam {
  std::string name;
  Span name_span;
  std::unique_ptr<Expr> value;
};

// `key value` settings of a test, such as `now 2026-11-01T00:00:00Z`.
struct TestSetting {
  std::string key;
  Span key_span;
  std::unique_ptr<Expr> value;
};

struct TestDecl {
  std::string name;
  Span name_span;
  std::vector<JsonText> records;
  std::vector<Expectation> expectations;
  std::vector<TestParam> params;
  std::vector<TestSetting> settings;
  Span span;
};

struct Runbook {
  std::string name;
  Span name_span;
  Span span;
  std::vector<MetaEntry> meta;
  Definitions definitions;
  std::vector<Query> queries;
  std::vector<TestDecl> tests;
};

struct Import {
  std::string target;      // a relative file path, or a standard module name such as std.iam
  bool is_stdlib = false;  // written as a dotted name rather than a string
  Span span;
};

struct Comment {
  std::string text;  // including the leading '#'
  Span span;
};

struct Module {
  FileId file = 0;
  std::vector<Import> imports;
  Definitions definitions;
  std::vector<Runbook> runbooks;
  std::vector<Comment> comments;
};

}  // namespace tb::ast
