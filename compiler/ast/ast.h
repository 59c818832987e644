#pragma once
// trailbook's own syntax tree. The syntax stage builds it from the ANTLR parse tree; every later
// stage works on it and never sees ANTLR types. Every node keeps its source span.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/source/source_file.h"

namespace tb::ast {

struct Literal {
  enum class Kind : uint8_t { String, Int, Float, Bool, Null };
  Kind kind = Kind::Null;
  std::string string_value;  // unescaped
  int64_t int_value = 0;
  double float_value = 0;
  bool bool_value = false;
  Span span;
};

struct PathStep {
  std::string name;
  Span span;
};

// A field path such as userIdentity.sessionContext.attributes.mfaAuthenticated.
struct Path {
  std::vector<PathStep> steps;
  Span span;

  std::string dotted() const;
};

// One side of a comparison: a field path or a literal.
struct Operand {
  enum class Kind : uint8_t { Path, Literal };
  Kind kind = Kind::Path;
  Path path;
  Literal literal;
  Span span;
};

enum class CompareOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
std::string_view compare_op_text(CompareOp op);

enum class ExprKind : uint8_t { And, Or, Not, Compare, In };

struct Expr {
  ExprKind kind = ExprKind::Compare;
  Span span;
  std::vector<std::unique_ptr<Expr>> children;  // And/Or: two, Not: one

  // Compare
  CompareOp op = CompareOp::Eq;
  Operand left, right;

  // In: `subject [not] in [list]`
  Operand subject;
  bool negated = false;
  std::vector<Literal> list;
  Span list_span;
};

struct SelectItem {
  Path path;
  std::string alias;  // empty when not aliased
  Span alias_span;
  Span span;

  // The output column name: the alias, or the dotted path.
  std::string column_name() const { return alias.empty() ? path.dotted() : alias; }
};

// One question a runbook answers. The clauses written directly in a runbook body form its
// main query, which has an empty name.
struct Query {
  std::string name;
  Span name_span;
  Span span;
  std::unique_ptr<Expr> where;
  std::vector<SelectItem> select;
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

struct Runbook {
  std::string name;
  Span name_span;
  Span span;
  std::vector<MetaEntry> meta;
  std::vector<Query> queries;
};

struct Module {
  FileId file = 0;
  std::vector<Runbook> runbooks;
};

}  // namespace tb::ast
