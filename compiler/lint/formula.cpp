#include "compiler/lint/formula.h"

#include <fmt/format.h>

#include <string>

namespace tb::lint {

using check::CmpOp;
using check::Constant;
using check::Operand;
using check::Pred;
using check::PredKind;

namespace {

// Atoms that test the same thing get one index, so that `x contains "a" or not (x contains "a")`
// is seen as a tautology even though the opaque test is free.
std::string atom_key(const Atom& a) {
  std::string key =
      fmt::format("{}|{}|{}|{}|{}|{}|", static_cast<int>(a.kind), a.var, a.explicit_presence,
                  static_cast<int>(a.value.kind), a.value.display(), static_cast<int>(a.op));
  if (a.pred != nullptr) {
    const Pred& p = *a.pred;
    key += fmt::format("{}|{}|{}|{}|{}|{}|{}|{}", static_cast<int>(p.kind), p.test, p.needle,
                       a.object, static_cast<int>(p.op), p.left.to_upper, p.right.text,
                       p.right.constant.display());
    // Tests over several values, and any/all with their different lambdas, are kept apart.
    if (a.var == kNoVar || p.kind == PredKind::Any || p.kind == PredKind::All) {
      key += fmt::format("|{}", static_cast<const void*>(&p));
    }
  }
  return key;
}

}  // namespace

Formula::Formula(const check::CheckedPack& pack) : pack_(pack) {}

uint32_t Formula::push(Node n) {
  nodes_.push_back(std::move(n));
  return static_cast<uint32_t>(nodes_.size() - 1);
}

uint32_t Formula::make_and(std::vector<uint32_t> children) {
  Node n;
  n.kind = Node::Kind::And;
  n.children = std::move(children);
  return push(std::move(n));
}

uint32_t Formula::make_or(std::vector<uint32_t> children) {
  Node n;
  n.kind = Node::Kind::Or;
  n.children = std::move(children);
  return push(std::move(n));
}

uint32_t Formula::make_not(uint32_t child) {
  Node n;
  n.kind = Node::Kind::Not;
  n.children.push_back(child);
  return push(std::move(n));
}

uint32_t Formula::variable_for(const Operand& operand, uint32_t scope) {
  if (operand.kind == Operand::Kind::MapCase && !operand.args.empty()) {
    return variable_for(operand.args[0], scope);
  }
  if (operand.kind != Operand::Kind::Field && operand.kind != Operand::Kind::Element) {
    return kNoVar;
  }
  return variable(operand.kind == Operand::Kind::Field ? 0 : scope, operand.slot);
}

uint32_t Formula::variable(uint32_t scope, uint32_t slot) {
  auto [it, added] =
      var_index_.emplace(std::make_pair(scope, slot), static_cast<uint32_t>(vars_.size()));
  if (added) {
    vars_.push_back({scope, slot});
    atoms_by_var_.emplace_back();
  }
  return it->second;
}

uint32_t Formula::add(const check::RowPred& p) {
  using Kind = check::RowPred::Kind;
  std::vector<uint32_t> children;
  for (const check::RowPred& c : p.children) children.push_back(add(c));
  switch (p.kind) {
    case Kind::Const: {
      Node n;
      n.kind = p.const_value ? Node::Kind::True : Node::Kind::False;
      return push(std::move(n));
    }
    case Kind::And:
      return make_and(std::move(children));
    case Kind::Or:
      return make_or(std::move(children));
    case Kind::Not:
      return make_not(children.at(0));
    case Kind::Compare: {
      const uint32_t var = variable(kRowScope, p.column);
      Atom a;
      a.var = var;
      a.op = p.op;
      a.value = p.value;
      const bool null = p.value.kind == Constant::Kind::Null;
      a.kind = null                                     ? Atom::Kind::IsNull
               : p.op == CmpOp::Eq || p.op == CmpOp::Ne ? Atom::Kind::Equals
                                                        : Atom::Kind::Order;
      if (null) a.value = Constant{};
      const uint32_t positive = atom_node(std::move(a));
      if (p.op != CmpOp::Ne) return positive;
      Atom present;
      present.kind = Atom::Kind::HasValue;
      present.var = var;
      const uint32_t has = atom_node(std::move(present));
      return null ? has : make_and({has, make_not(positive)});
    }
    case Kind::Test: {
      const uint32_t var = variable(kRowScope, p.column);
      Atom a;
      a.var = var;
      a.kind = p.test == check::RowTest::IsNull     ? Atom::Kind::IsNull
               : p.test == check::RowTest::HasValue ? Atom::Kind::HasValue
                                                    : Atom::Kind::IsMissing;
      const uint32_t node = atom_node(std::move(a));
      return p.test == check::RowTest::Exists ? make_not(node) : node;
    }
  }
  return 0;
}

uint32_t Formula::atom_node(Atom atom) {
  const std::string key = atom_key(atom);
  uint32_t index = 0;
  // Linear in the atoms of one variable: a query has few.
  bool found = false;
  if (atom.var != kNoVar) {
    for (uint32_t i : atoms_by_var_[atom.var]) {
      if (atom_key(atoms_[i]) == key) {
        index = i;
        found = true;
        break;
      }
    }
  }
  if (!found) {
    index = static_cast<uint32_t>(atoms_.size());
    if (atom.var != kNoVar) atoms_by_var_[atom.var].push_back(index);
    atoms_.push_back(std::move(atom));
  }
  Node n;
  n.kind = Node::Kind::Atom;
  n.atom = index;
  return push(std::move(n));
}

uint32_t Formula::add(const Pred& pred) {
  return build(pred, 0, false);
}

uint32_t Formula::build(const Pred& p, uint32_t scope, bool synthetic_presence) {
  auto simple = [&](Atom::Kind kind, uint32_t var) {
    Atom a;
    a.kind = kind;
    a.var = var;
    a.explicit_presence =
        !synthetic_presence && (kind == Atom::Kind::IsNull || kind == Atom::Kind::IsMissing ||
                                kind == Atom::Kind::HasValue);
    return atom_node(std::move(a));
  };
  // R3: a negated test is true iff the value is there and the positive test is false.
  auto negatable = [&](uint32_t positive, uint32_t var) {
    if (!p.negated) return positive;
    Atom present;
    present.kind = Atom::Kind::HasValue;
    present.var = var;
    return make_and({atom_node(std::move(present)), make_not(positive)});
  };
  auto opaque = [&](uint32_t var) {
    Atom a;
    a.kind = Atom::Kind::Opaque;
    a.var = var;
    a.pred = &p;
    if (p.kind == PredKind::Regex || p.kind == PredKind::Cidr || p.kind == PredKind::Time) {
      std::visit(
          [&](const auto& object) {
            using T = std::decay_t<decltype(object)>;
            if constexpr (std::is_same_v<T, std::unique_ptr<semantics::Regex>>) {
              a.object = object.get();
            } else {
              a.object = &object;
            }
          },
          pack_.objects[p.object]);
    }
    return atom_node(std::move(a));
  };

  // What parameters and named lists fold to constants is configuration, set per deployment
  // (`include_console or not from_console`, `not (x in allowed)` with `allowed` empty as
  // shipped): the lint treats it as free, so it reports only what holds for every setting.
  auto configuration = [&] {
    Atom a;
    a.kind = Atom::Kind::Opaque;
    a.pred = &p;
    a.configuration = true;
    return atom_node(std::move(a));
  };
  const bool folded = p.kind == PredKind::Const ||
                      (p.kind == PredKind::In && p.values.empty() && !p.empty_literal) ||
                      ((p.kind == PredKind::And || p.kind == PredKind::Or) && p.children.empty());
  uint32_t node = 0;
  switch (folded ? PredKind::Const : p.kind) {
    case PredKind::Const:
      node = configuration();
      break;
    case PredKind::And:
    case PredKind::Or:
    case PredKind::Not: {
      std::vector<uint32_t> children;
      for (const Pred& c : p.children) {
        // A child with the parent's span is one the checker wrote (`not contains [...]`).
        children.push_back(build(c, scope, same_span(c.span, p.span)));
      }
      node = p.kind == PredKind::And  ? make_and(std::move(children))
             : p.kind == PredKind::Or ? make_or(std::move(children))
                                      : make_not(children.at(0));
      break;
    }
    case PredKind::Compare: {
      const uint32_t var = variable_for(p.left, scope);
      const bool direct =
          p.left.kind == Operand::Kind::Field || p.left.kind == Operand::Kind::Element;
      if (!direct || p.right.kind != Operand::Kind::Constant || var == kNoVar) {
        node = opaque(p.right.kind == Operand::Kind::Constant ? var : kNoVar);
        break;
      }
      const Constant& c = p.right.constant;
      if (c.kind == Constant::Kind::Null && (p.op == CmpOp::Eq || p.op == CmpOp::Ne)) {
        // `== null` is `is null` and `!= null` is `is not null`, as written tests of presence.
        node = simple(p.op == CmpOp::Eq ? Atom::Kind::IsNull : Atom::Kind::HasValue, var);
        break;
      }
      if (p.op == CmpOp::Eq || p.op == CmpOp::Ne) {
        Atom eq;
        eq.kind = Atom::Kind::Equals;
        eq.var = var;
        eq.value = c;
        const uint32_t positive = atom_node(std::move(eq));
        if (p.op == CmpOp::Eq) {
          node = positive;
        } else {
          Atom present;
          present.kind = Atom::Kind::HasValue;
          present.var = var;
          node = make_and({atom_node(std::move(present)), make_not(positive)});
        }
        break;
      }
      Atom order;
      order.kind = Atom::Kind::Order;
      order.var = var;
      order.op = p.op;
      order.value = c;
      node = atom_node(std::move(order));
      break;
    }
    case PredKind::In: {
      const uint32_t var = variable_for(p.left, scope);
      std::vector<uint32_t> options;
      for (const Constant& c : p.values) {
        if (c.kind == Constant::Kind::Null) {
          options.push_back(simple(Atom::Kind::IsNull, var));
          continue;
        }
        Atom eq;
        eq.kind = Atom::Kind::Equals;
        eq.var = var;
        eq.value = c;
        options.push_back(atom_node(std::move(eq)));
      }
      node = negatable(make_or(std::move(options)), var);
      break;
    }
    case PredKind::StringTest:
    case PredKind::Regex:
    case PredKind::Cidr: {
      const uint32_t var = variable_for(p.left, scope);
      node = negatable(opaque(var), var);
      break;
    }
    case PredKind::Time:
      node = opaque(variable_for(p.left, scope));
      break;
    case PredKind::IsNull: {
      const uint32_t var = variable_for(p.left, scope);
      node = simple(p.negated ? Atom::Kind::HasValue : Atom::Kind::IsNull, var);
      break;
    }
    case PredKind::IsMissing: {
      const uint32_t var = variable_for(p.left, scope);
      const uint32_t missing = simple(Atom::Kind::IsMissing, var);
      node = p.negated ? make_not(missing) : missing;
      break;
    }
    case PredKind::Any:
    case PredKind::All: {
      Operand array;
      array.kind = Operand::Kind::Field;
      array.slot = p.slot;
      node = opaque(variable_for(array, scope));
      // The lambda's own formula, over the fields of one element, for linting inside it.
      build(p.children.at(0), 1 + p.slot, false);
      break;
    }
  }
  node_of_[&p] = node;
  return node;
}

bool Formula::reads_fields(uint32_t node) const {
  const Node& n = nodes_[node];
  if (n.kind == Node::Kind::Atom) return !atoms_[n.atom].configuration;
  for (uint32_t c : n.children) {
    if (reads_fields(c)) return true;
  }
  return false;
}

bool Formula::tests_presence(uint32_t node) const {
  const Node& n = nodes_[node];
  if (n.kind == Node::Kind::Atom) return atoms_[n.atom].explicit_presence;
  for (uint32_t c : n.children) {
    if (tests_presence(c)) return true;
  }
  return false;
}

}  // namespace tb::lint
