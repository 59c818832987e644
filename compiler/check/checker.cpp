#include "compiler/check/checker.h"

#include <algorithm>

#include "compiler/check/metadata.h"

namespace tb::check {

namespace {

using schema::FieldType;

std::string with_article(std::string_view noun) {
  const bool vowel = !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string::npos;
  return std::string(vowel ? "an " : "a ") + std::string(noun);
}

std::string_view literal_type_name(ast::Literal::Kind kind) {
  switch (kind) {
    case ast::Literal::Kind::String:
      return "string";
    case ast::Literal::Kind::Int:
    case ast::Literal::Kind::Float:
      return "number";
    case ast::Literal::Kind::Bool:
      return "boolean";
    case ast::Literal::Kind::Null:
      return "null";
  }
  return "value";
}

Constant to_constant(const ast::Literal& lit) {
  Constant c;
  switch (lit.kind) {
    case ast::Literal::Kind::String:
      c.kind = Constant::Kind::String;
      c.string_value = lit.string_value;
      break;
    case ast::Literal::Kind::Int:
      c.kind = Constant::Kind::Int;
      c.int_value = lit.int_value;
      break;
    case ast::Literal::Kind::Float:
      c.kind = Constant::Kind::Float;
      c.float_value = lit.float_value;
      break;
    case ast::Literal::Kind::Bool:
      c.kind = Constant::Kind::Bool;
      c.bool_value = lit.bool_value;
      break;
    case ast::Literal::Kind::Null:
      c.kind = Constant::Kind::Null;
      break;
  }
  return c;
}

// Whether a field of `type` can ever equal a literal of `kind` (semantics: no coercion).
bool can_equal(FieldType type, ast::Literal::Kind kind) {
  if (kind == ast::Literal::Kind::Null) return true;
  switch (type) {
    case FieldType::String:
    case FieldType::Enum:
    case FieldType::Timestamp:
      return kind == ast::Literal::Kind::String;
    case FieldType::Number:
      return kind == ast::Literal::Kind::Int || kind == ast::Literal::Kind::Float;
    case FieldType::Boolean:
      return kind == ast::Literal::Kind::Bool;
    case FieldType::Object:
    case FieldType::Array:
      return false;
    case FieldType::Dynamic:
    case FieldType::Any:
      return true;
  }
  return true;
}

CmpOp to_cmp(ast::CompareOp op) {
  switch (op) {
    case ast::CompareOp::Eq:
      return CmpOp::Eq;
    case ast::CompareOp::Ne:
      return CmpOp::Ne;
    case ast::CompareOp::Lt:
      return CmpOp::Lt;
    case ast::CompareOp::Le:
      return CmpOp::Le;
    case ast::CompareOp::Gt:
      return CmpOp::Gt;
    case ast::CompareOp::Ge:
      return CmpOp::Ge;
  }
  return CmpOp::Eq;
}

// `lit < field` is `field > lit`.
CmpOp mirror(CmpOp op) {
  switch (op) {
    case CmpOp::Lt:
      return CmpOp::Gt;
    case CmpOp::Le:
      return CmpOp::Ge;
    case CmpOp::Gt:
      return CmpOp::Lt;
    case CmpOp::Ge:
      return CmpOp::Le;
    default:
      return op;
  }
}

class Checker {
 public:
  Checker(const schema::Schema& schema, CheckedPack& pack, DiagnosticSink& sink)
      : schema_(schema), pack_(pack), sink_(sink), candidates_(schema.addressable_paths()) {}

  void runbook(const ast::Runbook& rb, const SourceManager& sources) {
    CheckedRunbook out;
    out.name = rb.name;
    out.source_path = sources.file(rb.name_span.file).path();
    check_metadata(rb, out, sink_);
    std::vector<std::string> query_names;
    for (const ast::Query& q : rb.queries) {
      const std::string display = q.name.empty() ? "main" : q.name;
      if (std::find(query_names.begin(), query_names.end(), display) != query_names.end()) {
        sink_.report(DiagId::DuplicateQuery, q.name_span, display, rb.name);
      }
      query_names.push_back(display);
      out.queries.push_back(query(q, display));
    }
    pack_.runbooks.push_back(std::move(out));
  }

