// Predicates: comparisons, membership, string tests, null/missing tests, any/all, named
// predicates, and the logic that joins them (semantics R2-R11).
#include <algorithm>

#include "compiler/check/checker_impl.h"
#include "runtime/abi/kernel_abi.h"
#include "runtime/semantics/case_fold.h"

namespace tb::check {

namespace {

using schema::FieldType;

Pred constant_pred(bool value, Span span) {
  Pred p;
  p.kind = PredKind::Const;
  p.const_value = value;
  p.span = span;
  return p;
}

// Whether a value of static type `type` can ever equal constant `c` (semantics R4).
bool can_equal(FieldType type, const Constant& c) {
  using K = Constant::Kind;
  if (c.kind == K::Null) return true;
  switch (type) {
    case FieldType::String:
    case FieldType::Enum:
    case FieldType::Timestamp:
      return c.kind == K::String;
    case FieldType::Number:
      return c.is_number();
    case FieldType::Boolean:
      return c.kind == K::Bool;
    case FieldType::Object:
    case FieldType::Array:
      return false;
    case FieldType::Dynamic:
    case FieldType::Any:
      return c.kind != K::Duration && c.kind != K::Timestamp;
  }
  return true;
}

bool may_be_string(FieldType type) {
  return type == FieldType::String || type == FieldType::Enum || type == FieldType::Timestamp ||
         type == FieldType::Dynamic || type == FieldType::Any;
}

bool may_be_number(FieldType type) {
  return type == FieldType::Number || type == FieldType::Dynamic || type == FieldType::Any;
}

uint32_t string_test_code(ast::StringTest t) {
  switch (t) {
    case ast::StringTest::Contains:
      return TB_CONTAINS;
    case ast::StringTest::IContains:
      return TB_ICONTAINS;
    case ast::StringTest::StartsWith:
      return TB_STARTSWITH;
    case ast::StringTest::IStartsWith:
      return TB_ISTARTSWITH;
    case ast::StringTest::EndsWith:
      return TB_ENDSWITH;
    case ast::StringTest::IEndsWith:
      return TB_IENDSWITH;
    case ast::StringTest::Matches:
      return TB_CONTAINS;
  }
  return TB_CONTAINS;
}

bool case_insensitive(ast::StringTest t) {
  return t == ast::StringTest::IContains || t == ast::StringTest::IStartsWith ||
         t == ast::StringTest::IEndsWith;
}

}  // namespace

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

Pred Checker::pred(const ast::Expr& e, const Scope& scope) {
  switch (e.kind) {
    case ast::ExprKind::And:
    case ast::ExprKind::Or:
    case ast::ExprKind::Not: {
      Pred p;
      p.span = e.span;
      p.kind = e.kind == ast::ExprKind::And  ? PredKind::And
               : e.kind == ast::ExprKind::Or ? PredKind::Or
                                             : PredKind::Not;
      for (const auto& child : e.children) p.children.push_back(pred(*child, scope));
      if (p.kind == PredKind::And) check_event_conjunction(p);
      return p;
    }
    case ast::ExprKind::Compare:
      return compare(e, scope);
    case ast::ExprKind::In:
      return in(e, scope);
    case ast::ExprKind::StringTest:
      return string_test(e, scope);
    case ast::ExprKind::IsNull:
    case ast::ExprKind::IsMissing:
    case ast::ExprKind::Exists:
      return is_test(e, scope);
    case ast::ExprKind::Call:
      return call_pred(e, scope);
    case ast::ExprKind::Literal:
      if (e.literal.kind == ast::Literal::Kind::Bool) {
        return constant_pred(e.literal.bool_value, e.span);
      }
      break;
    case ast::ExprKind::Path: {
      if (e.path.steps.size() == 1) {
        const Binding* b = scope.find(e.path.steps[0].name);
        if (b != nullptr && b->kind == Binding::Kind::Predicate) return macro(e, *b, scope);
      }
      Value v = value(e, scope);
      if (v.kind == Value::Kind::Invalid) return constant_pred(false, e.span);
      if (v.kind == Value::Kind::Constant && v.constant.kind == Constant::Kind::Bool) {
        return constant_pred(v.constant.bool_value, e.span);
      }
      if (v.kind == Value::Kind::Operand && v.operand.type == FieldType::Boolean) {
        // A boolean field on its own means `field == true`.
        Pred p;
        p.kind = PredKind::Compare;
        p.span = e.span;
        p.left = v.operand;
        p.right.kind = Operand::Kind::Constant;
        p.right.constant.kind = Constant::Kind::Bool;
        p.right.constant.bool_value = true;
        return p;
      }
      Diagnostic& d = sink.report(DiagId::NotACondition, e.span, v.describe());
      d.notes.push_back(
          {"compare it with a value, or test it with `exists` or `is null`", {}, false});
      return constant_pred(false, e.span);
    }
    default:
      break;
  }
  Value v = value(e, scope);
  if (v.kind != Value::Kind::Invalid) sink.report(DiagId::NotACondition, e.span, v.describe());
  return constant_pred(false, e.span);
}

void Checker::check_equality(const Value& subject, const Constant& c, Span at) {
  const FieldType type = subject.operand.type;
  if (!can_equal(type, c)) {
    sink.report(DiagId::TypeMismatch, at, subject.operand.text,
                with_article(schema::type_name(type)), c.type_name());
    return;
  }
  check_event_constant(subject, c, at);
  if (type != FieldType::Enum || c.kind != Constant::Kind::String || subject.field == nullptr) {
    return;
  }
  const auto& values = subject.field->enum_values;
  if (std::find(values.begin(), values.end(), c.string_value) != values.end()) return;
  Diagnostic& d = sink.report(DiagId::UnknownEnumValue, at, c.string_value, subject.operand.text);
  if (suggest_spelling(d, c.string_value, at, values)) {
    // The fix-it replaces the whole literal, quotes included.
    d.fixits.back().replacement = "\"" + d.fixits.back().replacement + "\"";
  } else {
    std::string note = "'" + subject.operand.text + "' is one of ";
    for (size_t i = 0; i < values.size(); ++i) note += (i > 0 ? ", " : "") + values[i];
    d.notes.push_back({std::move(note), {}, false});
  }
}

Pred Checker::compare(const ast::Expr& e, const Scope& scope) {
  Value l = value(*e.children[0], scope);
  Value r = value(*e.children[1], scope);
  Pred p;
  p.span = e.span;
  p.kind = PredKind::Compare;
  p.op = to_cmp(e.compare);
  if (l.kind == Value::Kind::Invalid || r.kind == Value::Kind::Invalid) return p;
  for (const Value* side : {&l, &r}) {
    if (side->kind == Value::Kind::List || side->kind == Value::Kind::Cidrs) {
      Diagnostic& d = sink.report(DiagId::NotAValue, side->span, side->describe(), "list");
      d.notes.push_back({"test membership with `in`", {}, false});
      return p;
    }
  }
  if (l.kind == Value::Kind::Constant && r.kind == Value::Kind::Constant) {
    sink.report(DiagId::NeedFieldAndLiteral, e.span);
    return p;
  }
  if (l.kind == Value::Kind::Constant) {
    std::swap(l, r);
    p.op = mirror(p.op);
  }
  p.left = l.operand;
  const bool order = p.op != CmpOp::Eq && p.op != CmpOp::Ne;
  const std::string_view op_text = ast::compare_op_text(e.compare);  // as written
  if (r.kind == Value::Kind::Operand) {
    // Two values of the record.
    p.right = r.operand;
    const FieldType a = l.operand.type;
    const FieldType b = r.operand.type;
    if (order && (!may_be_number(a) || !may_be_number(b))) {
      const Value& bad = may_be_number(a) ? r : l;
      sink.report(DiagId::OrderOnNonNumber, bad.span, bad.operand.text,
                  with_article(schema::type_name(bad.operand.type)), op_text);
    }
    return p;
  }
  const Constant& c = r.constant;
  if (c.kind == Constant::Kind::Timestamp) {
    // Instants, not text (semantics R9).
    if (!may_be_string(l.operand.type)) {
      sink.report(DiagId::TypeMismatch, r.span, l.operand.text,
                  with_article(schema::type_name(l.operand.type)), "timestamp");
      return p;
    }
    p.kind = PredKind::Time;
    p.object = pack.add_object(c.instant);
    p.right.kind = Operand::Kind::Constant;
    p.right.constant = c;
    return p;
  }
  if (c.kind == Constant::Kind::Duration) {
    sink.report(DiagId::TypeMismatch, r.span, l.operand.text,
                with_article(schema::type_name(l.operand.type)), "duration");
    return p;
  }
  p.right.kind = Operand::Kind::Constant;
  p.right.constant = c;
  if (!order) {
    check_equality(l, c, r.span);
    return p;
  }
  if (l.operand.type == FieldType::Timestamp && c.kind == Constant::Kind::String) {
    return p;  // text comparison, as R9 states
  }
  if (!c.is_number()) {
    sink.report(DiagId::OrderWithNonNumber, r.span, op_text, c.type_name());
    return p;
  }
  if (!may_be_number(l.operand.type)) {
    sink.report(DiagId::OrderOnNonNumber, l.span, l.operand.text,
                with_article(schema::type_name(l.operand.type)), op_text);
  }
  return p;
}

Pred Checker::in(const ast::Expr& e, const Scope& scope) {
  Value subject = value(*e.children[0], scope);
  Value target = value(*e.children[1], scope);
  Pred p;
  p.span = e.span;
  p.kind = PredKind::In;
  p.negated = e.negated;
  if (subject.kind == Value::Kind::Invalid || target.kind == Value::Kind::Invalid) return p;
  if (subject.kind != Value::Kind::Operand) {
    sink.report(DiagId::NeedPath, subject.span, "'in'");
    return p;
  }
  p.left = subject.operand;
  if (target.kind == Value::Kind::List) {
    p.empty_literal = target.list.empty() && e.children[1]->kind == ast::ExprKind::List;
    for (size_t i = 0; i < target.list.size(); ++i) {
      const Constant& c = target.list[i];
      if (c.kind == Constant::Kind::Timestamp || c.kind == Constant::Kind::Duration) {
        sink.report(DiagId::TypeMismatch, target.item_spans[i], subject.operand.text,
                    with_article(schema::type_name(subject.operand.type)),
                    c.kind == Constant::Kind::Timestamp ? "timestamp" : "duration");
        continue;
      }
      check_equality(subject, c, target.item_spans[i]);
      p.values.push_back(c);
    }
    return p;
  }
  if (target.kind == Value::Kind::Cidrs) {
    p.kind = PredKind::Cidr;
    if (!may_be_string(subject.operand.type)) {
      sink.report(DiagId::NeedString, subject.span, "in cidr", subject.describe(),
                  with_article(schema::type_name(subject.operand.type)));
      return p;
    }
    std::vector<std::string> prefixes;
    for (const Constant& c : target.list) prefixes.push_back(c.string_value);
    semantics::CidrError error;
    auto set = semantics::CidrSet::parse(prefixes, error);
    if (!set) {
      const Span at =
          error.index < target.item_spans.size() ? target.item_spans[error.index] : target.span;
      sink.report(DiagId::BadCidr, at, error.message);
      return p;
    }
    p.object = pack.add_object(std::move(*set));
    return p;
  }
  sink.report(DiagId::NeedList, target.span, target.describe());
  return p;
}

Pred Checker::string_test(const ast::Expr& e, const Scope& scope) {
  Value subject = value(*e.children[0], scope);
  Value needle = value(*e.children[1], scope);
  Pred p;
  p.span = e.span;
  p.kind = e.test == ast::StringTest::Matches ? PredKind::Regex : PredKind::StringTest;
  p.negated = e.negated;
  const std::string_view op = ast::string_test_text(e.test);
  if (subject.kind == Value::Kind::Invalid || needle.kind == Value::Kind::Invalid) return p;
  if (subject.kind != Value::Kind::Operand) {
    sink.report(DiagId::NeedPath, subject.span, "'" + std::string(op) + "'");
    return p;
  }
  if (!may_be_string(subject.operand.type)) {
    sink.report(DiagId::NeedString, subject.span, op, subject.describe(),
                with_article(schema::type_name(subject.operand.type)));
    return p;
  }
  p.left = subject.operand;
  std::vector<Constant> needles;
  std::vector<Span> spans;
  if (needle.kind == Value::Kind::Constant) {
    needles.push_back(needle.constant);
    spans.push_back(needle.span);
  } else if (needle.kind == Value::Kind::List) {
    needles = needle.list;
    spans = needle.item_spans;
  } else {
    sink.report(DiagId::NeedConstant, needle.span, "the right side of '" + std::string(op) + "'");
    return p;
  }
  std::vector<Pred> tests;
  for (size_t i = 0; i < needles.size(); ++i) {
    if (needles[i].kind != Constant::Kind::String) {
      sink.report(DiagId::NeedString, spans[i], op, "the right side",
                  with_article(needles[i].type_name()));
      return p;
    }
    Pred t;
    t.span = spans[i];
    t.kind = p.kind;
    t.left = p.left;
    const std::string& text = needles[i].string_value;
    if (e.test == ast::StringTest::Matches) {
      semantics::RegexError error;
      auto regex = semantics::Regex::compile(text, error);
      if (!regex) {
        Span at = spans[i];
        // Point into the pattern when the literal is written without escapes.
        const std::string_view written =
            sources.file(at.file).text().substr(at.begin, at.end - at.begin);
        if (written.size() == text.size() + 2 && error.length > 0) {
          at.begin += 1 + static_cast<uint32_t>(error.offset);
          at.end = at.begin + static_cast<uint32_t>(error.length);
        }
        sink.report(DiagId::BadRegex, at, error.message);
        return p;
      }
      t.needle = text;
      t.object = pack.add_object(std::move(regex));
    } else {
      t.test = string_test_code(e.test);
      t.needle = case_insensitive(e.test) ? semantics::fold_case(text) : text;
    }
    tests.push_back(std::move(t));
  }
  if (tests.size() == 1) {
    tests[0].negated = p.negated;
    tests[0].span = p.span;
    return tests[0];
  }
  // A list needle means any of them; its negation keeps R3 (the value must be there).
  Pred any;
  any.kind = PredKind::Or;
  any.span = p.span;
  any.children = std::move(tests);
  if (!p.negated) return any;
  Pred present;
  present.kind = PredKind::IsNull;
  present.negated = true;
  present.left = p.left;
  present.span = p.span;
  Pred none;
  none.kind = PredKind::Not;
  none.span = p.span;
  none.children.push_back(std::move(any));
  Pred both;
  both.kind = PredKind::And;
  both.span = p.span;
  both.children.push_back(std::move(present));
  both.children.push_back(std::move(none));
  return both;
}

Pred Checker::is_test(const ast::Expr& e, const Scope& scope) {
  Pred p;
  p.span = e.span;
  Value subject = value(*e.children[0], scope);
  if (subject.kind == Value::Kind::Invalid) return p;
  if (subject.kind != Value::Kind::Operand || subject.operand.kind == Operand::Kind::MapCase) {
    sink.report(DiagId::NeedPath, subject.span,
                e.kind == ast::ExprKind::Exists ? "'exists'" : "'is'");
    return p;
  }
  p.left = subject.operand;
  p.kind = e.kind == ast::ExprKind::IsNull ? PredKind::IsNull : PredKind::IsMissing;
  p.negated = e.kind == ast::ExprKind::Exists ? true : e.negated;
  return p;
}

Pred Checker::call_pred(const ast::Expr& e, const Scope& scope) {
  if (e.name == "any" || e.name == "all") return quantifier(e, scope);
  if (const Binding* b = scope.find(e.name); b != nullptr) {
    if (b->kind == Binding::Kind::Predicate) return macro(e, *b, scope);
  }
  Value v = call_value(e, scope);
  if (v.kind != Value::Kind::Invalid) sink.report(DiagId::NotACondition, e.span, v.describe());
  return constant_pred(false, e.span);
}

Pred Checker::quantifier(const ast::Expr& e, const Scope& scope) {
  Pred p;
  p.span = e.span;
  p.kind = e.name == "any" ? PredKind::Any : PredKind::All;
  if (e.children.size() != 2 || e.children[1]->kind != ast::ExprKind::Lambda) {
    sink.report(DiagId::WrongArgumentCount, e.span, e.name + "()",
                "an array and a lambda such as r => r.type == \"AWS::IAM::Role\"",
                std::to_string(e.children.size()) + " arguments");
    return constant_pred(false, e.span);
  }
  if (lambda_depth > 0) {
    sink.report(DiagId::NestedQuantifier, e.span);
    return constant_pred(false, e.span);
  }
  Value array = value(*e.children[0], scope);
  if (array.kind == Value::Kind::Invalid) return constant_pred(false, e.span);
  if (array.kind != Value::Kind::Operand || array.operand.kind != Operand::Kind::Field) {
    sink.report(DiagId::NeedPath, array.span, "'" + e.name + "'");
    return constant_pred(false, e.span);
  }
  const FieldType type = array.operand.type;
  if (type != FieldType::Array && type != FieldType::Any && type != FieldType::Dynamic) {
    sink.report(DiagId::NeedArray, array.span, array.operand.text,
                with_article(schema::type_name(type)));
    return constant_pred(false, e.span);
  }
  const ast::Expr& lambda = *e.children[1];
  const std::vector<std::string> steps = pack.fields[array.operand.slot].steps;
  p.slot = pack.element_slot_for(steps);
  Scope inner;
  inner.parent = &scope;
  if (schema.resolve({lambda.name}).kind == schema::Resolution::Kind::Field) {
    sink.report(DiagId::ShadowsField, lambda.name_span, lambda.name, "lambda parameter");
    return constant_pred(false, e.span);
  }
  Binding b;
  b.kind = Binding::Kind::Lambda;
  b.declared = lambda.name_span;
  b.element_slot = p.slot;
  inner.names.emplace(lambda.name, b);
  ++lambda_depth;
  p.children.push_back(pred(*lambda.children[0], inner));
  --lambda_depth;
  return p;
}

Pred Checker::macro(const ast::Expr& call, const Binding& b, const Scope& scope) {
  const ast::PredicateDecl& decl = *b.predicate;
  const size_t given = call.kind == ast::ExprKind::Call ? call.children.size() : 0;
  if (given != decl.params.size()) {
    sink.report(DiagId::WrongArgumentCount, call.span, decl.name,
                std::to_string(decl.params.size()) + " arguments", std::to_string(given));
    return constant_pred(false, call.span);
  }
  if (std::find(expanding_.begin(), expanding_.end(), &decl) != expanding_.end()) {
    std::string chain;
    auto from = std::find(expanding_.begin(), expanding_.end(), &decl);
    for (auto it = from; it != expanding_.end(); ++it) chain += (*it)->name + " -> ";
    chain += decl.name;
    sink.report(DiagId::PredicateCycle, call.span, decl.name, chain);
    return constant_pred(false, call.span);
  }
  if (!decl.body) return constant_pred(false, call.span);
  Scope args;
  args.parent = b.home;
  for (size_t i = 0; i < decl.params.size(); ++i) {
    const ast::Expr& arg = *call.children[i];
    if (arg.kind == ast::ExprKind::Lambda) {
      sink.report(DiagId::NotAValue, arg.span, arg.name + " => ...", "lambda");
      return constant_pred(false, call.span);
    }
    Binding a;
    a.kind = Binding::Kind::MacroArg;
    a.declared = decl.params[i].span;
    a.arg = &arg;
    a.home = &scope;
    if (!args.names.emplace(decl.params[i].name, a).second) {
      sink.report(DiagId::DuplicateDefinition, decl.params[i].span, decl.params[i].name);
    }
  }
  expanding_.push_back(&decl);
  Pred p = pred(*decl.body, args);
  expanding_.pop_back();
  return p;
}

}  // namespace tb::check
