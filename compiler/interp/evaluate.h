#pragma once
// The reference interpreter: a plain tree walk over the checked predicates, on records parsed
// whole with simdjson's DOM parser. It defines what every construct means (docs/language.md,
// semantics R1-R12); the JIT kernels, with their projection-only parsing, must agree with it
// on every record.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "compiler/check/checked.h"
#include "runtime/abi/kernel_abi.h"

namespace tb::interp {

class Interpreter {
 public:
  explicit Interpreter(const check::CheckedPack& pack);

  // Evaluates every query of the pack on one record (JSON text). Sets bit q of `matched` when
  // query q matches and returns whether any did. On a record that is not a JSON object,
  // returns false and sets `error`.
  bool evaluate(std::string_view record, uint64_t* matched, std::string& error);

  // The same on slots already extracted (the kernel's input), to compare the two on identical
  // values. Element slots are read from their elements.
  bool evaluate_slots(const tb_value* slots, uint64_t* matched);

  // After evaluate(): the record's value at each slot read whole (element slots stay missing),
  // for outputs. Valid until the next evaluate().
  const std::vector<tb_value>& slots() const { return slots_; }

 private:
  struct Val {
    tb_kind kind = TB_MISSING;
    std::string_view str;
    int64_t i = 0;
    double d = 0;
    bool b = false;
    simdjson::dom::element element;  // arrays and objects
  };

  bool pred(const check::Pred& p, const simdjson::dom::element* current);
  Val operand(const check::Operand& o, const simdjson::dom::element* current);
  Val lookup(simdjson::dom::element from, const std::vector<std::string>& steps) const;
  Val convert(simdjson::dom::element e) const;
  bool equals(const Val& v, const check::Constant& c) const;
  bool order(const Val& v, check::CmpOp op, const check::Constant& c) const;
  tb_value to_slot(const Val& v);

  const check::CheckedPack& pack_;
  std::vector<const void*> objects_;
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
  std::deque<std::string> scratch_;  // lower()/upper() results and raw JSON for slots
  std::vector<tb_value> slots_;
  uint32_t current_slot_ = 0;
  const tb_value* input_slots_ = nullptr;   // evaluate_slots(): values come from here
  const tb_value* current_elem_ = nullptr;  // evaluate_slots(): the current element's fields
  Val from_slot(const tb_value& v) const;
  bool run(uint64_t* matched);  // the element slot of the any/all being evaluated
};

}  // namespace tb::interp
