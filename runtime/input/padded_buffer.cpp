#include "runtime/input/padded_buffer.h"

#include <cstdint>
#include <cstring>
#include <new>
#include <utility>

namespace tb::runtime {
namespace {

// What an empty buffer points at, so data() is never null and its padding is readable.
alignas(PaddedBuffer::kPadding) char g_empty_block[PaddedBuffer::kPadding] = {};

}  // namespace

PaddedBuffer PaddedBuffer::with_capacity(size_t capacity) {
  PaddedBuffer buffer;
  if (capacity > 0 && !buffer.grow_to(capacity)) throw std::bad_alloc();
  return buffer;
}

PaddedBuffer::PaddedBuffer(PaddedBuffer&& other) noexcept
    : storage_(std::move(other.storage_)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

PaddedBuffer& PaddedBuffer::operator=(PaddedBuffer&& other) noexcept {
  if (this != &other) {
    storage_ = std::move(other.storage_);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

char* PaddedBuffer::data() {
  return storage_ ? storage_.get() : g_empty_block;
}

const char* PaddedBuffer::data() const {
  return storage_ ? storage_.get() : g_empty_block;
}

void PaddedBuffer::resize(size_t n) {
  if (!try_resize(n)) throw std::bad_alloc();
}

bool PaddedBuffer::try_resize(size_t n) {
  if (n > capacity_) {
    // Geometric growth keeps appending loops (reading a pipe, inflating a stream) linear.
    size_t wanted = capacity_ <= SIZE_MAX / 2 ? capacity_ * 2 : SIZE_MAX;
    if (wanted < n) wanted = n;
    if (!grow_to(wanted) && !grow_to(n)) return false;
  }
  size_ = n;
  if (storage_) std::memset(storage_.get() + n, 0, kPadding);
  return true;
}

bool PaddedBuffer::grow_to(size_t capacity) {
  if (capacity > SIZE_MAX - kPadding) return false;
  std::unique_ptr<char[]> fresh(new (std::nothrow) char[capacity + kPadding]);
  if (!fresh) return false;
  if (size_ > 0) std::memcpy(fresh.get(), storage_.get(), size_);
  std::memset(fresh.get() + size_, 0, kPadding);
  storage_ = std::move(fresh);
  capacity_ = capacity;
  return true;
}

}  // namespace tb::runtime
