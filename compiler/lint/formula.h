#pragma once
// A checked predicate as a boolean formula over constraints on field values, the normal form
// the semantic lint reasons on. Each field (or field of an any/all element) is a variable whose
// value is missing, null or a JSON value; each atom tests one variable. Tests the lint cannot
// decide exactly on every value (regex, contains, CIDR, time, any/all, comparisons of two
// fields, lower()/upper()) are "opaque": exact on concrete strings where possible, otherwise
// free to be true or false, so every conclusion the solver draws stays sound.
#include <cstdint>
#include <map>
#include <vector>

#include "compiler/check/checked.h"

namespace tb::lint {

inline constexpr uint32_t kNoVar = UINT32_MAX;

inline bool same_span(Span a, Span b) {
  return a.file == b.file && a.begin == b.begin && a.end == b.end;
}

// The scope of the output columns that `having` tests.
inline constexpr uint32_t kRowScope = UINT32_MAX;

struct Variable {
  uint32_t scope = 0;  // 0: the record; kRowScope: a row; else 1 + the element slot of an any/all
  uint32_t slot = 0;   // field slot (record) or element field index (element)
};

struct Atom {
  enum class Kind : uint8_t {
    Equals,     // type-strict equality with `value` (R4)
    Order,      // `op` against `value`: numbers by value, strings as text (R5, R9)
    IsNull,     // present and JSON null
    IsMissing,  // absent
    HasValue,   // present and not null
    Opaque,     // `pred`, a positive test true only on some values of the variable
  };
  Kind kind = Kind::Equals;
  uint32_t var = kNoVar;  // kNoVar: an opaque test that reads more than one value
  check::Constant value;
  check::CmpOp op = check::CmpOp::Eq;
  const check::Pred* pred = nullptr;  // Opaque
  const void* object = nullptr;       // Opaque regex, CIDR set or instant of the pack
  bool explicit_presence = false;     // written as exists / is null / is missing / is not null
  bool configuration = false;         // a constant folded from parameters or lists: free
};

struct Node {
  enum class Kind : uint8_t { True, False, And, Or, Not, Atom };
  Kind kind = Kind::True;
  std::vector<uint32_t> children;
  uint32_t atom = 0;
};

// Formulas of one query's predicates, sharing atoms, in one arena.
class Formula {
 public:
  explicit Formula(const check::CheckedPack& pack);

  // Adds the formula of `pred`; the node of each Pred is remembered for node_of().
  uint32_t add(const check::Pred& pred);
  uint32_t node_of(const check::Pred& pred) const { return node_of_.at(&pred); }
  // Adds the formula of a `having`, over the query's output columns.
  uint32_t add(const check::RowPred& having);

  uint32_t make_and(std::vector<uint32_t> children);
  uint32_t make_or(std::vector<uint32_t> children);
  uint32_t make_not(uint32_t child);

  const Node& node(uint32_t i) const { return nodes_[i]; }
  const Atom& atom(uint32_t i) const { return atoms_[i]; }
  const Variable& variable(uint32_t i) const { return vars_[i]; }
  size_t variable_count() const { return vars_.size(); }
  size_t atom_count() const { return atoms_.size(); }
  // Atoms (indices) that test variable `var`.
  const std::vector<uint32_t>& atoms_of(uint32_t var) const { return atoms_by_var_[var]; }

  // Whether the subformula reads a record value at all, and whether it tests presence as the
  // runbook wrote it (exists, is null, is missing, is not null).
  bool reads_fields(uint32_t node) const;
  bool tests_presence(uint32_t node) const;

 private:
  uint32_t build(const check::Pred& p, uint32_t scope, bool synthetic_presence);
  uint32_t atom_node(Atom atom);
  uint32_t variable_for(const check::Operand& operand, uint32_t scope);
  uint32_t variable(uint32_t scope, uint32_t slot);
  uint32_t push(Node n);

  const check::CheckedPack& pack_;
  std::vector<Node> nodes_;
  std::vector<Atom> atoms_;
  std::vector<Variable> vars_;
  std::vector<std::vector<uint32_t>> atoms_by_var_;
  std::map<std::pair<uint32_t, uint32_t>, uint32_t> var_index_;
  std::map<const check::Pred*, uint32_t> node_of_;
};

}  // namespace tb::lint
