#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/input/padded_buffer.h"

namespace tb::runtime {

struct LoadOptions {
  // Gzip and zstd bomb guard: decompression stops here (--max-decompressed-size). Plain files
  // are not limited.
  uint64_t max_decompressed_bytes = 16ull << 30;
  // Plain JSON-lines files from this size on are cut into pieces of `stream_chunk` bytes that
  // scanning threads read in parallel, each into a reused buffer (runtime/input/line_pieces), so
  // memory stays flat whatever the file size.
  uint64_t stream_threshold = 16ull << 20;
  size_t stream_chunk = 8u << 20;
};

struct LoadedFile {
  PaddedBuffer bytes;  // the (decompressed) content
  bool gzip = false;
  bool zstd = false;
  // Set when the file could only be read in part or not at all; says what and where (byte
  // offset). `bytes` then holds whatever could be recovered before the damage.
  std::optional<std::string> damage;
};

// Reads a whole file, decompressing it when it starts with the gzip or zstd magic (whatever its
// name).
// Never throws for bad input: I/O errors, truncated or corrupt gzip and the size limit are all
// reported in `damage`.
LoadedFile load_file(const std::string& path, const LoadOptions& opts = {});

// What load_file does once the bytes are read: `raw` as it is, or decompressed when it starts
// with the gzip or zstd magic. For bytes already in memory (and the fuzz target, tests/fuzz).
LoadedFile load_bytes(PaddedBuffer raw, const LoadOptions& opts = {});

// Whether bytes starting so would be decompressed (the gzip or zstd magic).
bool is_compressed(std::string_view head);

}  // namespace tb::runtime
