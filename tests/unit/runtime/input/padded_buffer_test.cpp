#include "runtime/input/padded_buffer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>

namespace tb::runtime {
namespace {

// The padding is the whole point of the class: check every byte of it.
void expect_padding_zero(const PaddedBuffer& buffer) {
  for (size_t i = 0; i < PaddedBuffer::kPadding; ++i) {
    ASSERT_EQ(buffer.data()[buffer.size() + i], '\0') << "padding byte " << i;
  }
}

TEST(PaddedBufferTest, DefaultIsEmptyWithReadablePadding) {
  const PaddedBuffer buffer;
  EXPECT_EQ(buffer.size(), 0u);
  EXPECT_TRUE(buffer.empty());
  ASSERT_NE(buffer.data(), nullptr);
  EXPECT_EQ(buffer.view(), "");
  expect_padding_zero(buffer);
}

TEST(PaddedBufferTest, WithCapacityReservesWithoutGrowingSize) {
  PaddedBuffer buffer = PaddedBuffer::with_capacity(1000);
  EXPECT_EQ(buffer.size(), 0u);
  EXPECT_GE(buffer.capacity(), 1000u);
  expect_padding_zero(buffer);
  const char* before = buffer.data();
  buffer.resize(1000);
  EXPECT_EQ(buffer.data(), before) << "growing within capacity must not reallocate";
  expect_padding_zero(buffer);
}

TEST(PaddedBufferTest, ResizeKeepsContentsAndPadding) {
  PaddedBuffer buffer;
  buffer.resize(5);
  std::memcpy(buffer.data(), "hello", 5);
  expect_padding_zero(buffer);
  EXPECT_EQ(buffer.view(), "hello");

  buffer.resize(100000);  // reallocates
  EXPECT_EQ(buffer.size(), 100000u);
  EXPECT_EQ(std::string_view(buffer.data(), 5), "hello");
  expect_padding_zero(buffer);

  std::memset(buffer.data(), 'x', buffer.size());
  buffer.resize(3);  // shrinking must re-zero what becomes padding
  EXPECT_EQ(buffer.view(), "xxx");
  expect_padding_zero(buffer);

  buffer.resize(10);  // grows within capacity: new bytes unspecified, padding still zero
  EXPECT_EQ(std::string_view(buffer.data(), 3), "xxx");
  expect_padding_zero(buffer);

  buffer.resize(0);
  EXPECT_TRUE(buffer.empty());
  expect_padding_zero(buffer);
}

TEST(PaddedBufferTest, TryResizeRefusesAbsurdSizes) {
  PaddedBuffer buffer;
  buffer.resize(4);
  std::memcpy(buffer.data(), "abcd", 4);
  EXPECT_FALSE(buffer.try_resize(SIZE_MAX));
  EXPECT_EQ(buffer.view(), "abcd") << "a failed resize leaves the buffer as it was";
  expect_padding_zero(buffer);
  EXPECT_TRUE(buffer.try_resize(8));
  EXPECT_EQ(buffer.size(), 8u);
}

TEST(PaddedBufferTest, MoveTransfersOwnershipAndEmptiesSource) {
  static_assert(!std::is_copy_constructible_v<PaddedBuffer>);
  static_assert(!std::is_copy_assignable_v<PaddedBuffer>);
  static_assert(std::is_nothrow_move_constructible_v<PaddedBuffer>);

  PaddedBuffer a;
  a.resize(3);
  std::memcpy(a.data(), "abc", 3);
  const char* storage = a.data();

  PaddedBuffer b(std::move(a));
  EXPECT_EQ(b.view(), "abc");
  EXPECT_EQ(b.data(), storage);
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): moved-from state is specified
  expect_padding_zero(a);

  PaddedBuffer c;
  c = std::move(b);
  EXPECT_EQ(c.view(), "abc");
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move)
  expect_padding_zero(c);
}

}  // namespace
}  // namespace tb::runtime
