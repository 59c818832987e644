// Scopes: declaring definitions, and folding parameters and lists into constants.
#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "compiler/check/checker_impl.h"

namespace tb::check {

namespace {

const std::vector<std::string>& scalar_types() {
  static const std::vector<std::string> types = {"string",   "int",       "number", "bool",
                                                 "duration", "timestamp", "cidr"};
  return types;
}

// Whether constant `c` is a value of scalar type `type`.
bool has_type(const Constant& c, std::string_view type) {
  using K = Constant::Kind;
  if (type == "string" || type == "cidr") return c.kind == K::String;
  if (type == "int") return c.kind == K::Int;
  if (type == "number") return c.is_number();
  if (type == "bool") return c.kind == K::Bool;
  if (type == "duration") return c.kind == K::Duration;
  if (type == "timestamp") return c.kind == K::Timestamp;
  return false;
}

}  // namespace

void Checker::declare(Scope& scope, const ast::Definitions& defs, bool track_use) {
  auto add = [&](const std::string& name, Span span, Binding b, const char* what) {
    if (name.empty()) return;
    if (schema.resolve({name}).kind == schema::Resolution::Kind::Field) {
      sink.report(DiagId::ShadowsField, span, name, what);
      return;
    }
    auto it = scope.names.find(name);
    if (it != scope.names.end()) {
      Diagnostic& d = sink.report(DiagId::DuplicateDefinition, span, name);
      d.notes.push_back({"first defined here", it->second.declared, true});
      return;
    }
    b.declared = span;
    b.home = &scope;
    if (track_use && (b.kind == Binding::Kind::Param || b.kind == Binding::Kind::List)) {
      tracked_.push_back({name, span, b.kind == Binding::Kind::Param, std::make_unique<bool>()});
      b.used = tracked_.back().used.get();
    }
    scope.names.emplace(name, b);
  };
  for (const ast::ParamDecl& p : defs.params) {
    declared_params.insert(p.name);
    Binding b;
    b.kind = Binding::Kind::Param;
    b.param = &p;
    add(p.name, p.name_span, b, "parameter");
  }
  for (const ast::ListDecl& l : defs.lists) {
    Binding b;
    b.kind = Binding::Kind::List;
    b.list = &l;
    add(l.name, l.name_span, b, "list");
  }
  for (const ast::PredicateDecl& p : defs.predicates) {
    Binding b;
    b.kind = Binding::Kind::Predicate;
    b.predicate = &p;
    add(p.name, p.name_span, b, "predicate");
  }
}

void Checker::report_unused() {
  for (const Tracked& t : tracked_) {
    if (*t.used) continue;
    sink.report(t.is_param ? DiagId::UnusedParam : DiagId::UnusedList, t.span, t.name);
  }
}

std::optional<Constant> Checker::parse_param_text(const ast::ParamDecl& p, const std::string& text,
                                                  std::string& why) {
  // A list<T> override is T values joined by commas; each is read as a T.
  const std::string& type = p.type.name == "list" ? p.type.element : p.type.name;
  Constant c;
  if (type == "string" || type == "cidr") {
    c.kind = Constant::Kind::String;
    c.string_value = text;
    return c;
  }
  if (type == "bool") {
    if (text != "true" && text != "false") {
      why = "expected true or false";
      return std::nullopt;
    }
    c.kind = Constant::Kind::Bool;
    c.bool_value = text == "true";
    return c;
  }
  if (type == "int" || type == "number") {
    int64_t i = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
    if (ec == std::errc() && end == text.data() + text.size()) {
      c.kind = Constant::Kind::Int;
      c.int_value = i;
      return c;
    }
    char* stop = nullptr;
    const double d = std::strtod(text.c_str(), &stop);
    if (type == "number" && !text.empty() && stop == text.c_str() + text.size() &&
        std::isfinite(d)) {
      c.kind = Constant::Kind::Float;
      c.float_value = d;
      return c;
    }
    why = type == "int" ? "expected an integer" : "expected a number";
    return std::nullopt;
  }
  if (type == "duration") {
    auto seconds = semantics::parse_duration_seconds(text);
    if (!seconds) {
      why = "expected a duration such as 30m, 24h or 7d";
      return std::nullopt;
    }
    c.kind = Constant::Kind::Duration;
    c.int_value = *seconds;
    return c;
  }
  if (type == "timestamp") {
    auto instant = semantics::parse_rfc3339(text);
    if (!instant) {
      why = "expected an RFC 3339 date-time such as 2026-11-01T00:00:00Z";
      return std::nullopt;
    }
    c.kind = Constant::Kind::Timestamp;
    c.instant = semantics::Instant{instant->seconds, std::string(instant->fraction)};
    c.string_value = semantics::format_rfc3339(c.instant);
    return c;
  }
  why = "its type is unknown";
  return std::nullopt;
}

Value Checker::param_value(const Binding& b) {
  const ast::ParamDecl& p = *b.param;
  Folded& f = folded_[&p];
  if (f.done) return f.value;
  f.done = true;  // a default that names its own parameter fails below, not forever
  const bool is_list = p.type.name == "list";
  const std::string& scalar = is_list ? p.type.element : p.type.name;
  if (std::find(scalar_types().begin(), scalar_types().end(), scalar) == scalar_types().end() ||
      (is_list && scalar.empty()) || (!is_list && !p.type.element.empty())) {
    Diagnostic& d = sink.report(DiagId::UnknownType, p.type.span, p.type.text());
    suggest_spelling(d, scalar, p.type.span, scalar_types());
    d.notes.push_back(
        {"types are string, int, number, bool, duration, timestamp, cidr and "
         "list<string|int|number|cidr>",
         {},
         false});
    return f.value;
  }
  Value v;
  v.span = p.name_span;
  auto override_it = options.params.find(p.name);
  if (override_it != options.params.end()) {
    used_overrides.insert(p.name);
    std::vector<std::string> texts;
    if (is_list) {
      size_t start = 0;
      const std::string& all = override_it->second;
      while (start <= all.size()) {
        const size_t comma = std::min(all.find(',', start), all.size());
        if (comma > start) texts.push_back(all.substr(start, comma - start));
        start = comma + 1;
      }
    } else {
      texts.push_back(override_it->second);
    }
    v.kind = is_list ? Value::Kind::List : Value::Kind::Constant;
    for (const std::string& text : texts) {
      std::string why;
      auto c = parse_param_text(p, text, why);
      if (!c) {
        sink.report(DiagId::BadParamValue, p.name_span, p.name, p.type.text(),
                    "--param " + p.name + "=" + override_it->second + " (" + why + ")");
        return f.value;
      }
      if (is_list) {
        v.list.push_back(*c);
        v.item_spans.push_back(p.name_span);
      } else {
        v.constant = *c;
      }
    }
  } else if (p.default_value) {
    v = value(*p.default_value, *b.home);
    if (v.kind == Value::Kind::Invalid) return f.value;
    const bool shape_ok = is_list ? v.kind == Value::Kind::List : v.kind == Value::Kind::Constant;
    bool types_ok = shape_ok;
    if (shape_ok && is_list) {
      for (const Constant& c : v.list) types_ok = types_ok && has_type(c, scalar);
    } else if (shape_ok) {
      types_ok = has_type(v.constant, scalar);
    }
    if (!types_ok) {
      sink.report(DiagId::BadParamValue, p.default_value->span, p.name, p.type.text(),
                  v.describe());
      return f.value;
    }
  } else {
    sink.report(DiagId::ParamWithoutValue, p.name_span, p.name, p.name);
    return f.value;
  }
  if (scalar == "cidr") {
    std::vector<std::string> prefixes;
    if (is_list) {
      for (const Constant& c : v.list) prefixes.push_back(c.string_value);
    } else {
      prefixes.push_back(v.constant.string_value);
    }
    semantics::CidrError error;
    if (!semantics::CidrSet::parse(prefixes, error)) {
      sink.report(DiagId::BadCidr, v.span, error.message);
      return f.value;
    }
  }
  f.value = v;
  return f.value;
}

Value Checker::list_value(const Binding& b) {
  const ast::ListDecl& l = *b.list;
  Folded& f = folded_[&l];
  if (f.done) return f.value;
  f.done = true;
  if (!l.value) return f.value;
  const ast::Expr& e = *l.value;
  if (e.kind == ast::ExprKind::Call && e.name == "file") {
    if (e.children.size() != 1 || e.children[0]->kind != ast::ExprKind::Literal ||
        e.children[0]->literal.kind != ast::Literal::Kind::String) {
      sink.report(DiagId::WrongArgumentCount, e.span, "file", "one string path",
                  std::to_string(e.children.size()) + " arguments");
      return f.value;
    }
    const std::string& path = e.children[0]->literal.string_value;
    std::string error = "no list file reader in this context";
    std::optional<FileId> id;
    if (options.list_files != nullptr) id = options.list_files->read(e.span.file, path, error);
    if (!id) {
      sink.report(DiagId::ListFileFailed, e.children[0]->span, path, error);
      return f.value;
    }
    // One value a line; `#` starts a comment; blank lines are skipped.
    const SourceFile& file = sources.file(*id);
    std::string_view text = file.text();
    Value v;
    v.kind = Value::Kind::List;
    v.span = e.span;
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(start, nl - start);
      const size_t hash = line.find('#');
      if (hash != std::string_view::npos) line = line.substr(0, hash);
      const size_t b0 = line.find_first_not_of(" \t\r");
      if (b0 != std::string_view::npos) {
        const size_t b1 = line.find_last_not_of(" \t\r");
        Constant c;
        c.kind = Constant::Kind::String;
        c.string_value = std::string(line.substr(b0, b1 - b0 + 1));
        v.list.push_back(std::move(c));
        const auto at = static_cast<uint32_t>(start + b0);
        v.item_spans.push_back(Span{*id, at, static_cast<uint32_t>(start + b1 + 1)});
      }
      start = nl + 1;
    }
    f.value = v;
    return f.value;
  }
  Value v = value(e, *b.home);
  if (v.kind != Value::Kind::List && v.kind != Value::Kind::Invalid) {
    sink.report(DiagId::NeedList, e.span, v.describe());
    return f.value;
  }
  f.value = v;
  return f.value;
}

}  // namespace tb::check
