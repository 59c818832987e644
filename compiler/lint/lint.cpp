#include "compiler/lint/lint.h"

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "compiler/lint/formula.h"
#include "compiler/lint/solver.h"

namespace tb::lint {

using check::CmpOp;
using check::Pred;
using check::PredKind;

namespace {

bool compound(const Pred& p) {
  return p.kind == PredKind::And || p.kind == PredKind::Or || p.kind == PredKind::Not;
}

// The fields a condition reads, as written, in order of first use.
void fields_read(const Pred& p, std::vector<std::string>& out) {
  auto add = [&](const check::Operand& o) {
    if (o.kind == check::Operand::Kind::Constant || o.text.empty()) return;
    for (const std::string& s : out) {
      if (s == o.text) return;
    }
    out.push_back(o.text);
  };
  if (!compound(p) && p.kind != PredKind::Const) {
    add(p.left);
    add(p.right);
  }
  if (p.kind == PredKind::Any || p.kind == PredKind::All) return;
  for (const Pred& c : p.children) fields_read(c, out);
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += "'" + items[i] + "'";
  }
  return out;
}

// For `x != "a" or x != "b"` (and `not in` lists) on one field: the `not in` it likely meant.
std::optional<std::string> meant_not_in(const Pred& p) {
  if (p.kind != PredKind::Or || p.children.size() < 2) return std::nullopt;
  std::string field;
  std::vector<std::string> values;
  for (const Pred& c : p.children) {
    const bool ne = c.kind == PredKind::Compare && c.op == CmpOp::Ne &&
                    c.right.kind == check::Operand::Kind::Constant;
    const bool not_in = c.kind == PredKind::In && c.negated;
    if (!ne && !not_in) return std::nullopt;
    if (!field.empty() && c.left.text != field) return std::nullopt;
    field = c.left.text;
    if (ne) values.push_back(c.right.constant.display());
    for (const check::Constant& v : c.values) values.push_back(v.display());
  }
  std::string list;
  for (size_t i = 0; i < values.size(); ++i) list += (i > 0 ? ", " : "") + values[i];
  return field + " not in [" + list + "]";
}

// Pairwise questions (redundant terms, which two terms conflict) are asked of at most this many
// terms of one `and`/`or`.
constexpr size_t kMaxTerms = 64;

// Generated packs can hold conditions of tens of thousands of terms; the lint is quadratic in
// the terms of one `and`, so it skips what no person writes.
bool small_enough(const Pred& p, size_t depth = 0) {
  size_t budget = 4000;
  auto walk = [&](auto&& self, const Pred& n, size_t d) -> bool {
    if (d > 200 || budget == 0) return false;
    --budget;
    for (const Pred& c : n.children) {
      if (!self(self, c, d + 1)) return false;
    }
    return true;
  };
  return walk(walk, p, depth);
}

class QueryLint {
 public:
  QueryLint(const check::CheckedPack& pack, const SourceManager& sources, DiagnosticSink& sink,
            std::set<std::tuple<uint32_t, uint32_t, uint32_t, int>>& reported)
      : f_(pack), sources_(sources), sink_(sink), reported_(reported) {}

  void run(const check::CheckedQuery& q, const std::string& display) {
    f_.add(q.where);
    const uint32_t having = q.having ? f_.add(*q.having) : 0;
    solver_ = std::make_unique<Solver>(f_);
    never(q.where, nullptr);
    always(q.where, nullptr);
    redundant(q.where, nullptr);
    if (q.limit && *q.limit == 0) {
      report_once(DiagId::UnreachableQuery, q.limit_span, display, "it is limited to 0 rows");
    } else if (q.having && unsat(having)) {
      report_once(DiagId::UnreachableQuery, q.having_span, display,
                  "its 'having' is never true of a row");
    }
  }

