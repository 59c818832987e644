#pragma once
// An owned copy of a field value. Slots point into parser memory that is valid only during one
// record; group keys, aggregates and kept rows outlive it, so they hold Values.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/abi/kernel_abi.h"

namespace tb::runtime::aggregate {

struct Value {
  tb_kind kind = TB_MISSING;
  bool b = false;    // TB_BOOL
  int64_t i = 0;     // TB_INT
  double d = 0;      // TB_DOUBLE; finite (semantics R12 keeps NaN and Infinity out)
  std::string text;  // TB_STRING bytes; raw JSON text of TB_OBJECT and TB_ARRAY

  // A copy of a plain field slot (not an element slot of any/all).
  static Value from(const tb_value& v);
  static Value null_value();
  static Value of_bool(bool v);
  static Value of_int(int64_t v);
  static Value of_double(double v);
  static Value of_string(std::string_view bytes);
  static Value of_json(tb_kind kind, std::string_view raw);  // TB_OBJECT or TB_ARRAY

  // Overwrites this with a copy of `v`, reusing the string's storage: scratch Values filled per
  // record allocate only when a string outgrows every earlier one.
  void assign(const tb_value& v);
  // Present and not null: what a comparison needs (semantics R2, R3).
  bool has_value() const { return kind != TB_MISSING && kind != TB_NULL; }
};

// Equality as in semantics R4: type-strict (1 != true != "1"), numbers by exact value (int 1 ==
// double 1.0, but int 2^53+1 != double 2^53), strings byte for byte (NUL is a byte like any
// other), objects and arrays by raw JSON text (so key order and whitespace make them differ).
// For grouping, missing equals missing and null equals null, and the two are distinct keys.
// Having comparisons check has_value() first, since there a comparison with null is false.
bool values_equal(const Value& a, const Value& b);

// Consistent with values_equal: equal values hash equal (int 1 and double 1.0 included).
size_t hash_value(const Value& v);

// A total order for order by, min() and max(); 0 exactly when values_equal.
//   missing < null < booleans (false < true) < numbers < strings < arrays < objects
// Numbers compare by exact value across int and double, without rounding either. Strings
// compare byte-wise as unsigned, which for UTF-8 is Unicode code point order. Arrays and
// objects compare by their raw JSON text, byte-wise. Returns -1, 0 or 1.
int compare_values(const Value& a, const Value& b);

// What `v` holds outside itself (string storage), for memory accounting.
size_t heap_bytes(const Value& v);

struct ValueHash {
  size_t operator()(const Value& v) const { return hash_value(v); }
};
struct ValueEqual {
  bool operator()(const Value& a, const Value& b) const { return values_equal(a, b); }
};

}  // namespace tb::runtime::aggregate
