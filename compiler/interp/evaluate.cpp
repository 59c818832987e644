#include "compiler/interp/evaluate.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "compiler/semantics/numeric_compare.h"
#include "runtime/exec/record_checks.h"
#include "runtime/semantics/case_fold.h"
#include "runtime/semantics/cidr.h"
#include "runtime/semantics/regex.h"
#include "runtime/semantics/timestamp.h"

namespace tb::interp {

namespace {

using check::CmpOp;
using check::Constant;
using check::Operand;
using check::Pred;
using check::PredKind;
namespace dom = simdjson::dom;

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

bool is_number(tb_kind k) {
  return k == TB_INT || k == TB_DOUBLE;
}

// Nesting the DOM parser accepts on a retry; deeper records are reported as too deep.
constexpr size_t kMaxDepth = 65536;

}  // namespace

Interpreter::Interpreter(const check::CheckedPack& pack)
    : pack_(pack), objects_(pack.object_table()), slots_(pack.fields.size()) {}

Interpreter::Val Interpreter::convert(dom::element e) const {
  Val v;
  switch (e.type()) {
    case dom::element_type::STRING:
      v.kind = TB_STRING;
      v.str = std::string_view(e.get_string().value_unsafe());
      break;
    case dom::element_type::INT64:
      v.kind = TB_INT;
      v.i = e.get_int64().value_unsafe();
      break;
    case dom::element_type::UINT64:
      v.kind = TB_DOUBLE;  // above int64's range
      v.d = static_cast<double>(e.get_uint64().value_unsafe());
      break;
    case dom::element_type::DOUBLE:
      v.kind = TB_DOUBLE;
      v.d = e.get_double().value_unsafe();
      break;
    case dom::element_type::BOOL:
      v.kind = TB_BOOL;
      v.b = e.get_bool().value_unsafe();
      break;
    case dom::element_type::NULL_VALUE:
      v.kind = TB_NULL;
      break;
    case dom::element_type::ARRAY:
      v.kind = TB_ARRAY;
      v.element = e;
      break;
    case dom::element_type::OBJECT:
      v.kind = TB_OBJECT;
      v.element = e;
      break;
  }
  return v;
}

// Semantics R1: a key absent anywhere, or a step through a non-object, is missing.
Interpreter::Val Interpreter::lookup(dom::element from,
                                     const std::vector<std::string>& steps) const {
  dom::element cur = from;
  for (const std::string& step : steps) {
    dom::object obj;
    if (cur.get_object().get(obj) != simdjson::SUCCESS) return Val{};
    dom::element next;
    if (obj.at_key(step).get(next) != simdjson::SUCCESS) return Val{};
    cur = next;
  }
  return convert(cur);
}

Interpreter::Val Interpreter::operand(const Operand& o, const dom::element* current) {
  switch (o.kind) {
    case Operand::Kind::Field:
      if (input_slots_ != nullptr) return from_slot(input_slots_[o.slot]);
      return lookup(root_, pack_.fields[o.slot].steps);
    case Operand::Kind::Element: {
      if (input_slots_ != nullptr) return from_slot(current_elem_[o.slot]);
      const auto& steps = pack_.fields[current_slot_].element_fields[o.slot];
      return lookup(*current, steps);
    }
    case Operand::Kind::MapCase: {
      Val in = operand(o.args[0], current);
      if (in.kind != TB_STRING) return Val{};
      scratch_.push_back(o.to_upper ? semantics::to_upper(in.str) : semantics::to_lower(in.str));
      Val out;
      out.kind = TB_STRING;
      out.str = scratch_.back();
      return out;
    }
    case Operand::Kind::Constant:
      break;
  }
  return Val{};
}

// Type-strict equality with a constant (R4).
bool Interpreter::equals(const Val& v, const Constant& c) const {
  switch (c.kind) {
    case Constant::Kind::String:
      return v.kind == TB_STRING && v.str == c.string_value;
    case Constant::Kind::Int:
      if (v.kind == TB_INT) return v.i == c.int_value;
      if (v.kind == TB_DOUBLE) return semantics::compare_double_int(v.d, CmpOp::Eq, c.int_value);
      return false;
    case Constant::Kind::Float:
      if (v.kind == TB_INT) return semantics::compare_int_double(v.i, CmpOp::Eq, c.float_value);
      if (v.kind == TB_DOUBLE) return v.d == c.float_value;
      return false;
    case Constant::Kind::Bool:
      return v.kind == TB_BOOL && v.b == c.bool_value;
    case Constant::Kind::Null:
      return v.kind == TB_NULL;
    default:
      return false;
  }
}

// Order on numbers by exact value (R5); text order for a string constant (timestamps, R9).
bool Interpreter::order(const Val& v, CmpOp op, const Constant& c) const {
  if (c.kind == Constant::Kind::String) {
    return v.kind == TB_STRING && apply(op, v.str, std::string_view(c.string_value));
  }
  if (c.kind == Constant::Kind::Int) {
    if (v.kind == TB_INT) return apply(op, v.i, c.int_value);
    if (v.kind == TB_DOUBLE) return semantics::compare_double_int(v.d, op, c.int_value);
    return false;
  }
  if (c.kind == Constant::Kind::Float) {
    if (v.kind == TB_INT) return semantics::compare_int_double(v.i, op, c.float_value);
    if (v.kind == TB_DOUBLE) return apply(op, v.d, c.float_value);
  }
  return false;
}

bool Interpreter::pred(const Pred& p, const dom::element* current) {
  auto has_value = [](const Val& v) { return v.kind != TB_MISSING && v.kind != TB_NULL; };
  // Negated tests need a value and a false positive form (R3).
  auto negatable = [&](const Val& v, bool positive) {
    return p.negated ? has_value(v) && !positive : positive;
  };
  switch (p.kind) {
    case PredKind::Const:
      return p.const_value;
    case PredKind::And:
      for (const Pred& c : p.children) {
        if (!pred(c, current)) return false;
      }
      return true;
    case PredKind::Or:
      for (const Pred& c : p.children) {
        if (pred(c, current)) return true;
      }
      return false;
    case PredKind::Not:
      return !pred(p.children[0], current);
    case PredKind::Compare: {
      const Val a = operand(p.left, current);
      if (p.right.kind != Operand::Kind::Constant) {
        const Val b = operand(p.right, current);
        if (!has_value(a) || !has_value(b)) return false;
        auto eq = [&] {
          if (is_number(a.kind) && is_number(b.kind)) {
            if (a.kind == TB_INT && b.kind == TB_INT) return a.i == b.i;
            if (a.kind == TB_DOUBLE && b.kind == TB_DOUBLE) return a.d == b.d;
            if (a.kind == TB_INT) return semantics::compare_int_double(a.i, CmpOp::Eq, b.d);
            return semantics::compare_double_int(a.d, CmpOp::Eq, b.i);
          }
          if (a.kind != b.kind) return false;
          if (a.kind == TB_STRING) return a.str == b.str;
          if (a.kind == TB_BOOL) return a.b == b.b;
          return false;
        };
        if (p.op == CmpOp::Eq) return eq();
        if (p.op == CmpOp::Ne) return !eq();
        if (!is_number(a.kind) || !is_number(b.kind)) return false;
        if (a.kind == TB_INT && b.kind == TB_INT) return apply(p.op, a.i, b.i);
        if (a.kind == TB_DOUBLE && b.kind == TB_DOUBLE) return apply(p.op, a.d, b.d);
        if (a.kind == TB_INT) return semantics::compare_int_double(a.i, p.op, b.d);
        return semantics::compare_double_int(a.d, p.op, b.i);
      }
      const Constant& c = p.right.constant;
      if (p.op == CmpOp::Eq) return equals(a, c);
      if (p.op == CmpOp::Ne) return has_value(a) && !equals(a, c);
      return order(a, p.op, c);
    }
    case PredKind::In: {
      const Val v = operand(p.left, current);
      bool any = false;
      for (const Constant& c : p.values) any = any || equals(v, c);
      return negatable(v, any);
    }
    case PredKind::StringTest: {
      const Val v = operand(p.left, current);
      // The one dispatch from test code to runtime/semantics, shared with the kernels.
      const bool hit =
          v.kind == TB_STRING && tb_host_string_test(p.test, v.str.data(), v.str.size(),
                                                     p.needle.data(), p.needle.size()) != 0;
      return negatable(v, hit);
    }
    case PredKind::Regex: {
      const Val v = operand(p.left, current);
      const auto* re = static_cast<const semantics::Regex*>(objects_[p.object]);
      return negatable(v, v.kind == TB_STRING && re->partial_match(v.str));
    }
    case PredKind::Cidr: {
      const Val v = operand(p.left, current);
      const auto* set = static_cast<const semantics::CidrSet*>(objects_[p.object]);
      return negatable(v, v.kind == TB_STRING && set->contains(v.str));
    }
    case PredKind::Time: {
      const Val v = operand(p.left, current);
      if (v.kind != TB_STRING) return false;
      auto instant = semantics::parse_rfc3339(v.str);
      if (!instant) return false;  // neither inside nor outside any window (R9)
      const auto* bound = static_cast<const semantics::Instant*>(objects_[p.object]);
      return apply(p.op, semantics::compare(*instant, *bound), 0);
    }
    case PredKind::IsNull: {
      const Val v = operand(p.left, current);
      return p.negated ? has_value(v) : v.kind == TB_NULL;
    }
    case PredKind::IsMissing: {
      const Val v = operand(p.left, current);
      return p.negated ? v.kind != TB_MISSING : v.kind == TB_MISSING;
    }
    case PredKind::Any:
    case PredKind::All: {
      // R10: arrays only; any is false and all true on []; both false on a non-array.
      const bool is_any = p.kind == PredKind::Any;
      if (input_slots_ != nullptr) {
        const tb_value& array = input_slots_[p.slot];
        if (array.kind != TB_ARRAY) return false;
        const size_t width = pack_.fields[p.slot].element_fields.size();
        const tb_value* saved_elem = current_elem_;
        bool result = !is_any;
        for (uint32_t i = 0; i < array.len; ++i) {
          current_elem_ = array.elems + i * width;
          if (pred(p.children[0], nullptr) == is_any) {
            result = is_any;
            break;
          }
        }
        current_elem_ = saved_elem;
        return result;
      }
      const Val v = lookup(root_, pack_.fields[p.slot].steps);
      if (v.kind != TB_ARRAY) return false;
      const uint32_t saved = current_slot_;
      current_slot_ = p.slot;
      bool result = !is_any;
      for (dom::element e : dom::array(v.element.get_array().value_unsafe())) {
        if (pred(p.children[0], &e) == is_any) {
          result = is_any;
          break;
        }
      }
      current_slot_ = saved;
      return result;
    }
  }
  return false;
}

tb_value Interpreter::to_slot(const Val& v) {
  tb_value out{};
  out.kind = v.kind;
  switch (v.kind) {
    case TB_STRING:
      out.len = static_cast<uint32_t>(v.str.size());
      out.str = v.str.data();
      break;
    case TB_INT:
      out.i = v.i;
      break;
    case TB_DOUBLE:
      out.d = v.d;
      break;
    case TB_BOOL:
      out.b = v.b ? 1 : 0;
      break;
    case TB_ARRAY:
    case TB_OBJECT:
      scratch_.push_back(simdjson::minify(v.element));
      out.len = static_cast<uint32_t>(scratch_.back().size());
      out.str = scratch_.back().data();
      break;
    default:
      break;
  }
  return out;
}

bool Interpreter::evaluate(std::string_view record, uint64_t* matched, std::string& error) {
  scratch_.clear();
  const uint32_t words = (pack_.query_count + 63) / 64;
  std::memset(matched, 0, words * sizeof(uint64_t));
  auto e = parser_.parse(record.data(), record.size()).get(root_);
  if (e == simdjson::DEPTH_ERROR && parser_.max_depth() < kMaxDepth) {
    // Every JSON object is a record however deeply it nests (R12), as the extractor reads it;
    // the parser's default stops at 1024 levels. An empty array takes two bytes a level.
    // kMaxDepth keeps minify(), which recurses every 16 levels, within the stack.
    e = parser_.allocate(std::max(parser_.capacity(), record.size()),
                         std::min(kMaxDepth, record.size() / 2 + 1));
    if (!e) e = parser_.parse(record.data(), record.size()).get(root_);
  }
  if (e) {
    error = runtime::record_error_message(e, record);  // the kernel's words: UTF-8 offset, depth
    return false;
  }
  if (root_.type() != dom::element_type::OBJECT) {
    error = "the record is not a JSON object";
    return false;
  }
  input_slots_ = nullptr;
  const bool any = run(matched);
  for (size_t slot = 0; slot < pack_.fields.size(); ++slot) {
    slots_[slot] =
        pack_.fields[slot].elements ? tb_value{} : to_slot(lookup(root_, pack_.fields[slot].steps));
  }
  return any;
}

Interpreter::Val Interpreter::from_slot(const tb_value& v) const {
  Val out;
  out.kind = static_cast<tb_kind>(v.kind);
  switch (v.kind) {
    case TB_STRING:
      out.str = std::string_view(v.str, v.len);
      break;
    case TB_INT:
      out.i = v.i;
      break;
    case TB_DOUBLE:
      out.d = v.d;
      break;
    case TB_BOOL:
      out.b = v.b != 0;
      break;
    default:
      break;  // objects and arrays are never compared
  }
  return out;
}

bool Interpreter::evaluate_slots(const tb_value* slots, uint64_t* matched) {
  scratch_.clear();
  const uint32_t words = (pack_.query_count + 63) / 64;
  std::memset(matched, 0, words * sizeof(uint64_t));
  input_slots_ = slots;
  const bool any = run(matched);
  input_slots_ = nullptr;
  return any;
}

bool Interpreter::run(uint64_t* matched) {
  bool any = false;
  for (const check::CheckedRunbook& rb : pack_.runbooks) {
    for (const check::CheckedQuery& q : rb.queries) {
      if (pred(q.where, nullptr)) {
        matched[q.index / 64] |= uint64_t{1} << (q.index % 64);
        any = true;
      }
    }
  }
  return any;
}

}  // namespace tb::interp
