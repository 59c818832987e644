#include "runtime/input/zstd_decoder.h"

#include <zstd.h>

#include <algorithm>
#include <memory>

namespace tb::runtime {
namespace {

struct DStreamDeleter {
  void operator()(ZSTD_DStream* s) const { ZSTD_freeDStream(s); }
};

// The content size the first frame declares, when it declares one: a hint for the first buffer.
size_t first_frame_hint(const PaddedBuffer& in) {
  const unsigned long long size = ZSTD_getFrameContentSize(in.data(), in.size());
  if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR) return in.size() * 4;
  return static_cast<size_t>(std::min<unsigned long long>(size, in.size() * 64ull + 4096));
}

}  // namespace

bool starts_with_zstd_magic(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  return bytes.size() >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd;
}

void decode_zstd(const PaddedBuffer& in, uint64_t limit, PaddedBuffer& out,
                 std::optional<std::string>& damage) {
  std::unique_ptr<ZSTD_DStream, DStreamDeleter> stream(ZSTD_createDStream());
  size_t out_len = 0;
  const auto finish = [&](std::string message) {
    out.resize(std::min<uint64_t>(out_len, limit));
    if (!message.empty()) damage = std::move(message);
  };
  if (!stream) return finish("out of memory before decompressing");
  // One byte over the limit is allowed so that exceeding it is observable.
  const uint64_t cap = limit == UINT64_MAX ? limit : limit + 1;
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  size_t pending = 1;  // what the last call returned: 0 when a frame just ended
  size_t want = std::min<uint64_t>(first_frame_hint(in), cap);
  for (;;) {
    if (out_len == out.size()) {
      if (out_len >= cap) {
        return finish("decompressed size exceeds the limit of " + std::to_string(limit) + " bytes");
      }
      const size_t grow = std::max<size_t>(want, std::max<size_t>(out_len / 2, size_t{1} << 18));
      if (!out.try_resize(static_cast<size_t>(std::min<uint64_t>(out_len + grow, cap)))) {
        return finish("out of memory after " + std::to_string(out_len) + " decompressed bytes");
      }
      want = 0;
    }
    ZSTD_outBuffer output{out.data() + out_len, out.size() - out_len, 0};
    const size_t at = input.pos;
    pending = ZSTD_decompressStream(stream.get(), &output, &input);
    out_len += output.pos;
    if (ZSTD_isError(pending)) {
      return finish("zstd stream is corrupt at compressed byte " + std::to_string(at) + " after " +
                    std::to_string(out_len) + " decompressed bytes (" + ZSTD_getErrorName(pending) +
                    ")");
    }
    // Done when the input is used up and the decoder did not stop for want of output room.
    if (input.pos == input.size && output.pos < output.size) break;
  }
  if (out_len > limit) {
    return finish("decompressed size exceeds the limit of " + std::to_string(limit) + " bytes");
  }
  if (pending != 0) {
    return finish("zstd stream is truncated after " + std::to_string(out_len) +
                  " decompressed bytes (the compressed data ends at byte " +
                  std::to_string(in.size()) + ")");
  }
  finish({});
}

}  // namespace tb::runtime
