#pragma once
// zstd frames (magic 28 B5 2F FD), decoded by content whatever the file is called.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/input/padded_buffer.h"

namespace tb::runtime {

bool starts_with_zstd_magic(std::string_view bytes);

// Decompresses every frame of `in` into `out`, at most `limit` bytes. Like the gzip decoder it
// keeps what came before any damage and says in `damage` what went wrong and where: a truncated
// or corrupt stream, the size limit, trailing data that is not zstd.
void decode_zstd(const PaddedBuffer& in, uint64_t limit, PaddedBuffer& out,
                 std::optional<std::string>& damage);

}  // namespace tb::runtime