 private:
  CheckedQuery query(const ast::Query& q, const std::string& display) {
    CheckedQuery out;
    out.name = q.name;
    out.index = pack_.query_count++;
    if (q.where) {
      out.where = expr(*q.where);
    } else {
      sink_.report(DiagId::QueryWithoutWhere, q.name.empty() ? q.span : q.name_span, display);
    }
    std::vector<std::string> names;
    for (const ast::SelectItem& item : q.select) {
      const std::string name = item.column_name();
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        sink_.report(DiagId::DuplicateSelectName, item.alias.empty() ? item.span : item.alias_span,
                     name);
      }
      names.push_back(name);
      if (auto f = field(item.path)) out.columns.push_back({name, f->slot});
    }
    return out;
  }

  // A path the pack can read: its slot, its type, and the schema field when the schema lists it.
  struct ResolvedField {
    uint32_t slot = 0;
    FieldType type = FieldType::Any;
    const schema::Field* schema_field = nullptr;
  };

  // Resolves a path to its slot, or reports why it cannot be read.
  std::optional<ResolvedField> field(const ast::Path& path) {
    const std::vector<std::string> steps = steps_of(path);
    const schema::Resolution r = schema_.resolve(steps);
    switch (r.kind) {
      case schema::Resolution::Kind::Field:
        return ResolvedField{pack_.slot_for(steps, r.field->type), r.field->type, r.field};
      case schema::Resolution::Kind::UnderDynamic:
        return ResolvedField{pack_.slot_for(steps, FieldType::Dynamic), FieldType::Dynamic,
                             nullptr};
      case schema::Resolution::Kind::ThroughScalar: {
        const ast::PathStep& step = path.steps[r.known_steps];
        sink_.report(DiagId::FieldNotAnObject, step.span, r.field->path,
                     with_article(schema::type_name(r.field->type)), step.name);
        return std::nullopt;
      }
      case schema::Resolution::Kind::Unknown: {
        const std::string dotted = path.dotted();
        Diagnostic& d = sink_.report(DiagId::UnknownField, path.span, dotted);
        suggest_spelling(d, dotted, path.span, candidates_);
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  Pred expr(const ast::Expr& e) {
    Pred p;
    p.span = e.span;
    switch (e.kind) {
      case ast::ExprKind::And:
      case ast::ExprKind::Or:
      case ast::ExprKind::Not:
        p.kind = e.kind == ast::ExprKind::And  ? PredKind::And
                 : e.kind == ast::ExprKind::Or ? PredKind::Or
                                               : PredKind::Not;
        for (const auto& child : e.children) p.children.push_back(expr(*child));
        return p;
      case ast::ExprKind::Compare:
        return compare(e);
      case ast::ExprKind::In:
        return in(e);
    }
    return p;
  }

  Pred compare(const ast::Expr& e) {
    Pred p;
    p.span = e.span;
    p.kind = PredKind::Compare;
    const ast::Operand* path = &e.left;
    const ast::Operand* lit = &e.right;
    p.op = to_cmp(e.op);
    if (e.left.kind == ast::Operand::Kind::Literal && e.right.kind == ast::Operand::Kind::Path) {
      std::swap(path, lit);
      p.op = mirror(p.op);
    }
    if (path->kind != ast::Operand::Kind::Path || lit->kind != ast::Operand::Kind::Literal) {
      sink_.report(DiagId::NeedFieldAndLiteral, e.span);
      return p;
    }
    auto f = field(path->path);
    if (!f) return p;
    p.slot = f->slot;
    p.value = to_constant(lit->literal);
    if (p.op == CmpOp::Eq || p.op == CmpOp::Ne) {
      check_equality(path->path, *f, lit->literal);
    } else {
      check_order(path->path, f->type, lit->literal, ast::compare_op_text(e.op));
    }
    return p;
  }

  Pred in(const ast::Expr& e) {
    Pred p;
    p.span = e.span;
    p.kind = PredKind::In;
    p.negated = e.negated;
    if (e.subject.kind != ast::Operand::Kind::Path) {
      sink_.report(DiagId::NeedFieldAndLiteral, e.span);
      return p;
    }
    auto f = field(e.subject.path);
    if (!f) return p;
    p.slot = f->slot;
    for (const ast::Literal& lit : e.list) {
      check_equality(e.subject.path, *f, lit);
      p.values.push_back(to_constant(lit));
    }
    return p;
  }

  void check_equality(const ast::Path& path, const ResolvedField& f, const ast::Literal& lit) {
    const FieldType type = f.type;
    if (!can_equal(type, lit.kind)) {
      sink_.report(DiagId::TypeMismatch, lit.span, path.dotted(),
                   with_article(schema::type_name(type)), literal_type_name(lit.kind));
      return;
    }
    if (type == FieldType::Enum && lit.kind == ast::Literal::Kind::String) {
      const auto& values = f.schema_field->enum_values;
      if (std::find(values.begin(), values.end(), lit.string_value) == values.end()) {
        Diagnostic& d =
            sink_.report(DiagId::UnknownEnumValue, lit.span, lit.string_value, path.dotted());
        if (suggest_spelling(d, lit.string_value, lit.span, values)) {
          // The fix-it replaces the whole literal, quotes included.
          d.fixits.back().replacement = "\"" + d.fixits.back().replacement + "\"";
        } else {
          std::string note = "'" + path.dotted() + "' is one of ";
          for (size_t i = 0; i < values.size(); ++i) {
            if (i > 0) note += ", ";
            note += values[i];
          }
          d.notes.push_back({std::move(note), {}, false});
        }
      }
    }
  }

  // `<`, `<=`, `>`, `>=` compare numbers; on timestamps they compare the text with a string.
  void check_order(const ast::Path& path, FieldType type, const ast::Literal& lit,
                   std::string_view op) {
    const bool number_lit =
        lit.kind == ast::Literal::Kind::Int || lit.kind == ast::Literal::Kind::Float;
    if (type == FieldType::Timestamp && lit.kind == ast::Literal::Kind::String) return;
    if (!number_lit) {
      sink_.report(DiagId::OrderWithNonNumber, lit.span, op, literal_type_name(lit.kind));
      return;
    }
    if (type != FieldType::Number && type != FieldType::Dynamic && type != FieldType::Any) {
      sink_.report(DiagId::OrderOnNonNumber, path.span, path.dotted(),
                   with_article(schema::type_name(type)), op);
    }
  }

  static std::vector<std::string> steps_of(const ast::Path& path) {
    std::vector<std::string> steps;
    for (const auto& s : path.steps) steps.push_back(s.name);
    return steps;
  }

  const schema::Schema& schema_;
  CheckedPack& pack_;
  DiagnosticSink& sink_;
  std::vector<std::string> candidates_;
};

}  // namespace

CheckedPack check_pack(const std::vector<const ast::Module*>& modules, const SourceManager& sources,
                       const schema::Schema& schema, DiagnosticSink& sink) {
  CheckedPack pack;
  Checker checker(schema, pack, sink);
  std::vector<std::pair<std::string, Span>> names;
  for (const ast::Module* m : modules) {
    for (const ast::Runbook& rb : m->runbooks) {
      auto dup = std::find_if(names.begin(), names.end(),
                              [&](const auto& n) { return n.first == rb.name; });
      if (dup != names.end()) {
        Diagnostic& d = sink.report(DiagId::DuplicateRunbook, rb.name_span, rb.name);
        d.notes.push_back({"first defined here", dup->second, true});
        continue;
      }
      names.emplace_back(rb.name, rb.name_span);
      checker.runbook(rb, sources);
    }
  }
  return pack;
}

}  // namespace tb::check
