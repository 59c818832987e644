#include "runtime/aggregate/value.h"

#include <bit>
#include <cmath>
#include <functional>

#include "runtime/semantics/json_text.h"
#include "runtime/semantics/number_compare.h"

namespace tb::runtime::aggregate {

namespace {

constexpr double kTwo63 = 9223372036854775808.0;  // 2^63, exactly representable

bool holds_text(tb_kind kind) {
  return kind == TB_STRING || kind == TB_OBJECT || kind == TB_ARRAY;
}

// The position of a kind's group in the total order; int and double share one.
int rank(tb_kind kind) {
  switch (kind) {
    case TB_MISSING:
      return 0;
    case TB_NULL:
      return 1;
    case TB_BOOL:
      return 2;
    case TB_INT:
    case TB_DOUBLE:
      return 3;
    case TB_STRING:
      return 4;
    case TB_ARRAY:
      return 5;
    case TB_OBJECT:
      return 6;
  }
  return 0;
}

template <typename T>
int three_way(T a, T b) {
  return a < b ? -1 : b < a ? 1 : 0;
}

int compare_numbers(const Value& a, const Value& b) {
  if (a.kind == TB_INT && b.kind == TB_INT) return three_way(a.i, b.i);
  if (a.kind == TB_DOUBLE && b.kind == TB_DOUBLE) return three_way(a.d, b.d);
  if (a.kind == TB_INT) return semantics::compare_int_double(a.i, b.d);
  return -semantics::compare_int_double(b.i, a.d);
}

// Same-rank comparison.
int compare_within_rank(const Value& a, const Value& b) {
  switch (a.kind) {
    case TB_BOOL:
      return three_way(a.b, b.b);
    case TB_INT:
    case TB_DOUBLE:
      return compare_numbers(a, b);
    case TB_STRING:
    case TB_ARRAY:
    case TB_OBJECT: {
      // char_traits<char> compares as unsigned char: byte order, code point order for UTF-8.
      const int c = a.text.compare(b.text);
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    default:
      return 0;  // missing, null
  }
}

size_t mix(uint64_t x) {  // splitmix64's finalizer
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return static_cast<size_t>(x ^ (x >> 31));
}

// Integral doubles in int64's range hash as that integer, so that 1.0 and 1 collide as they must.
size_t hash_number(const Value& v) {
  if (v.kind == TB_INT) return mix(static_cast<uint64_t>(v.i));
  if (v.d == std::trunc(v.d) && v.d >= -kTwo63 && v.d < kTwo63) {
    return mix(static_cast<uint64_t>(static_cast<int64_t>(v.d)));
  }
  return mix(std::bit_cast<uint64_t>(v.d) ^ 0x5DEECE66Dull);
}

}  // namespace

Value Value::from(const tb_value& v) {
  Value out;
  out.assign(v);
  return out;
}

Value Value::null_value() {
  Value v;
  v.kind = TB_NULL;
  return v;
}

Value Value::of_bool(bool value) {
  Value v;
  v.kind = TB_BOOL;
  v.b = value;
  return v;
}

Value Value::of_int(int64_t value) {
  Value v;
  v.kind = TB_INT;
  v.i = value;
  return v;
}

Value Value::of_double(double value) {
  Value v;
  v.kind = TB_DOUBLE;
  v.d = value;
  return v;
}

Value Value::of_string(std::string_view bytes) {
  return of_json(TB_STRING, bytes);
}

Value Value::of_json(tb_kind json_kind, std::string_view raw) {
  Value v;
  v.kind = json_kind;
  v.text = raw;
  return v;
}

void Value::assign(const tb_value& v) {
  kind = static_cast<tb_kind>(v.kind);
  text.clear();
  switch (kind) {
    case TB_BOOL:
      b = v.b != 0;
      break;
    case TB_INT:
      i = v.i;
      break;
    case TB_DOUBLE:
      d = v.d;
      break;
    case TB_STRING:
      if (v.len > 0) text.assign(v.str, v.len);
      break;
    case TB_OBJECT:
    case TB_ARRAY:
      // Layout is not meaning: one value however the record spaced it (semantics R1).
      semantics::append_minified_json(text, std::string_view(v.str, v.len));
      break;
    default:
      break;
  }
}

bool values_equal(const Value& a, const Value& b) {
  if (rank(a.kind) != rank(b.kind)) return false;
  if (holds_text(a.kind)) return a.text == b.text;  // no length-then-order work, just bytes
  return compare_within_rank(a, b) == 0;
}

size_t hash_value(const Value& v) {
  const size_t kind_seed = mix(static_cast<uint64_t>(rank(v.kind)) + 1);
  switch (v.kind) {
    case TB_BOOL:
      return kind_seed ^ mix(v.b ? 2 : 1);
    case TB_INT:
    case TB_DOUBLE:
      return kind_seed ^ hash_number(v);
    case TB_STRING:
    case TB_ARRAY:
    case TB_OBJECT:
      return kind_seed ^ std::hash<std::string_view>{}(v.text);
    default:
      return kind_seed;
  }
}

int compare_values(const Value& a, const Value& b) {
  const int c = three_way(rank(a.kind), rank(b.kind));
  return c != 0 ? c : compare_within_rank(a, b);
}

size_t heap_bytes(const Value& v) {
  static const size_t inline_capacity = std::string().capacity();
  return v.text.capacity() > inline_capacity ? v.text.capacity() + 1 : 0;
}

}  // namespace tb::runtime::aggregate
