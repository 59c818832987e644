// The host functions that kernels call (kernel_abi.h), on top of runtime/semantics so that the
// JIT and the interpreter share one definition of each rule.
#include <algorithm>
#include <cstring>
#include <string>

#include "runtime/abi/host_symbols.h"
#include "runtime/abi/kernel_abi.h"
#include "runtime/abi/scratch.h"
#include "runtime/semantics/case_fold.h"
#include "runtime/semantics/cidr.h"
#include "runtime/semantics/regex.h"
#include "runtime/semantics/string_test.h"
#include "runtime/semantics/timestamp.h"

namespace sem = tb::semantics;

extern "C" int32_t tb_host_compare_bytes(const char* a, uint64_t a_len, const char* b,
                                         uint64_t b_len) {
  // memcmp wants valid pointers even for 0 bytes, and an empty string may come as nullptr.
  const uint64_t common = std::min(a_len, b_len);
  const int c = common == 0 ? 0 : std::memcmp(a, b, common);
  if (c != 0) return c < 0 ? -1 : 1;
  return a_len < b_len ? -1 : a_len > b_len ? 1 : 0;
}

extern "C" uint32_t tb_host_string_test(uint32_t test, const char* s, uint64_t len,
                                        const char* needle, uint64_t needle_len) {
  const std::string_view text(s, len), n(needle, needle_len);
  switch (test) {
    case TB_CONTAINS:
      return sem::contains(text, n);
    case TB_STARTSWITH:
      return sem::starts_with(text, n);
    case TB_ENDSWITH:
      return sem::ends_with(text, n);
    case TB_ICONTAINS:
      return sem::icontains(text, n);
    case TB_ISTARTSWITH:
      return sem::istarts_with(text, n);
    case TB_IENDSWITH:
      return sem::iends_with(text, n);
  }
  return 0;  // not a tb_string_test: the lowering never emits one
}

extern "C" uint32_t tb_host_regex_match(const void* regex, const char* s, uint64_t len) {
  return static_cast<const sem::Regex*>(regex)->partial_match({s, len});
}

extern "C" uint32_t tb_host_cidr_match(const void* cidr_set, const char* s, uint64_t len) {
  return static_cast<const sem::CidrSet*>(cidr_set)->contains({s, len});
}

extern "C" uint32_t tb_host_time_compare(const char* s, uint64_t len, const void* instant,
                                         int32_t* order) {
  const auto parsed = sem::parse_rfc3339({s, len});
  if (!parsed) return 0;
  *order = sem::compare(*parsed, *static_cast<const sem::Instant*>(instant));
  return 1;
}

extern "C" void tb_host_map_case(uint32_t to_upper, const tb_value* in, tb_value* out,
                                 tb_kernel_context* context) {
  if (in->kind != TB_STRING) {
    out->kind = TB_MISSING;
    out->len = 0;
    out->str = nullptr;
    return;
  }
  // Mapping may change the byte length (U+023A is 2 bytes, its lower case 3), so map into a
  // per-thread buffer first and copy the exact size into scratch.
  thread_local std::string mapped;
  mapped.clear();
  const std::string_view text(in->str, in->len);
  if (to_upper) {
    sem::append_upper(text, mapped);
  } else {
    sem::append_lower(text, mapped);
  }
  char* copy = context->scratch->allocate(mapped.size());
  std::copy(mapped.begin(), mapped.end(), copy);
  out->kind = TB_STRING;
  out->len = static_cast<uint32_t>(mapped.size());
  out->str = copy;
}

namespace tb::abi {

std::span<const HostSymbol> host_symbols() {
  static const HostSymbol kSymbols[] = {
      {"tb_host_compare_bytes", reinterpret_cast<const void*>(&tb_host_compare_bytes)},
      {"tb_host_string_test", reinterpret_cast<const void*>(&tb_host_string_test)},
      {"tb_host_regex_match", reinterpret_cast<const void*>(&tb_host_regex_match)},
      {"tb_host_cidr_match", reinterpret_cast<const void*>(&tb_host_cidr_match)},
      {"tb_host_time_compare", reinterpret_cast<const void*>(&tb_host_time_compare)},
      {"tb_host_map_case", reinterpret_cast<const void*>(&tb_host_map_case)},
      {"tb_host_compare_values", reinterpret_cast<const void*>(&tb_host_compare_values)},
  };
  return kSymbols;
}

}  // namespace tb::abi
