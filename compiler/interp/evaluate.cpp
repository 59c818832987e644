#include "compiler/interp/evaluate.h"

#include <cstring>
#include <string_view>

#include "compiler/semantics/numeric_compare.h"

namespace tb::interp {

namespace {

using check::CmpOp;
using check::Constant;

bool has_value(const tb_value& v) {
  return v.kind != TB_MISSING && v.kind != TB_NULL;
}

template <typename T>
bool apply(CmpOp op, const T& a, const T& b) {
  switch (op) {
    case CmpOp::Eq:
      return a == b;
    case CmpOp::Ne:
      return a != b;
    case CmpOp::Lt:
      return a < b;
    case CmpOp::Le:
      return a <= b;
    case CmpOp::Gt:
      return a > b;
    case CmpOp::Ge:
      return a >= b;
  }
  return false;
}

// The positive form of a comparison: true only when the value has the constant's type.
bool compare(const tb_value& v, CmpOp op, const Constant& c) {
  switch (c.kind) {
    case Constant::Kind::String: {
      if (v.kind != TB_STRING) return false;
      return apply(op, std::string_view(v.str, v.len), std::string_view(c.string_value));
    }
    case Constant::Kind::Int:
      if (v.kind == TB_INT) return apply(op, v.i, c.int_value);
      if (v.kind == TB_DOUBLE) return semantics::compare_double_int(v.d, op, c.int_value);
      return false;
    case Constant::Kind::Float:
      if (v.kind == TB_DOUBLE) return apply(op, v.d, c.float_value);
      if (v.kind == TB_INT) return semantics::compare_int_double(v.i, op, c.float_value);
      return false;
    case Constant::Kind::Bool:
      return v.kind == TB_BOOL && op == CmpOp::Eq && (v.b != 0) == c.bool_value;
    case Constant::Kind::Null:
      return v.kind == TB_NULL && op == CmpOp::Eq;
  }
  return false;
}

}  // namespace

bool evaluate(const check::Pred& p, const tb_value* slots) {
  switch (p.kind) {
    case check::PredKind::Const:
      return p.const_value;
    case check::PredKind::And:
      return evaluate(p.children[0], slots) && evaluate(p.children[1], slots);
    case check::PredKind::Or:
      return evaluate(p.children[0], slots) || evaluate(p.children[1], slots);
    case check::PredKind::Not:
      return !evaluate(p.children[0], slots);
    case check::PredKind::Compare: {
      const tb_value& v = slots[p.slot];
      // A negated operator needs a value to compare (R3).
      if (p.op == CmpOp::Ne) return has_value(v) && !compare(v, CmpOp::Eq, p.value);
      return compare(v, p.op, p.value);
    }
    case check::PredKind::In: {
      const tb_value& v = slots[p.slot];
      bool any = false;
      for (const Constant& c : p.values) any = any || compare(v, CmpOp::Eq, c);
      return p.negated ? has_value(v) && !any : any;
    }
  }
  return false;
}

uint32_t evaluate_pack(const check::CheckedPack& pack, const tb_value* slots, uint64_t* matched) {
  const uint32_t words = (pack.query_count + 63) / 64;
  std::memset(matched, 0, words * sizeof(uint64_t));
  uint32_t any = 0;
  for (const check::CheckedRunbook& rb : pack.runbooks) {
    for (const check::CheckedQuery& q : rb.queries) {
      if (evaluate(q.where, slots)) {
        matched[q.index / 64] |= uint64_t{1} << (q.index % 64);
        any = 1;
      }
    }
  }
  return any;
}

}  // namespace tb::interp
