// Value expressions: literals, names, field paths, lower()/upper(), now(), cidr(), and constant
// arithmetic on timestamps and durations.
#include <algorithm>
#include <limits>

#include "compiler/check/checker_impl.h"
#include "runtime/semantics/case_fold.h"

namespace tb::check {

namespace {

const std::vector<std::string>& value_functions() {
  static const std::vector<std::string> names = {"lower", "upper", "now", "cidr", "any", "all"};
  return names;
}

bool is_aggregate_name(std::string_view name) {
  return name == "count" || name == "count_distinct" || name == "min" || name == "max" ||
         name == "first" || name == "last" || name == "values";
}

}  // namespace

std::string with_article(std::string_view noun) {
  const bool vowel = !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string::npos;
  return std::string(vowel ? "an " : "a ") + std::string(noun);
}

std::vector<std::string> steps_of(const ast::Path& path, size_t from) {
  std::vector<std::string> steps;
  for (size_t i = from; i < path.steps.size(); ++i) steps.push_back(path.steps[i].name);
  return steps;
}

std::string Value::describe() const {
  switch (kind) {
    case Kind::Invalid:
      return "an invalid value";
    case Kind::Constant:
      return constant.kind == Constant::Kind::Null ? "null" : with_article(constant.type_name());
    case Kind::List:
      return "a list";
    case Kind::Cidrs:
      return "a set of CIDR prefixes";
    case Kind::Operand:
      return "'" + operand.text + "'";
  }
  return "a value";
}

Value Checker::literal_value(const ast::Literal& lit) {
  Value v;
  v.kind = Value::Kind::Constant;
  v.span = lit.span;
  Constant& c = v.constant;
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
    case ast::Literal::Kind::Timestamp: {
      auto instant = semantics::parse_rfc3339(lit.string_value);
      if (!instant) {
        sink.report(DiagId::BadTimestamp, lit.span, lit.string_value,
                    "not a real calendar date and time of day");
        return Value{};
      }
      c.kind = Constant::Kind::Timestamp;
      c.instant = semantics::Instant{instant->seconds, std::string(instant->fraction)};
      c.string_value = semantics::format_rfc3339(c.instant);
      break;
    }
    case ast::Literal::Kind::Duration: {
      auto seconds = semantics::parse_duration_seconds(lit.string_value);
      if (!seconds) {
        sink.report(DiagId::BadDuration, lit.span, lit.string_value);
        return Value{};
      }
      c.kind = Constant::Kind::Duration;
      c.int_value = *seconds;
      break;
    }
  }
  return v;
}

Value Checker::value(const ast::Expr& e, const Scope& scope) {
  switch (e.kind) {
    case ast::ExprKind::Literal:
      return literal_value(e.literal);
    case ast::ExprKind::Path:
      return path_value(e, scope);
    case ast::ExprKind::Call:
      return call_value(e, scope);
    case ast::ExprKind::Arith:
      return arith_value(e, scope);
    case ast::ExprKind::List: {
      Value v;
      v.kind = Value::Kind::List;
      v.span = e.span;
      for (const auto& item : e.children) {
        Value iv = value(*item, scope);
        if (iv.kind == Value::Kind::Invalid) return Value{};
        if (iv.kind != Value::Kind::Constant) {
          sink.report(DiagId::NeedConstant, item->span, "a list item");
          return Value{};
        }
        v.list.push_back(iv.constant);
        v.item_spans.push_back(item->span);
      }
      return v;
    }
    case ast::ExprKind::Lambda:
      sink.report(DiagId::NotAValue, e.span, e.name + " => ...", "lambda");
      return Value{};
    default:
      sink.report(
          DiagId::NotAValue, e.span,
          std::string(
              sources.file(e.span.file).text().substr(e.span.begin, e.span.end - e.span.begin)),
          "condition");
      return Value{};
  }
}

// Resolves a path whose first step names a field of the elements of `b`'s array.
static Value element_value(const Checker& c, CheckedPack& pack, DiagnosticSink& sink,
                           const ast::Path& path, const Binding& b) {
  Value v;
  v.kind = Value::Kind::Operand;
  v.span = path.span;
  const std::vector<std::string> rel = steps_of(path, 1);
  v.operand.kind = Operand::Kind::Element;
  v.operand.slot = pack.element_field(b.element_slot, rel);
  v.operand.text = path.dotted();
  // The schema lists element fields as array[].field.
  std::string prefix = pack.fields[b.element_slot].dotted + "[]";
  std::string wanted = prefix;
  for (const std::string& s : rel) wanted += "." + s;
  std::vector<std::string> siblings;
  for (const schema::Field& f : c.schema.fields()) {
    if (f.path == wanted) {
      v.operand.type = f.type;
      v.field = &f;
      return v;
    }
    if (f.path.rfind(prefix + ".", 0) == 0) {
      siblings.push_back(path.steps[0].name + f.path.substr(prefix.size()));
    }
  }
  if (!rel.empty() && !siblings.empty()) {
    Diagnostic& d = sink.report(DiagId::UnknownField, path.span, path.dotted());
    suggest_spelling(d, path.dotted(), path.span, siblings);
    return Value{};
  }
  v.operand.type = schema::FieldType::Any;  // the schema does not describe these elements
  return v;
}

