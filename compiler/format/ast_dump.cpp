#include "compiler/format/ast_dump.h"

#include <fmt/format.h>

#include "compiler/format/json_tokens.h"

namespace tb::format {

namespace {

class Dumper {
 public:
  std::string out;

  void module(const ast::Module& m) {
    for (const ast::Import& i : m.imports)
      line(0, fmt::format("import {} {}", i.is_stdlib, i.target));
    definitions(0, m.definitions);
    for (const ast::Runbook& rb : m.runbooks) runbook(rb);
  }

 private:
  void line(int depth, const std::string& text) {
    out += std::string(static_cast<size_t>(depth) * 2, ' ') + text + "\n";
  }

  static std::string literal(const ast::Literal& l) {
    switch (l.kind) {
      case ast::Literal::Kind::String:
        return fmt::format("string {:?}", l.string_value);
      case ast::Literal::Kind::Int:
        return fmt::format("int {}", l.int_value);
      case ast::Literal::Kind::Float:
        return fmt::format("float {}", l.float_value);
      case ast::Literal::Kind::Bool:
        return fmt::format("bool {}", l.bool_value);
      case ast::Literal::Kind::Null:
        return "null";
      case ast::Literal::Kind::Timestamp:
        return "timestamp " + l.string_value;
      case ast::Literal::Kind::Duration:
        return "duration " + l.string_value;
    }
    return "?";
  }

  static std::string expr(const ast::Expr* e) {
    if (e == nullptr) return "none";
    std::string head = fmt::format("({}", static_cast<int>(e->kind));
    switch (e->kind) {
      case ast::ExprKind::Literal:
        head += " " + literal(e->literal);
        break;
      case ast::ExprKind::Path:
        for (const ast::PathStep& s : e->path.steps) head += fmt::format(" {:?}", s.name);
        break;
      case ast::ExprKind::Call:
      case ast::ExprKind::Lambda:
        head += " " + e->name;
        break;
      case ast::ExprKind::Compare:
        head += " " + std::string(ast::compare_op_text(e->compare));
        break;
      case ast::ExprKind::StringTest:
        head += " " + std::string(ast::string_test_text(e->test));
        break;
      default:
        break;
    }
    head += fmt::format(" minus={} not={}", e->minus, e->negated);
    for (const auto& child : e->children) head += " " + expr(child.get());
    return head + ")";
  }

  void definitions(int depth, const ast::Definitions& d) {
    for (const ast::ParamDecl& p : d.params) {
      line(depth,
           fmt::format("param {} {} {}", p.name, p.type.text(), expr(p.default_value.get())));
    }
    for (const ast::ListDecl& l : d.lists)
      line(depth, "list " + l.name + " " + expr(l.value.get()));
    for (const ast::PredicateDecl& p : d.predicates) {
      std::string params;
      for (const ast::PathStep& s : p.params) params += " " + s.name;
      line(depth, fmt::format("predicate {} parens={}{} {}", p.name, p.has_parens, params,
                              expr(p.body.get())));
    }
  }

  void query(const ast::Query& q) {
    line(1, "query " + q.name);
    line(2, "where " + expr(q.where.get()));
    for (const ast::SelectItem& s : q.select)
      line(2, "select " + expr(s.expr.get()) + " as " + s.alias);
    for (const auto& g : q.group_by) line(2, "group " + expr(g.get()));
    line(2, "having " + expr(q.having.get()));
    for (const ast::OrderKey& k : q.order_by) {
      line(2, fmt::format("order {} desc={}", expr(k.expr.get()), k.descending));
    }
    if (q.limit) line(2, fmt::format("limit {}", *q.limit));
  }

  void test(const ast::TestDecl& t) {
    line(1, fmt::format("test {:?}", t.name));
    for (const ast::JsonText& r : t.records) line(2, "record " + compact_json(r.text));
    for (const ast::Expectation& e : t.expectations) {
      line(2, fmt::format("expect {} {} {}", static_cast<int>(e.kind), e.query,
                          compact_json(e.rows.text)));
    }
    for (const ast::TestParam& p : t.params) line(2, "param " + p.name + " " + expr(p.value.get()));
    for (const ast::TestSetting& s : t.settings) {
      line(2, "setting " + s.key + " " + expr(s.value.get()));
    }
  }

  void runbook(const ast::Runbook& rb) {
    line(0, "runbook " + rb.name);
    for (const ast::MetaEntry& m : rb.meta) {
      std::string value =
          fmt::format("name={} list={} {}", m.value_is_name, m.value_is_list, literal(m.value));
      for (const ast::Literal& l : m.list) value += ", " + literal(l);
      line(1, "meta " + m.key + " " + value);
    }
    definitions(1, rb.definitions);
    for (const ast::Query& q : rb.queries) query(q);
    for (const ast::TestDecl& t : rb.tests) test(t);
  }
};

}  // namespace

std::string dump_module(const ast::Module& module) {
  Dumper d;
  d.module(module);
  return std::move(d.out);
}

}  // namespace tb::format
