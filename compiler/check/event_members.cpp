// Flow-sensitive typing of requestParameters and responseElements. Where the conditions around a
// path limit eventName to a set S (an `and` with `eventName == "X"` or `eventName in [...]`, an
// `or` of such limits), `requestParameters.x` is checked against the input members of S in the
// API catalog: a member no event of S has is an error with the members S does have (TB3033),
// one that only part of S has in a condition is a note (TB3034); responseElements likewise against
// output members (TB3035). Where nothing limits eventName, the path is not checked (TB4008, a
// warning that `--deny TB4008` makes an error).
#include <algorithm>
#include <map>
#include <set>

#include "compiler/check/checker_impl.h"
#include "compiler/schema/api_catalog.h"
#include "runtime/abi/kernel_abi.h"

namespace tb::check {

namespace {

// What the conditions around a place require of eventName and eventSource (nullopt: nothing).
struct EventScope {
  std::optional<std::set<std::string>> names, sources;
};

void narrow(std::optional<std::set<std::string>>& into, const std::set<std::string>& by) {
  if (!into) {
    into = by;
    return;
  }
  std::set<std::string> both;
  std::set_intersection(into->begin(), into->end(), by.begin(), by.end(),
                        std::inserter(both, both.begin()));
  *into = std::move(both);
}

// The values `field` must take for `p` to be true, if `p` limits it.
std::optional<std::set<std::string>> implied(const Pred& p, const CheckedPack& pack,
                                             std::string_view field) {
  if (auto values = required_values(p, pack, field)) {
    return std::set<std::string>(values->begin(), values->end());
  }
  // `eventName startswith "UpdateFunctionCode"`: the catalog's names with that prefix (Lambda's
  // names carry API-version suffixes).
  if (field == "eventName" && p.kind == PredKind::StringTest && !p.negated &&
      p.test == TB_STARTSWITH && p.left.kind == Operand::Kind::Field &&
      pack.fields[p.left.slot].dotted == field && !p.needle.empty()) {
    const std::vector<std::string> names =
        schema::ApiCatalog::builtin().events_with_prefix(p.needle);
    if (!names.empty()) return std::set<std::string>(names.begin(), names.end());
  }
  if (p.kind == PredKind::And) {
    std::optional<std::set<std::string>> out;
    for (const Pred& c : p.children) {
      if (auto v = implied(c, pack, field)) narrow(out, *v);
    }
    return out;
  }
  if (p.kind == PredKind::Or && !p.children.empty()) {
    std::set<std::string> out;
    for (const Pred& c : p.children) {
      auto v = implied(c, pack, field);
      if (!v) return std::nullopt;
      out.insert(v->begin(), v->end());
    }
    return out;
  }
  return std::nullopt;
}

EventScope scope_of(const Pred& p, const CheckedPack& pack, EventScope outer) {
  if (auto names = implied(p, pack, "eventName")) narrow(outer.names, *names);
  if (auto sources = implied(p, pack, "eventSource")) narrow(outer.sources, *sources);
  return outer;
}

// Records, for every path written in `p`, the scope the conditions around it give.
void scopes_of_paths(const Pred& p, const CheckedPack& pack, const EventScope& outer,
                     std::multimap<std::tuple<uint32_t, uint32_t, uint32_t>, EventScope>& out) {
  const EventScope here = p.kind == PredKind::And ? scope_of(p, pack, outer) : outer;
  auto note = [&](const Operand& o, auto&& self) -> void {
    if (o.kind == Operand::Kind::Field)
      out.emplace(std::tuple{o.span.file, o.span.begin, o.span.end}, here);
    for (const Operand& a : o.args) self(a, self);
  };
  note(p.left, note);
  note(p.right, note);
  for (const Pred& c : p.children) scopes_of_paths(c, pack, here, out);
}

// Events and members are listed up to this many, then counted.
constexpr size_t kListed = 5;

}  // namespace

void Checker::check_event_members(const Pred& where, const std::vector<MemberUse>& uses) {
  const schema::ApiCatalog& catalog = schema::ApiCatalog::builtin();
  std::multimap<std::tuple<uint32_t, uint32_t, uint32_t>, EventScope> scopes;
  scopes_of_paths(where, pack, EventScope{}, scopes);
  const EventScope whole = scope_of(where, pack, EventScope{});
  std::set<std::tuple<uint32_t, uint32_t, uint32_t>> done;
  for (const MemberUse& use : uses) {
    if (use.steps.size() < 2 || use.written.size() != use.steps.size()) continue;
    const bool response = use.steps[0] == "responseElements";
    if (!response && use.steps[0] != "requestParameters") continue;
    const auto key = std::tuple{use.span.file, use.span.begin, use.span.end};
    if (!done.insert(key).second) continue;  // a predicate used twice is reported once
    std::vector<EventScope> around;
    for (auto [it, end] = scopes.equal_range(key); it != end; ++it) around.push_back(it->second);
    // select, group by, order by: the where's scope. A column that only some events fill is
    // normal there, so only conditions get the TB3034 note.
    const bool in_condition = !around.empty();
    if (around.empty()) around.push_back(whole);
    const std::vector<std::string> rel(use.steps.begin() + 1, use.steps.end());
    for (const EventScope& scope : around) {
      if (!scope.names) {
        if (!in_condition) break;  // reading a column of any event is what columns are for
        sink.report(DiagId::UntypedParameters, use.span, use.text);
        break;
      }
      std::vector<std::string> known_in, unknown_in;
      std::set<std::string> members;
      size_t step = rel.size();
      bool unchecked = false;
      for (const std::string& name : *scope.names) {
        std::vector<std::string> recorders = catalog.sources_of(name);
        if (scope.sources) {
          std::erase_if(recorders,
                        [&](const std::string& s) { return scope.sources->count(s) == 0; });
        }
        if (recorders.empty()) unchecked = true;  // a placeholder, or TB3030/TB3032 already
        bool known = false, unknown = false;
        for (const std::string& source : recorders) {
          const schema::MemberCheck r = catalog.check_member(source, name, response, rel);
          if (r.result == schema::MemberCheck::Result::Unchecked) unchecked = true;
          if (r.result == schema::MemberCheck::Result::Known) known = true;
          if (r.result != schema::MemberCheck::Result::Unknown) continue;
          unknown = true;
          if (r.step < step) {
            step = r.step;
            members.clear();
          }
          if (r.step == step) members.insert(r.members.begin(), r.members.end());
        }
        if (known) known_in.push_back(name);
        if (unknown && !known) unknown_in.push_back(name);
      }
      if (unknown_in.empty()) continue;
      const ast::PathStep& at = use.written[step + 1];
      if (known_in.empty() && !unchecked) {
        Diagnostic& d =
            sink.report(response ? DiagId::UnknownResponseMember : DiagId::UnknownRequestMember,
                        at.span, at.name, joined(unknown_in, kListed));
        const std::vector<std::string> candidates(members.begin(), members.end());
        if (!suggest_spelling(d, at.name, at.span, candidates) && !candidates.empty()) {
          d.notes.push_back({"its members are " + joined(candidates, kListed), {}, false});
        }
      } else if (!known_in.empty() && in_condition) {
        Diagnostic& d = sink.report(DiagId::PartialRequestMember, at.span, at.name, known_in.size(),
                                    known_in.size() + unknown_in.size());
        d.notes.push_back({joined(unknown_in, kListed) +
                               (unknown_in.size() == 1 ? " has" : " have") + " no such member",
                           {},
                           false});
      }
    }
  }
}

}  // namespace tb::check