Value Checker::path_value(const ast::Expr& e, const Scope& scope) {
  const ast::Path& path = e.path;
  if (path.steps.empty()) return Value{};
  const std::string& first = path.steps[0].name;
  if (const Binding* b = scope.find(first)) {
    switch (b->kind) {
      case Binding::Kind::Lambda:
        return element_value(*this, pack, sink, path, *b);
      case Binding::Kind::MacroArg: {
        if (path.steps.size() == 1) return value(*b->arg, *b->home);
        if (b->arg->kind != ast::ExprKind::Path) {
          sink.report(DiagId::NeedPath, b->arg->span, "'" + path.dotted() + "'");
          return Value{};
        }
        ast::Expr joined;
        joined.kind = ast::ExprKind::Path;
        joined.span = b->arg->span;
        joined.path = b->arg->path;
        for (size_t i = 1; i < path.steps.size(); ++i) joined.path.steps.push_back(path.steps[i]);
        return path_value(joined, *b->home);
      }
      case Binding::Kind::Param:
      case Binding::Kind::List: {
        if (b->used != nullptr) *b->used = true;
        if (path.steps.size() > 1) {
          sink.report(DiagId::FieldNotAnObject, path.steps[1].span, first,
                      b->kind == Binding::Kind::Param ? "a parameter" : "a list",
                      path.steps[1].name);
          return Value{};
        }
        Value v = b->kind == Binding::Kind::Param ? param_value(*b) : list_value(*b);
        if (v.kind != Value::Kind::Invalid) v.span = e.span;
        return v;
      }
      case Binding::Kind::Predicate:
        sink.report(DiagId::NotAValue, e.span, first, "predicate");
        return Value{};
    }
  }
  const std::vector<std::string> steps = steps_of(path);
  const schema::Resolution r = schema.resolve(steps);
  Value v;
  v.kind = Value::Kind::Operand;
  v.span = e.span;
  v.operand.kind = Operand::Kind::Field;
  v.operand.text = path.dotted();
  switch (r.kind) {
    case schema::Resolution::Kind::Field:
      v.operand.type = r.field->type;
      v.operand.slot = pack.slot_for(steps, r.field->type);
      v.field = r.field;
      return v;
    case schema::Resolution::Kind::UnderDynamic:
      v.operand.type = schema::FieldType::Dynamic;
      v.operand.slot = pack.slot_for(steps, schema::FieldType::Dynamic);
      v.operand.span = e.span;
      if (member_uses != nullptr)
        member_uses->push_back({steps, path.steps, e.span, v.operand.text});
      return v;
    case schema::Resolution::Kind::ThroughScalar: {
      const ast::PathStep& step = path.steps[r.known_steps];
      sink.report(DiagId::FieldNotAnObject, step.span, r.field->path,
                  with_article(schema::type_name(r.field->type)), step.name);
      return Value{};
    }
    case schema::Resolution::Kind::Unknown: {
      const std::string dotted = path.dotted();
      Diagnostic& d = sink.report(DiagId::UnknownField, path.span, dotted);
      std::vector<std::string> candidates = field_names;
      for (const Scope* s = &scope; s != nullptr; s = s->parent) {
        for (const auto& [name, binding] : s->names) candidates.push_back(name);
      }
      suggest_spelling(d, dotted, path.span, candidates);
      return Value{};
    }
  }
  return Value{};
}