 private:
  Verdict sat(uint32_t node, bool present_only = false) {
    SolveOptions options;
    options.present_only = present_only;
    return solver_->satisfiable(node, options);
  }
  bool unsat(uint32_t node, bool present_only = false) {
    return sat(node, present_only) == Verdict::Unsatisfiable;
  }
  bool reads(const Pred& p) const { return f_.reads_fields(f_.node_of(p)); }

  // Reports once per place: a predicate used by several queries is linted in each.
  template <typename... Args>
  Diagnostic* report_once(DiagId id, Span at, const Args&... args) {
    if (!reported_.insert({at.file, at.begin, at.end, static_cast<int>(id)}).second) {
      return nullptr;
    }
    return &sink_.report(id, at, args...);
  }

  std::string text_of(Span s) const {
    std::string t(sources_.file(s.file).text().substr(s.begin, s.end - s.begin));
    if (t.size() > 60) t = t.substr(0, 57) + "...";
    return t;
  }

  // `x in []` as written. A named list left empty is configuration (filled in by --param or an
  // edit), and what it makes constant is not reported.
  bool empty_list(const Pred& p) {
    if (p.kind != PredKind::In || !p.empty_literal) return false;
    flagged_.insert(&p);
    Diagnostic* d = p.negated
                        ? report_once(DiagId::TrueWhenPresent, p.span, "'" + p.left.text + "'")
                        : report_once(DiagId::NeverTrue, p.span);
    if (d != nullptr) d->notes.push_back({"the list is empty", {}, false});
    return true;
  }

  // Contradictions: the smallest conditions that can never be true.
  void never(const Pred& p, const Pred* parent) {
    if (empty_list(p) || !reads(p)) return;
    if (unsat(f_.node_of(p))) {
      report_never(p, parent);
      return;
    }
    for (const Pred& c : p.children) never(c, &p);
  }

  void report_never(const Pred& p, const Pred* parent) {
    if (p.kind == PredKind::And || p.kind == PredKind::Or) {
      std::vector<const Pred*> culprits;
      bool empty = false;  // `x in []` written in place, reported with its own note
      for (const Pred& c : p.children) {
        if (c.kind == PredKind::In && c.empty_literal && !c.negated) {
          empty = empty_list(c) || empty;
        } else if (reads(c) && unsat(f_.node_of(c))) {
          culprits.push_back(&c);
        }
      }
      if (!culprits.empty() || empty) {
        for (const Pred* c : culprits) report_never(*c, &p);
        return;
      }
    }
    const bool synthetic = parent != nullptr && same_span(p.span, parent->span);
    flagged_.insert(&p);
    Diagnostic* d = report_once(DiagId::NeverTrue, synthetic ? parent->span : p.span);
    if (d == nullptr || p.kind != PredKind::And || p.children.size() > kMaxTerms) return;
    // Name two conditions that exclude each other, when two are enough.
    for (size_t i = 0; i < p.children.size(); ++i) {
      for (size_t j = i + 1; j < p.children.size(); ++j) {
        const Pred& a = p.children[i];
        const Pred& b = p.children[j];
        if (!reads(a) || !reads(b)) continue;
        if (unsat(f_.make_and({f_.node_of(a), f_.node_of(b)}))) {
          d->notes.push_back({"'" + text_of(a.span) + "' and '" + text_of(b.span) +
                                  "' cannot both be true of one record",
                              b.span, true});
          return;
        }
      }
    }
  }

  // Whether `p` holds a contradiction or tautology already reported: what follows from it is not
  // reported again (`not (x == 1 and x == 2)` is always true because of its inner contradiction).
  bool holds_reported(const Pred& p) const {
    if (flagged_.count(&p) != 0) return true;
    for (const Pred& c : p.children) {
      if (holds_reported(c)) return true;
    }
    return false;
  }

