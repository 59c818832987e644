// Fuzzes the file loader's decompression (runtime/input/file_loader): arbitrary bytes, gzip,
// zstd or plain, through load_bytes(), the in-memory half of load_file(). Whatever the input,
// the loader must not crash, must keep to its size limit, and must agree with a plain streaming
// zlib decoder (libdeflate does the fast path, zlib the damaged members).
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "runtime/input/file_loader.h"

namespace {

// Small, so that a gzip bomb costs the fuzzer little time.
constexpr uint64_t kLimit = uint64_t{4} << 20;
constexpr unsigned char kZstdMagic[4] = {0x28, 0xb5, 0x2f, 0xfd};

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_file_loader: invariant broken: %s\n", what);
  std::abort();
}

struct Reference {
  std::string bytes;
  bool damaged = false;
};

bool all_zero(const unsigned char* p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != 0) return false;
  }
  return true;
}

// gzip members one after another with zlib, as RFC 1952 reads them: stops at the first error, at
// data that is not another member (trailing zero padding is fine), or past the limit.
Reference zlib_reference(const unsigned char* data, size_t size) {
  Reference ref;
  z_stream s{};
  if (inflateInit2(&s, 16 + MAX_WBITS) != Z_OK) std::abort();
  s.next_in = const_cast<Bytef*>(data);
  s.avail_in = static_cast<uInt>(size);
  unsigned char out[16384];
  for (;;) {
    s.next_out = out;
    s.avail_out = sizeof out;
    const int rc = inflate(&s, Z_NO_FLUSH);
    ref.bytes.append(reinterpret_cast<const char*>(out), sizeof out - s.avail_out);
    if (ref.bytes.size() > kLimit) {
      ref.bytes.resize(kLimit);
      ref.damaged = true;
      break;
    }
    if (rc == Z_OK) continue;
    if (rc != Z_STREAM_END) {
      ref.damaged = true;  // corrupt, or truncated (Z_BUF_ERROR with no input left)
      break;
    }
    const size_t left = s.avail_in;
    const unsigned char* next = s.next_in;
    if (left == 0 || all_zero(next, left)) break;
    if (next[0] != 0x1f || (left > 1 && next[1] != 0x8b)) {
      ref.damaged = true;  // trailing data that is not gzip
      break;
    }
    inflateReset(&s);
  }
  inflateEnd(&s);
  return ref;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tb::runtime::PaddedBuffer;
  PaddedBuffer raw;
  raw.resize(size);
  if (size > 0) std::memcpy(raw.data(), data, size);
  tb::runtime::LoadOptions options;
  options.max_decompressed_bytes = kLimit;
  const tb::runtime::LoadedFile file = tb::runtime::load_bytes(std::move(raw), options);

  const std::string_view got = file.bytes.view();
  // The padding after the content is zeroed: simdjson reads it.
  for (size_t i = 0; i < PaddedBuffer::kPadding; ++i) {
    require(file.bytes.data()[got.size() + i] == 0, "padding after the content is zero");
  }
  const bool gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  require(file.gzip == gzip, "gzip is detected by its magic alone");
  if (size >= 4 && std::memcmp(data, kZstdMagic, 4) == 0) {
    // zstd has its own decoder: it only has to survive and keep to the limit.
    require(got.size() <= kLimit, "decompressed size keeps to the limit");
    return 0;
  }
  if (!gzip) {
    require(!file.damage, "plain bytes are never damaged");
    require(got == std::string_view(reinterpret_cast<const char*>(data), size),
            "plain bytes are returned as they are");
    return 0;
  }
  require(got.size() <= kLimit, "decompressed size keeps to the limit");
  const Reference ref = zlib_reference(data, size);
  if (!ref.damaged) {
    require(got == ref.bytes, "sound gzip decodes to zlib's bytes");
    require(!file.damage, "sound gzip is not damaged");
    return 0;
  }
  // The loader recovers at least what zlib does. It may recover more: libdeflate does not check
  // the optional header CRC (FHCRC), which zlib does, and the data has its own CRC anyway.
  require(got.starts_with(ref.bytes), "the loader recovers every byte zlib recovers");
  return 0;
}
