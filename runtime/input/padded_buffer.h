#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

namespace tb::runtime {

// A heap byte buffer whose `size()` bytes are always followed by at least kPadding readable zero
// bytes. simdjson On-Demand reads past the end of the document it parses, so records are parsed
// in place from this buffer instead of being copied into a padded string one by one.
//
// Bytes added by growing the buffer are unspecified (not zero-filled): sizing a multi-gigabyte
// buffer for a read or a decompression should not pay for clearing it first.
class PaddedBuffer {
 public:
  static constexpr size_t kPadding = 64;

  PaddedBuffer() = default;
  // An empty buffer that can grow to `capacity` bytes without reallocating.
  // Throws std::bad_alloc if the memory cannot be had, like std::vector::reserve.
  static PaddedBuffer with_capacity(size_t capacity);

  PaddedBuffer(PaddedBuffer&& other) noexcept;
  PaddedBuffer& operator=(PaddedBuffer&& other) noexcept;
  PaddedBuffer(const PaddedBuffer&) = delete;
  PaddedBuffer& operator=(const PaddedBuffer&) = delete;
  ~PaddedBuffer() = default;

  // Never null: an empty buffer points at a shared block of kPadding zero bytes, which must not
  // be written.
  char* data();
  const char* data() const;
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  std::string_view view() const { return {data(), size_}; }

  // Keeps the first min(size(), n) bytes and zeroes the padding after the new end.
  // Throws std::bad_alloc when it cannot grow; try_resize() is the non-throwing form.
  void resize(size_t n);
  // Like resize(), but returns false (and leaves the buffer unchanged) when memory runs out or
  // `n` is absurdly large. The file loader uses this so a huge input becomes a message, not a
  // crash.
  [[nodiscard]] bool try_resize(size_t n);

 private:
  [[nodiscard]] bool grow_to(size_t capacity);

  std::unique_ptr<char[]> storage_;  // capacity_ + kPadding bytes, or null when capacity_ == 0
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace tb::runtime
