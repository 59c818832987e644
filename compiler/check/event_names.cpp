// eventName and eventSource constants against the AWS API catalog (stdlib/catalog): a name no
// service records (TB3030), an unknown source (TB3031), and a conjunction that pairs a source
// with a name it never records (TB3032). Each can never match a record.
#include <algorithm>
#include <cctype>

#include "compiler/check/checker_impl.h"
#include "compiler/schema/api_catalog.h"

namespace tb::check {

namespace {

constexpr std::string_view kAwsSuffix = ".amazonaws.com";

// Only values shaped like an event name (PutRolePolicy: a capital, a lower-case letter, then
// letters and digits) are checked; placeholders such as "x" or "E1" in tests are left alone.
bool looks_like_event_name(std::string_view s) {
  if (s.size() < 2 || std::isupper(static_cast<unsigned char>(s[0])) == 0 ||
      std::islower(static_cast<unsigned char>(s[1])) == 0) {
    return false;
  }
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

bool looks_like_aws_source(std::string_view s) {
  return s.size() > kAwsSuffix.size() && s.ends_with(kAwsSuffix);
}

void quote_fixit(Diagnostic& d) {
  if (!d.fixits.empty()) d.fixits.back().replacement = "\"" + d.fixits.back().replacement + "\"";
}

void conjuncts(const Pred& p, std::vector<const Pred*>& out) {
  if (p.kind != PredKind::And) {
    out.push_back(&p);
    return;
  }
  for (const Pred& child : p.children) conjuncts(child, out);
}

}  // namespace

std::string joined(const std::vector<std::string>& items, size_t most) {
  std::string out;
  const size_t shown = std::min(items.size(), most);
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) out += i + 1 == shown && items.size() <= most ? " or " : ", ";
    out += items[i];
  }
  if (items.size() > most) out += fmt::format(" or {} more", items.size() - most);
  return out;
}

std::optional<std::vector<std::string>> required_values(const Pred& p, const CheckedPack& pack,
                                                        std::string_view field) {
  if (p.left.kind != Operand::Kind::Field || pack.fields[p.left.slot].dotted != field) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  if (p.kind == PredKind::Compare && p.op == CmpOp::Eq && p.right.kind == Operand::Kind::Constant &&
      p.right.constant.kind == Constant::Kind::String) {
    out.push_back(p.right.constant.string_value);
    return out;
  }
  if (p.kind == PredKind::In && !p.negated) {
    for (const Constant& c : p.values) {
      if (c.kind != Constant::Kind::String) return std::nullopt;
      out.push_back(c.string_value);
    }
    return out;
  }
  return std::nullopt;
}

void Checker::check_event_constant(const Value& subject, const Constant& c, Span at) {
  if (subject.field == nullptr || c.kind != Constant::Kind::String) return;
  const schema::ApiCatalog& catalog = schema::ApiCatalog::builtin();
  const std::string& text = c.string_value;
  if (subject.field->path == "eventName") {
    if (!looks_like_event_name(text) || catalog.has_event(text)) return;
    Diagnostic& d = sink.report(DiagId::UnknownEventName, at, text);
    add_did_you_mean(d, catalog.nearest_events(text), at);
    quote_fixit(d);
  } else if (subject.field->path == "eventSource") {
    if (!looks_like_aws_source(text) || catalog.has_source(text)) return;
    Diagnostic& d = sink.report(DiagId::UnknownEventSource, at, text);
    add_did_you_mean(d, catalog.nearest_sources(text), at);
    quote_fixit(d);
  }
}

void Checker::check_event_conjunction(const Pred& p) {
  std::vector<const Pred*> parts;
  conjuncts(p, parts);
  const schema::ApiCatalog& catalog = schema::ApiCatalog::builtin();
  std::optional<std::vector<std::string>> wanted;
  for (const Pred* part : parts) {
    auto values = required_values(*part, pack, "eventSource");
    if (!values) continue;
    if (wanted) return;  // two constraints on the source: rare, and not worth intersecting
    wanted = std::move(values);
  }
  if (!wanted || wanted->empty()) return;
  for (const std::string& s : *wanted) {
    if (!catalog.has_source(s)) return;  // unknown: TB3031 or not an AWS service
  }
  const std::set<std::string> scope(wanted->begin(), wanted->end());
  for (const Pred* part : parts) {
    auto names = required_values(*part, pack, "eventName");
    if (!names) continue;
    for (const std::string& name : *names) {
      if (!catalog.has_event(name)) continue;  // TB3030, or a placeholder
      if (std::any_of(wanted->begin(), wanted->end(),
                      [&](const std::string& s) { return catalog.source_has(s, name); })) {
        continue;
      }
      Diagnostic& d = sink.report(DiagId::EventNotInSource, part->span, name, joined(*wanted));
      d.notes.push_back(
          {"'" + name + "' is recorded by " + joined(catalog.sources_of(name)), {}, false});
      const std::vector<std::string> near = catalog.nearest_events(name, scope);
      if (!near.empty()) {
        d.notes.push_back(
            {"events of " + joined(*wanted) + " with a close name: " + joined(near), {}, false});
      }
    }
  }
}

}  // namespace tb::check
