#include <algorithm>
#include <cstring>

#include "runtime/abi/kernel_abi.h"

extern "C" int32_t tb_host_compare_bytes(const char* a, uint64_t a_len, const char* b,
                                         uint64_t b_len) {
  const int c = std::memcmp(a, b, std::min(a_len, b_len));
  if (c != 0) return c < 0 ? -1 : 1;
  return a_len < b_len ? -1 : a_len > b_len ? 1 : 0;
}
