#include "runtime/input/zstd_decoder.h"

#include <gtest/gtest.h>
#include <zstd.h>

#include <string>

namespace tb::runtime {
namespace {

std::string zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
  return out;
}

PaddedBuffer buffer_of(const std::string& bytes) {
  PaddedBuffer b;
  b.resize(bytes.size());
  std::copy(bytes.begin(), bytes.end(), b.data());
  return b;
}

std::string text(int lines) {
  std::string out;
  for (int i = 0; i < lines; ++i) out += R"({"eventName":"E)" + std::to_string(i * 7919) + "\"}\n";
  return out;
}

struct Decoded {
  std::string bytes;
  std::optional<std::string> damage;
};

Decoded decode(const std::string& packed, uint64_t limit = UINT64_MAX) {
  const PaddedBuffer in = buffer_of(packed);
  PaddedBuffer out;
  Decoded d;
  decode_zstd(in, limit, out, d.damage);
  d.bytes = std::string(out.view());
  return d;
}

TEST(ZstdDecoder, MagicIsDetected) {
  EXPECT_TRUE(starts_with_zstd_magic(buffer_of(zstd("x")).view()));
  EXPECT_FALSE(starts_with_zstd_magic(buffer_of("\x28\xb5\x2f").view()));
  EXPECT_FALSE(starts_with_zstd_magic(buffer_of("{}").view()));
}

TEST(ZstdDecoder, ConcatenatedFramesDecodeWhole) {
  const std::string a = text(1000), b = text(10);
  const Decoded d = decode(zstd(a) + zstd(b));
  EXPECT_FALSE(d.damage) << *d.damage;
  EXPECT_EQ(d.bytes, a + b);
}

TEST(ZstdDecoder, EmptyFrameIsEmpty) {
  const Decoded d = decode(zstd(""));
  EXPECT_FALSE(d.damage) << *d.damage;
  EXPECT_TRUE(d.bytes.empty());
}

TEST(ZstdDecoder, LimitStopsABomb) {
  const std::string zeros(1 << 20, '0');
  const Decoded d = decode(zstd(zeros), 1000);
  ASSERT_TRUE(d.damage);
  EXPECT_EQ(*d.damage, "decompressed size exceeds the limit of 1000 bytes");
  EXPECT_EQ(d.bytes, zeros.substr(0, 1000));
  EXPECT_FALSE(decode(zstd(zeros), zeros.size()).damage);  // exactly at the limit is fine
}

TEST(ZstdDecoder, TruncationKeepsThePrefixOfWholeFrames) {
  const std::string a = text(100), b = text(2000);
  const std::string first = zstd(a), second = zstd(b);
  const std::string cut = first + second.substr(0, second.size() / 2);
  const Decoded d = decode(cut);
  ASSERT_TRUE(d.damage);
  EXPECT_EQ(d.damage->rfind("zstd stream is truncated after ", 0), 0u) << *d.damage;
  EXPECT_NE(d.damage->find("(the compressed data ends at byte " + std::to_string(cut.size()) + ")"),
            std::string::npos)
      << *d.damage;
  ASSERT_GE(d.bytes.size(), a.size());
  EXPECT_EQ(d.bytes.substr(0, a.size()), a);
  EXPECT_EQ(d.bytes, (a + b).substr(0, d.bytes.size()));  // nothing made up
}

TEST(ZstdDecoder, TrailingGarbageIsCorruptAfterTheGoodFrames) {
  const std::string a = text(10);
  const Decoded d = decode(zstd(a) + "garbage!");
  ASSERT_TRUE(d.damage);
  EXPECT_EQ(d.damage->rfind("zstd stream is corrupt at compressed byte ", 0), 0u) << *d.damage;
  EXPECT_EQ(d.bytes, a);
}

}  // namespace
}  // namespace tb::runtime
