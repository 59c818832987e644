#include "compiler/lower/prefilter_literals.h"

#include <algorithm>
#include <map>
#include <set>

#include "runtime/abi/kernel_abi.h"

namespace tb::lower {

using check::Constant;
using check::Pred;
using check::PredKind;

namespace {

// A disjunction of literals; a conjunction of clauses. No clause: nothing is required.
using Clause = std::set<std::string>;
using Clauses = std::vector<Clause>;

// At most this many clauses per query: more seldom reject more records, and each costs a check.
constexpr size_t kMaxClauses = 3;

// Whether JSON writes `s` in one way only (given no \u or \/ escape in the record).
bool plain(const std::string& s) {
  return !s.empty() && std::none_of(s.begin(), s.end(), [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
}

// Fewer alternatives first, then longer literals: the clause most likely to reject a record.
bool better(const Clause& a, const Clause& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  auto shortest = [](const Clause& c) {
    size_t n = SIZE_MAX;
    for (const std::string& s : c) n = std::min(n, s.size());
    return n;
  };
  return shortest(a) > shortest(b);
}

Clauses required(const Pred& p) {
  switch (p.kind) {
    case PredKind::Const:
      return p.const_value ? Clauses{} : Clauses{Clause{}};  // false: nothing can match
    case PredKind::And: {
      Clauses out;
      for (const Pred& c : p.children) {
        Clauses part = required(c);
        out.insert(out.end(), part.begin(), part.end());
      }
      return out;
    }
    case PredKind::Or: {
      Clause any;
      for (const Pred& c : p.children) {
        Clauses part = required(c);
        if (part.empty()) return {};  // one alternative requires nothing
        any.merge(*std::min_element(part.begin(), part.end(), better));
      }
      return {any};
    }
    case PredKind::Compare:
      if (p.op == check::CmpOp::Eq && p.right.kind == check::Operand::Kind::Constant &&
          p.left.kind != check::Operand::Kind::MapCase &&
          p.right.constant.kind == Constant::Kind::String && plain(p.right.constant.string_value)) {
        return {Clause{"\"" + p.right.constant.string_value + "\""}};
      }
      return {};
    case PredKind::In: {
      if (p.negated || p.left.kind == check::Operand::Kind::MapCase) return {};
      Clause any;
      for (const Constant& c : p.values) {
        if (c.kind != Constant::Kind::String || !plain(c.string_value)) return {};
        any.insert("\"" + c.string_value + "\"");
      }
      return {any};
    }
    case PredKind::StringTest: {
      if (p.negated || p.left.kind == check::Operand::Kind::MapCase || !plain(p.needle)) return {};
      switch (p.test) {
        case TB_CONTAINS:
          return {Clause{p.needle}};
        case TB_STARTSWITH:
          return {Clause{"\"" + p.needle}};
        case TB_ENDSWITH:
          return {Clause{p.needle + "\""}};
        default:
          return {};  // case-insensitive
      }
    }
    case PredKind::Any:
      return required(p.children.at(0));  // some element satisfies it, so the record holds it
    default:
      return {};
  }
}

}  // namespace

runtime::PrefilterSpec derive_prefilter(const check::CheckedPack& pack) {
  runtime::PrefilterSpec spec;
  spec.clauses.resize(pack.query_count);
  std::map<std::string, uint32_t> ids;
  for (const check::CheckedRunbook& rb : pack.runbooks) {
    for (const check::CheckedQuery& q : rb.queries) {
      Clauses clauses = required(q.where);
      std::sort(clauses.begin(), clauses.end(), better);
      if (clauses.size() > kMaxClauses) clauses.resize(kMaxClauses);
      for (const Clause& clause : clauses) {
        std::vector<uint32_t> alternatives;
        for (const std::string& literal : clause) {
          auto [it, added] = ids.emplace(literal, static_cast<uint32_t>(spec.literals.size()));
          if (added) spec.literals.push_back(literal);
          alternatives.push_back(it->second);
        }
        spec.clauses[q.index].push_back(std::move(alternatives));
      }
    }
  }
  return spec;
}

}  // namespace tb::lower
