#include "compiler/lint/solver.h"

#include <algorithm>
#include <limits>
#include <string_view>

#include "compiler/semantics/numeric_compare.h"
#include "runtime/abi/kernel_abi.h"
#include "runtime/semantics/cidr.h"
#include "runtime/semantics/number_compare.h"
#include "runtime/semantics/regex.h"

namespace tb::lint {

using check::CmpOp;
using check::Constant;
using check::PredKind;

namespace {

using semantics::holds;

// The sign of a - b for two numeric constants, exactly (R5).
int compare_numbers(const Constant& a, const Constant& b) {
  if (a.kind == Constant::Kind::Int && b.kind == Constant::Kind::Int) {
    return a.int_value < b.int_value ? -1 : a.int_value > b.int_value ? 1 : 0;
  }
  if (a.kind == Constant::Kind::Float && b.kind == Constant::Kind::Float) {
    return a.float_value < b.float_value ? -1 : a.float_value > b.float_value ? 1 : 0;
  }
  if (a.kind == Constant::Kind::Int)
    return semantics::compare_int_double(a.int_value, b.float_value);
  return -semantics::compare_int_double(b.int_value, a.float_value);
}

double as_double(const Constant& c) {
  return c.kind == Constant::Kind::Int ? static_cast<double>(c.int_value) : c.float_value;
}

Constant int_constant(int64_t v) {
  Constant c;
  c.kind = Constant::Kind::Int;
  c.int_value = v;
  return c;
}

Constant float_constant(double v) {
  Constant c;
  c.kind = Constant::Kind::Float;
  c.float_value = v;
  return c;
}

// A number strictly between a < b, if there is one that is easy to name.
std::optional<Constant> between(const Constant& a, const Constant& b) {
  if (a.kind == Constant::Kind::Int && b.kind == Constant::Kind::Int) {
    if (b.int_value - a.int_value >= 2 || (a.int_value < 0 && b.int_value > 0)) {
      return int_constant(a.int_value + 1);
    }
  }
  Constant mid = float_constant(as_double(a) / 2 + as_double(b) / 2);
  if (compare_numbers(a, mid) < 0 && compare_numbers(mid, b) < 0) return mid;
  return std::nullopt;
}

// A number beyond `c` in the direction `step` (+1 or -1).
std::optional<Constant> beyond(const Constant& c, int step) {
  if (c.kind == Constant::Kind::Int) {
    if (step > 0 && c.int_value < std::numeric_limits<int64_t>::max()) {
      return int_constant(c.int_value + 1);
    }
    if (step < 0 && c.int_value > std::numeric_limits<int64_t>::min()) {
      return int_constant(c.int_value - 1);
    }
  }
  const double d = as_double(c);
  Constant out = float_constant(d + step * (1 + std::abs(d)));
  if (compare_numbers(out, c) * step > 0) return out;
  return std::nullopt;
}

std::vector<Candidate> candidates_for(const Formula& f, uint32_t var) {
  std::vector<Candidate> out;
  auto add = [&](Candidate::Kind kind) {
    Candidate c;
    c.kind = kind;
    out.push_back(std::move(c));
  };
  add(Candidate::Kind::Missing);
  add(Candidate::Kind::Null);
  std::vector<std::string> strings;
  std::vector<Constant> numbers;
  for (uint32_t i : f.atoms_of(var)) {
    const Atom& a = f.atom(i);
    if (a.kind != Atom::Kind::Equals && a.kind != Atom::Kind::Order) continue;
    if (a.value.kind == Constant::Kind::String) strings.push_back(a.value.string_value);
    if (a.value.is_number()) numbers.push_back(a.value);
  }
  std::sort(strings.begin(), strings.end());
  strings.erase(std::unique(strings.begin(), strings.end()), strings.end());
  for (std::string& s : strings) {
    Candidate c;
    c.kind = Candidate::Kind::String;
    c.text = std::move(s);
    out.push_back(std::move(c));
  }
  add(Candidate::Kind::OtherString);
  std::sort(numbers.begin(), numbers.end(),
            [](const Constant& a, const Constant& b) { return compare_numbers(a, b) < 0; });
  numbers.erase(
      std::unique(numbers.begin(), numbers.end(),
                  [](const Constant& a, const Constant& b) { return compare_numbers(a, b) == 0; }),
      numbers.end());
  std::vector<Constant> points;
  if (numbers.empty()) {
    points.push_back(int_constant(0));
  } else {
    if (auto below = beyond(numbers.front(), -1)) points.push_back(*below);
    for (size_t i = 0; i < numbers.size(); ++i) {
      points.push_back(numbers[i]);
      if (i + 1 < numbers.size()) {
        if (auto mid = between(numbers[i], numbers[i + 1])) points.push_back(*mid);
      }
    }
    if (auto above = beyond(numbers.back(), 1)) points.push_back(*above);
  }
  for (Constant& n : points) {
    Candidate c;
    c.kind = Candidate::Kind::Number;
    c.number = std::move(n);
    out.push_back(std::move(c));
  }
  add(Candidate::Kind::True);
  add(Candidate::Kind::False);
  add(Candidate::Kind::Object);
  add(Candidate::Kind::Array);
  return out;
}

bool equals(const Candidate& v, const Constant& c) {
  switch (c.kind) {
    case Constant::Kind::String:
      return v.kind == Candidate::Kind::String && v.text == c.string_value;
    case Constant::Kind::Int:
    case Constant::Kind::Float:
      return v.kind == Candidate::Kind::Number && compare_numbers(v.number, c) == 0;
    case Constant::Kind::Bool:
      return v.kind == (c.bool_value ? Candidate::Kind::True : Candidate::Kind::False);
    case Constant::Kind::Null:
      return v.kind == Candidate::Kind::Null;
    default:
      return false;
  }
}

}  // namespace

Solver::Solver(const Formula& formula) : f_(formula) {
  for (uint32_t v = 0; v < f_.variable_count(); ++v) candidates_.push_back(candidates_for(f_, v));
}

Solver::Truth Solver::atom_truth(uint32_t index) {
  const Atom& a = f_.atom(index);
  auto free_value = [&] {
    if (free_[index] < 0) {
      if (pending_var_ == kNoVar && pending_atom_ == kNoVar) pending_atom_ = index;
      return Truth::Unknown;
    }
    return free_[index] != 0 ? Truth::True : Truth::False;
  };
  auto truth = [](bool b) { return b ? Truth::True : Truth::False; };
  if (a.var == kNoVar) return free_value();
  if (assigned_[a.var] < 0) {
    if (pending_var_ == kNoVar && pending_atom_ == kNoVar) pending_var_ = a.var;
    return Truth::Unknown;
  }
  const Candidate& v = candidates_[a.var][assigned_[a.var]];
  const bool has_value = v.kind != Candidate::Kind::Missing && v.kind != Candidate::Kind::Null;
  switch (a.kind) {
    case Atom::Kind::Equals:
      return truth(equals(v, a.value));
    case Atom::Kind::Order:
      if (a.value.is_number()) {
        return truth(v.kind == Candidate::Kind::Number &&
                     holds(a.op, compare_numbers(v.number, a.value)));
      }
      if (a.value.kind == Constant::Kind::String) {
        if (v.kind == Candidate::Kind::String) {
          return truth(holds(a.op, std::string_view(v.text).compare(a.value.string_value)));
        }
        return v.kind == Candidate::Kind::OtherString ? free_value() : Truth::False;
      }
      return Truth::False;
    case Atom::Kind::IsNull:
      return truth(v.kind == Candidate::Kind::Null);
    case Atom::Kind::IsMissing:
      return truth(v.kind == Candidate::Kind::Missing);
    case Atom::Kind::HasValue:
      return truth(has_value);
    case Atom::Kind::Opaque:
      break;
  }
  const check::Pred& p = *a.pred;
  if (p.kind == PredKind::Any || p.kind == PredKind::All) {
    return v.kind == Candidate::Kind::Array ? free_value() : Truth::False;
  }
  // Every other opaque test reads a string: regex, CIDR, time and the string operators are
  // false on anything else (R6-R9), and lower()/upper() of a non-string is missing.
  if (v.kind == Candidate::Kind::OtherString) return free_value();
  if (v.kind != Candidate::Kind::String) return Truth::False;
  const std::string& s = v.text;
  switch (p.kind) {
    case PredKind::StringTest:
      return truth(
          tb_host_string_test(p.test, s.data(), s.size(), p.needle.data(), p.needle.size()) != 0);
    case PredKind::Regex:
      return truth(static_cast<const semantics::Regex*>(a.object)->partial_match(s));
    case PredKind::Cidr:
      return truth(static_cast<const semantics::CidrSet*>(a.object)->contains(s));
    case PredKind::Time: {
      int32_t order = 0;
      if (tb_host_time_compare(s.data(), s.size(), a.object, &order) == 0) return Truth::False;
      return truth(holds(p.op, order));
    }
    default:
      return free_value();  // lower()/upper() compared with a constant
  }
}

Solver::Truth Solver::eval(uint32_t index) {
  const Node& n = f_.node(index);
  switch (n.kind) {
    case Node::Kind::True:
      return Truth::True;
    case Node::Kind::False:
      return Truth::False;
    case Node::Kind::Atom:
      return atom_truth(n.atom);
    case Node::Kind::Not: {
      const Truth t = eval(n.children[0]);
      return t == Truth::Unknown ? t : t == Truth::True ? Truth::False : Truth::True;
    }
    case Node::Kind::And:
    case Node::Kind::Or: {
      const Truth stop = n.kind == Node::Kind::And ? Truth::False : Truth::True;
      Truth result = n.kind == Node::Kind::And ? Truth::True : Truth::False;
      for (uint32_t c : n.children) {
        const Truth t = eval(c);
        if (t == stop) return stop;
        if (t == Truth::Unknown) result = Truth::Unknown;
      }
      return result;
    }
  }
  return Truth::Unknown;
}

Verdict Solver::search(uint32_t node) {
  if (++steps_ > options_.budget) return Verdict::Unknown;
  pending_var_ = kNoVar;
  pending_atom_ = kNoVar;
  const Truth t = eval(node);
  if (t == Truth::True) {
    witness_ = assigned_;
    witness_exact_ = std::none_of(free_.begin(), free_.end(), [](int x) { return x >= 0; });
    return Verdict::Satisfiable;
  }
  if (t == Truth::False) return Verdict::Unsatisfiable;
  bool unknown = false;
  if (pending_var_ != kNoVar) {
    const uint32_t var = pending_var_;
    const auto& options = candidates_[var];
    for (size_t i = 0; i < options.size(); ++i) {
      const Candidate::Kind kind = options[i].kind;
      if (options_.present_only &&
          (kind == Candidate::Kind::Missing || kind == Candidate::Kind::Null)) {
        continue;
      }
      assigned_[var] = static_cast<int>(i);
      const Verdict v = search(node);
      if (v == Verdict::Satisfiable) {
        assigned_[var] = -1;
        return v;
      }
      unknown = unknown || v == Verdict::Unknown;
    }
    assigned_[var] = -1;
  } else if (pending_atom_ != kNoVar) {
    const uint32_t atom = pending_atom_;
    for (int value : {1, 0}) {
      free_[atom] = value;
      const Verdict v = search(node);
      if (v == Verdict::Satisfiable) {
        free_[atom] = -1;
        return v;
      }
      unknown = unknown || v == Verdict::Unknown;
    }
    free_[atom] = -1;
  }
  return unknown ? Verdict::Unknown : Verdict::Unsatisfiable;
}

Verdict Solver::satisfiable(uint32_t node, const SolveOptions& options) {
  options_ = options;
  steps_ = 0;
  assigned_.assign(f_.variable_count(), -1);
  free_.assign(f_.atom_count(), -1);
  return search(node);
}

}  // namespace tb::lint
