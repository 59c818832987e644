#pragma once
// Internals of the check stage, shared by its files: scopes (scope.cpp), values (values.cpp),
// predicates (predicates.cpp), queries and tests (queries.cpp). Not part of the stage's API.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/check/checker.h"

namespace tb::check {

struct Scope;

// What a name in a scope stands for.
struct Binding {
  enum class Kind : uint8_t { Param, List, Predicate, MacroArg, Lambda };
  Kind kind = Kind::Param;
  Span declared;
  const ast::ParamDecl* param = nullptr;
  const ast::ListDecl* list = nullptr;
  const ast::PredicateDecl* predicate = nullptr;
  const Scope* home = nullptr;     // where the definition's own expressions resolve
  const ast::Expr* arg = nullptr;  // MacroArg: the argument, checked in `home`
  uint32_t element_slot = 0;       // Lambda
  bool* used = nullptr;            // Param, List: set on first use (for TB4001/TB4002)
};

struct Scope {
  const Scope* parent = nullptr;
  std::map<std::string, Binding, std::less<>> names;

  const Binding* find(std::string_view name) const {
    for (const Scope* s = this; s != nullptr; s = s->parent) {
      auto it = s->names.find(name);
      if (it != s->names.end()) return &it->second;
    }
    return nullptr;
  }
};

// A checked value expression.
struct Value {
  enum class Kind : uint8_t { Invalid, Constant, List, Cidrs, Operand };
  Kind kind = Kind::Invalid;
  Constant constant;                     // Constant
  std::vector<Constant> list;            // List, Cidrs (strings)
  std::vector<Span> item_spans;          // List, Cidrs: where each item is written
  Operand operand;                       // Operand
  const schema::Field* field = nullptr;  // Operand from the schema: for enum checks
  Span span;
  std::string describe() const;  // "a string", "the field eventName", ...
};

class Checker {
 public:
  Checker(const schema::Schema& schema, const SourceManager& sources, const CheckOptions& options,
          CheckedPack& pack, DiagnosticSink& sink);

  // Scopes (scope.cpp).
  void declare(Scope& scope, const ast::Definitions& defs, bool track_use);
  void report_unused();
  std::set<std::string> used_overrides;

  // Values (values.cpp).
  Value value(const ast::Expr& e, const Scope& scope);
  Value path_value(const ast::Expr& e, const Scope& scope);
  Value call_value(const ast::Expr& e, const Scope& scope);
  Value literal_value(const ast::Literal& lit);
  Value arith_value(const ast::Expr& e, const Scope& scope);
  Value param_value(const Binding& b);
  Value list_value(const Binding& b);
  std::optional<Constant> parse_param_text(const ast::ParamDecl& p, const std::string& text,
                                           std::string& why);

  // Predicates (predicates.cpp).
  Pred pred(const ast::Expr& e, const Scope& scope);
  Pred compare(const ast::Expr& e, const Scope& scope);
  Pred in(const ast::Expr& e, const Scope& scope);
  Pred string_test(const ast::Expr& e, const Scope& scope);
  Pred is_test(const ast::Expr& e, const Scope& scope);
  Pred call_pred(const ast::Expr& e, const Scope& scope);
  Pred quantifier(const ast::Expr& e, const Scope& scope);
  Pred macro(const ast::Expr& call, const Binding& b, const Scope& scope);
  void check_equality(const Value& subject, const Constant& c, Span at);

  // Event names and sources against the API catalog (event_names.cpp).
  void check_event_constant(const Value& subject, const Constant& c, Span at);
  void check_event_conjunction(const Pred& p);

  // Paths below requestParameters / responseElements against the members of the events the
  // query is limited to (event_members.cpp). query() collects them while checking a query.
  struct MemberUse {
    std::vector<std::string> steps;
    std::vector<ast::PathStep> written;  // as written, for spans (may start with a macro arg)
    Span span;
    std::string text;  // the path, dotted
  };
  std::vector<MemberUse>* member_uses = nullptr;
  void check_event_members(const Pred& where, const std::vector<MemberUse>& uses);

  // Queries and tests (queries.cpp).
  CheckedQuery query(const ast::Query& q, const Scope& scope, const std::string& runbook);
  CheckedTest test(const ast::TestDecl& t, const ast::Runbook& rb, const Scope& scope);
  std::optional<uint32_t> column_for(const ast::Expr& e, const Scope& scope, CheckedQuery& q,
                                     const std::string& query_name);
  std::optional<RowPred> row_pred(const ast::Expr& e, const Scope& scope, CheckedQuery& q,
                                  const std::string& query_name);

  const schema::Schema& schema;
  const SourceManager& sources;
  const CheckOptions& options;
  CheckedPack& pack;
  DiagnosticSink& sink;
  std::vector<std::string> field_names;  // for "did you mean"
  int lambda_depth = 0;                  // any/all lambdas being checked, macros included
  std::set<std::string> declared_params;

 private:
  struct Folded {
    bool done = false;
    Value value;
  };
  std::map<const void*, Folded> folded_;              // params and lists, folded once
  std::vector<const ast::PredicateDecl*> expanding_;  // macro expansion stack, for cycles
  struct Tracked {
    std::string name;
    Span span;
    bool is_param = false;
    std::unique_ptr<bool> used;
  };
  std::vector<Tracked> tracked_;
};

std::string with_article(std::string_view noun);
// "a, b or c"; past `most` items, "a, b or 3 more".
std::string joined(const std::vector<std::string>& items, size_t most = SIZE_MAX);
// The strings a predicate on `field` requires it to equal, if it does (== or in).
std::optional<std::vector<std::string>> required_values(const Pred& p, const CheckedPack& pack,
                                                        std::string_view field);
CmpOp to_cmp(ast::CompareOp op);
CmpOp mirror(CmpOp op);
std::vector<std::string> steps_of(const ast::Path& path, size_t from = 0);

}  // namespace tb::check
