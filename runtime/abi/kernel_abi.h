#pragma once
// The one contract between generated kernels (compiler/lower) and the runtime (runtime/exec).
// Plain C layout: the lowering emits IR against it, the runtime fills it. Neither side needs
// the other's headers.
#include <cstdint>

extern "C" {

// What a field path yields for one record (semantics: missing, null, or a value).
enum tb_kind : uint32_t {
  TB_MISSING = 0,  // a key absent along the path, or a step through a non-object
  TB_NULL = 1,     // JSON null
  TB_BOOL = 2,
  TB_INT = 3,     // fits int64 exactly
  TB_DOUBLE = 4,  // any other number
  TB_STRING = 5,  // unescaped UTF-8 bytes
  TB_OBJECT = 6,  // raw JSON text of the object
  TB_ARRAY = 7,   // raw JSON text of the array; or, in an element slot, the elements (below)
};

// One field slot. `str`/`len` hold string bytes or raw JSON; `i`, `d`, `b` the scalars.
//
// An element slot (an array that `any`/`all` iterate) has kind TB_ARRAY, `len` = the number
// of elements and `elems` = len * width values: for each element in order, the `width`
// element-relative fields the lambda reads (width is fixed per slot at compile time). When the
// value is not an array, the slot has the value's own kind and no elements.
struct tb_value {
  uint32_t kind;
  uint32_t len;
  union {
    const char* str;
    int64_t i;
    double d;
    uint64_t b;
    const struct tb_value* elems;
  };
};
static_assert(sizeof(tb_value) == 16, "tb_value layout is part of the kernel ABI");

// Memory for strings that a kernel computes (lower(), upper()); the runtime resets it per record.
struct tb_scratch;

// What a kernel needs besides the record: the pack's compiled objects (regexes, CIDR sets,
// instants), which the lowering refers to by index so that kernel code holds no host pointers,
// and scratch memory.
struct tb_kernel_context {
  const void* const* objects;
  struct tb_scratch* scratch;
  // Bit q set: query q may match (64 queries a word). The raw-byte prefilter clears the bits of
  // queries whose required literals the record lacks, and the kernel skips those queries. Null:
  // every query is evaluated.
  const uint64_t* candidates;
};

// A pack kernel: evaluates every query of a pack on one record's slots. Sets bit q of
// `matched` (64 queries a word) when query q matches; returns nonzero when any query matched.
typedef uint32_t (*tb_pack_kernel)(const tb_value* slots, uint64_t* matched,
                                   struct tb_kernel_context* context);

// ---- Host functions that kernels may call ---------------------------------------------------

// Three-way comparison of byte strings, as memcmp then length.
int32_t tb_host_compare_bytes(const char* a, uint64_t a_len, const char* b, uint64_t b_len);

// `a op b` for two values of the record (op: 0 ==, 1 !=, 2 <, 3 <=, 4 >, 5 >=), following the
// semantics of comparisons with a constant: type-strict equality, numbers by exact value,
// order on numbers only, false when either side is missing or null.
uint32_t tb_host_compare_values(const struct tb_value* a, const struct tb_value* b, uint32_t op);

// Literal substring tests (semantics R6). For the case-insensitive forms the needle is already
// simple-case-folded; the haystack is folded here.
enum tb_string_test : uint32_t {
  TB_CONTAINS = 0,
  TB_STARTSWITH = 1,
  TB_ENDSWITH = 2,
  TB_ICONTAINS = 3,
  TB_ISTARTSWITH = 4,
  TB_IENDSWITH = 5,
};
uint32_t tb_host_string_test(uint32_t test, const char* s, uint64_t len, const char* needle,
                             uint64_t needle_len);

// RE2 partial match (semantics R7); `regex` is a tb::semantics::Regex of the pack.
uint32_t tb_host_regex_match(const void* regex, const char* s, uint64_t len);

// Whether `s` is a strict IP address inside one of the prefixes of `cidr_set`, a
// tb::semantics::CidrSet of the pack (semantics R8).
uint32_t tb_host_cidr_match(const void* cidr_set, const char* s, uint64_t len);

// Compares `s`, read as an RFC 3339 date-time, with `instant`, a tb::semantics::Instant of the
// pack (semantics R9). Returns 0 when `s` is not such a date-time; else 1, with *order set to
// -1, 0 or 1 as s is before, at or after the instant.
uint32_t tb_host_time_compare(const char* s, uint64_t len, const void* instant, int32_t* order);

// lower() / upper() (semantics R6): simple case mapping of a string into scratch memory. A
// non-string input gives missing.
void tb_host_map_case(uint32_t to_upper, const struct tb_value* in, struct tb_value* out,
                      struct tb_kernel_context* context);

}  // extern "C"

// The name of the kernel function in a lowered module.
inline constexpr const char* kTbPackKernelSymbol = "tb_pack_kernel";
