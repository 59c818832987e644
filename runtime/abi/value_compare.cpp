// tb_host_compare_values: comparisons between two values of one record (semantics R2-R5).
#include <cstring>

#include "runtime/abi/kernel_abi.h"
#include "runtime/semantics/number_compare.h"

namespace {

bool is_number(const tb_value& v) {
  return v.kind == TB_INT || v.kind == TB_DOUBLE;
}

int compare_numbers(const tb_value& a, const tb_value& b) {
  if (a.kind == TB_INT && b.kind == TB_INT) return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
  if (a.kind == TB_DOUBLE && b.kind == TB_DOUBLE) return a.d < b.d ? -1 : a.d > b.d ? 1 : 0;
  if (a.kind == TB_INT) return tb::semantics::compare_int_double(a.i, b.d);
  return -tb::semantics::compare_int_double(b.i, a.d);
}

bool equal(const tb_value& a, const tb_value& b) {
  if (is_number(a) && is_number(b)) return compare_numbers(a, b) == 0;
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case TB_STRING:
      return a.len == b.len && (a.len == 0 || std::memcmp(a.str, b.str, a.len) == 0);
    case TB_BOOL:
      return a.b == b.b;
    default:
      return false;  // objects and arrays are not compared
  }
}

}  // namespace

extern "C" uint32_t tb_host_compare_values(const tb_value* a, const tb_value* b, uint32_t op) {
  if (a->kind < TB_BOOL || b->kind < TB_BOOL) return 0;  // missing or null
  switch (op) {
    case 0:
      return equal(*a, *b) ? 1 : 0;
    case 1:
      return equal(*a, *b) ? 0 : 1;
    default:
      break;
  }
  if (!is_number(*a) || !is_number(*b)) return 0;
  const int c = compare_numbers(*a, *b);
  switch (op) {
    case 2:
      return c < 0 ? 1 : 0;
    case 3:
      return c <= 0 ? 1 : 0;
    case 4:
      return c > 0 ? 1 : 0;
    case 5:
      return c >= 0 ? 1 : 0;
    default:
      return 0;
  }
}
