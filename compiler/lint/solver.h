#pragma once
// Satisfiability of a lint formula by case splitting. Each variable ranges over a finite set of
// candidate values that stands for every JSON value it could hold: missing, null, each constant
// the formula compares it with, a string and a number different from all of them (numbers also
// between and around the thresholds of order tests), true, false, an object, an array. Opaque
// atoms that the candidate does not decide are split on as free booleans. So "unsatisfiable"
// holds for every real record, and "satisfiable" comes with a witness.
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/lint/formula.h"

namespace tb::lint {

enum class Verdict : uint8_t { Satisfiable, Unsatisfiable, Unknown };

struct Candidate {
  enum class Kind : uint8_t {
    Missing,
    Null,
    String,       // `text`
    OtherString,  // a string equal to no constant of the formula
    Number,       // `number`
    True,
    False,
    Object,
    Array,
  };
  Kind kind = Kind::Missing;
  std::string text;
  check::Constant number;  // Int or Float
};

struct SolveOptions {
  bool present_only = false;  // variables are never missing or null
  uint64_t budget = 20000;    // search steps before giving up with Unknown
};

class Solver {
 public:
  explicit Solver(const Formula& formula);

  Verdict satisfiable(uint32_t node, const SolveOptions& options = {});

  // After Satisfiable: the candidate of each variable (-1 if it did not matter) and whether the
  // witness decides every atom by value (no opaque test was taken as free).
  const std::vector<int>& witness() const { return witness_; }
  bool witness_exact() const { return witness_exact_; }
  const std::vector<Candidate>& candidates(uint32_t var) const { return candidates_[var]; }

 private:
  enum class Truth : uint8_t { False, True, Unknown };
  Truth eval(uint32_t node);
  Truth atom_truth(uint32_t atom);
  Verdict search(uint32_t node);

  const Formula& f_;
  std::vector<std::vector<Candidate>> candidates_;
  std::vector<int> assigned_;  // per variable: candidate index, or -1
  std::vector<int> free_;      // per atom: -1 undecided, 0 false, 1 true (opaque atoms only)
  SolveOptions options_;
  uint64_t steps_ = 0;
  // The first undecided leaf met by eval(): a variable to assign or a free atom to split on.
  uint32_t pending_var_ = kNoVar;
  uint32_t pending_atom_ = kNoVar;
  std::vector<int> witness_;
  bool witness_exact_ = false;
};

}  // namespace tb::lint