Value Checker::call_value(const ast::Expr& e, const Scope& scope) {
  auto arity = [&](size_t n, const char* takes) {
    if (e.children.size() == n) return true;
    sink.report(DiagId::WrongArgumentCount, e.span, e.name + "()", takes,
                std::to_string(e.children.size()) + " arguments");
    return false;
  };
  if (e.name == "lower" || e.name == "upper") {
    if (!arity(1, "one argument")) return Value{};
    const bool upper = e.name == "upper";
    Value arg = value(*e.children[0], scope);
    Value v;
    v.span = e.span;
    if (arg.kind == Value::Kind::Constant && arg.constant.kind == Constant::Kind::String) {
      v.kind = Value::Kind::Constant;
      v.constant = arg.constant;
      v.constant.string_value = upper ? semantics::to_upper(arg.constant.string_value)
                                      : semantics::to_lower(arg.constant.string_value);
      return v;
    }
    if (arg.kind != Value::Kind::Operand) {
      if (arg.kind != Value::Kind::Invalid) {
        sink.report(DiagId::NeedString, e.children[0]->span, e.name, "the argument",
                    arg.describe());
      }
      return Value{};
    }
    v.kind = Value::Kind::Operand;
    v.operand.kind = Operand::Kind::MapCase;
    v.operand.to_upper = upper;
    v.operand.type = schema::FieldType::String;
    v.operand.text = e.name + "(" + arg.operand.text + ")";
    v.operand.args.push_back(arg.operand);
    return v;
  }
  if (e.name == "now") {
    if (!arity(0, "no arguments")) return Value{};
    Value v;
    v.kind = Value::Kind::Constant;
    v.span = e.span;
    v.constant.kind = Constant::Kind::Timestamp;
    v.constant.instant = options.now;
    v.constant.string_value = semantics::format_rfc3339(options.now);
    return v;
  }
  if (e.name == "cidr") {
    Value v;
    v.kind = Value::Kind::Cidrs;
    v.span = e.span;
    for (const auto& arg : e.children) {
      Value a = value(*arg, scope);
      if (a.kind == Value::Kind::Invalid) return Value{};
      if (a.kind == Value::Kind::Constant) {
        a.list = {a.constant};
        a.item_spans = {arg->span};
      } else if (a.kind != Value::Kind::List) {
        sink.report(DiagId::NeedConstant, arg->span, "a CIDR prefix");
        return Value{};
      }
      for (size_t i = 0; i < a.list.size(); ++i) {
        if (a.list[i].kind != Constant::Kind::String) {
          sink.report(DiagId::BadCidr, a.item_spans[i], "CIDR prefixes are strings");
          return Value{};
        }
        v.list.push_back(a.list[i]);
        v.item_spans.push_back(a.item_spans[i]);
      }
    }
    if (v.list.empty()) {
      sink.report(DiagId::WrongArgumentCount, e.span, "cidr()", "at least one prefix", "none");
      return Value{};
    }
    return v;
  }
  if (e.name == "file") {
    sink.report(DiagId::NotAValue, e.span, "file(...)", "list source for `list name = ...`");
    return Value{};
  }
  if (const Binding* b = scope.find(e.name); b != nullptr && b->kind == Binding::Kind::Predicate) {
    sink.report(DiagId::NotAValue, e.span, e.name, "predicate");
    return Value{};
  }
  if (e.name == "any" || e.name == "all") {
    sink.report(DiagId::NotAValue, e.span, e.name + "(...)", "condition");
    return Value{};
  }
  if (is_aggregate_name(e.name)) {
    sink.report(DiagId::MisplacedAggregate, e.span, e.name + "()");
    return Value{};
  }
  Diagnostic& d = sink.report(DiagId::UnknownFunction, e.name_span, e.name);
  suggest_spelling(d, e.name, e.name_span, value_functions());
  return Value{};
}

Value Checker::arith_value(const ast::Expr& e, const Scope& scope) {
  Value l = value(*e.children[0], scope);
  Value r = value(*e.children[1], scope);
  if (l.kind == Value::Kind::Invalid || r.kind == Value::Kind::Invalid) return Value{};
  const char* verb = e.minus ? "subtract" : "add";
  if (l.kind != Value::Kind::Constant || r.kind != Value::Kind::Constant) {
    sink.report(DiagId::NeedConstant, e.span, "arithmetic");
    return Value{};
  }
  using K = Constant::Kind;
  const Constant& a = l.constant;
  const Constant& b = r.constant;
  Value v;
  v.kind = Value::Kind::Constant;
  v.span = e.span;
  Constant& c = v.constant;
  auto overflow = [&] {
    sink.report(DiagId::BadArithmetic, e.span, verb, a.display(), b.display() + " (overflow)");
    return Value{};
  };
  if (a.kind == K::Timestamp && b.kind == K::Duration) {
    c.kind = K::Timestamp;
    if (b.int_value == std::numeric_limits<int64_t>::min()) return overflow();
    c.instant = semantics::add_seconds(a.instant, e.minus ? -b.int_value : b.int_value);
    c.string_value = semantics::format_rfc3339(c.instant);
    return v;
  }
  if (a.kind == K::Duration && b.kind == K::Timestamp && !e.minus) {
    c.kind = K::Timestamp;
    c.instant = semantics::add_seconds(b.instant, a.int_value);
    c.string_value = semantics::format_rfc3339(c.instant);
    return v;
  }
  if ((a.kind == K::Duration && b.kind == K::Duration) || (a.kind == K::Int && b.kind == K::Int)) {
    c.kind = a.kind;
    const bool bad = e.minus ? __builtin_sub_overflow(a.int_value, b.int_value, &c.int_value)
                             : __builtin_add_overflow(a.int_value, b.int_value, &c.int_value);
    if (bad) return overflow();
    return v;
  }
  if (a.is_number() && b.is_number()) {
    const double x = a.kind == K::Int ? static_cast<double>(a.int_value) : a.float_value;
    const double y = b.kind == K::Int ? static_cast<double>(b.int_value) : b.float_value;
    c.kind = K::Float;
    c.float_value = e.minus ? x - y : x + y;
    return v;
  }
  sink.report(DiagId::BadArithmetic, e.span, verb, l.describe(), r.describe());
  return Value{};
}

}  // namespace tb::check