  // Tautologies: the largest conditions that are always true, or true whenever their fields
  // have values.
  void always(const Pred& p, const Pred* parent) {
    if (!reads(p) || (parent != nullptr && same_span(p.span, parent->span))) return;
    if (holds_reported(p)) {
      for (const Pred& c : p.children) always(c, &p);
      return;
    }
    const uint32_t n = f_.node_of(p);
    if (unsat(f_.make_not(n))) {
      flagged_.insert(&p);
      if (Diagnostic* d = report_once(DiagId::AlwaysTrue, p.span)) {
        d->notes.push_back(
            {"every record satisfies it, even one without the fields it reads", {}, false});
      }
      return;
    }
    if (compound(p) && !f_.tests_presence(n) && unsat(f_.make_not(n), true)) {
      flagged_.insert(&p);
      std::vector<std::string> fields;
      fields_read(p, fields);
      if (Diagnostic* d = report_once(DiagId::TrueWhenPresent, p.span, quoted_list(fields))) {
        if (auto fix = meant_not_in(p)) {
          d->notes.push_back(
              {"each value differs from at least one of them; to exclude them all, "
               "write `" +
                   *fix + "`",
               {},
               false});
          d->fixits.push_back({p.span, *fix});
        } else {
          d->notes.push_back({"if that is what you mean, test `is not null` instead", {}, false});
        }
      }
      return;
    }
    for (const Pred& c : p.children) always(c, &p);
  }

  // Terms that change nothing: implied by the rest of an `and`, or covered by the rest of an
  // `or`. Later duplicates are reported, earlier ones kept.
  void redundant(const Pred& p, const Pred* parent) {
    const bool synthetic = parent != nullptr && same_span(p.span, parent->span);
    if ((p.kind == PredKind::And || p.kind == PredKind::Or) && !synthetic &&
        p.children.size() >= 2 && p.children.size() <= kMaxTerms && !holds_reported(p) &&
        sat(f_.node_of(p)) == Verdict::Satisfiable &&
        sat(f_.make_not(f_.node_of(p))) == Verdict::Satisfiable) {
      std::vector<bool> dropped(p.children.size(), false);
      for (size_t i = p.children.size(); i-- > 0;) {
        const Pred& c = p.children[i];
        if (!reads(c) || same_span(c.span, p.span)) continue;
        std::vector<uint32_t> others;
        for (size_t j = 0; j < p.children.size(); ++j) {
          if (j != i && !dropped[j]) others.push_back(f_.node_of(p.children[j]));
        }
        if (others.empty()) continue;
        const uint32_t ci = f_.node_of(c);
        const uint32_t question = p.kind == PredKind::And
                                      ? f_.make_and({f_.make_and(others), f_.make_not(ci)})
                                      : f_.make_and({ci, f_.make_not(f_.make_or(others))});
        if (!unsat(question)) continue;
        dropped[i] = true;
        if (Diagnostic* d = report_once(DiagId::RedundantTerm, c.span)) {
          d->notes.push_back({p.kind == PredKind::And
                                  ? "the other conditions of this 'and' already imply it"
                                  : "the other alternatives of this 'or' already cover it",
                              p.span, true});
        }
      }
    }
    for (const Pred& c : p.children) redundant(c, &p);
  }

  Formula f_;
  std::unique_ptr<Solver> solver_;
  const SourceManager& sources_;
  DiagnosticSink& sink_;
  std::set<std::tuple<uint32_t, uint32_t, uint32_t, int>>& reported_;
  std::set<const Pred*> flagged_;
};

}  // namespace

void lint_pack(const check::CheckedPack& pack, const SourceManager& sources, DiagnosticSink& sink) {
  std::set<std::tuple<uint32_t, uint32_t, uint32_t, int>> reported;
  for (const check::CheckedRunbook& rb : pack.runbooks) {
    for (const check::CheckedQuery& q : rb.queries) {
      if (!small_enough(q.where)) continue;
      QueryLint(pack, sources, sink, reported).run(q, q.name.empty() ? rb.name : q.name);
    }
  }
}

}  // namespace tb::lint
