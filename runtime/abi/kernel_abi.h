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
  TB_ARRAY = 7,   // raw JSON text of the array
};

// One field slot. `str`/`len` hold string bytes or raw JSON; `i`, `d`, `b` the scalars.
struct tb_value {
  uint32_t kind;
  uint32_t len;
  union {
    const char* str;
    int64_t i;
    double d;
    uint64_t b;
  };
};
static_assert(sizeof(tb_value) == 16, "tb_value layout is part of the kernel ABI");

// A pack kernel: evaluates every query of a pack on one record's slots. Sets bit q of
// `matched` (64 queries a word) when query q matches; returns nonzero when any query matched.
typedef uint32_t (*tb_pack_kernel)(const tb_value* slots, uint64_t* matched);

// Host functions that kernels may call.
// Three-way comparison of byte strings, as memcmp then length.
int32_t tb_host_compare_bytes(const char* a, uint64_t a_len, const char* b, uint64_t b_len);

}  // extern "C"

// The name of the kernel function in a lowered module.
inline constexpr const char* kTbPackKernelSymbol = "tb_pack_kernel";
