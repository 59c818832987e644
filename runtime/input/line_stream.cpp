#include "runtime/input/line_stream.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace tb::runtime {

LineStream::LineStream(int fd, PaddedBuffer& buffer, size_t chunk, size_t max_line)
    : fd_(fd), buffer_(buffer), max_line_(max_line) {
  if (!buffer_.try_resize(std::max<size_t>(chunk, 1))) {
    damage_ = fmt::format("out of memory for a {}-byte read buffer", chunk);
    eof_ = true;
    buffer_.resize(0);
    return;
  }
  fill();
}

void LineStream::fill() {
  while (have_ < buffer_.size() && !eof_) {
    const ssize_t n = ::read(fd_, buffer_.data() + have_, buffer_.size() - have_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      damage_ = fmt::format("read error after byte {}: {}", offset_ + have_, std::strerror(errno));
      eof_ = true;
    } else if (n == 0) {
      eof_ = true;
    } else {
      have_ += static_cast<size_t>(n);
    }
  }
}

bool LineStream::next(std::string_view& lines, uint64_t& offset) {
  // Drop what the last call handed out, keeping the start of the next line.
  if (consumed_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + consumed_, have_ - consumed_);
    have_ -= consumed_;
    offset_ += consumed_;
    consumed_ = 0;
    fill();
  }
  if (have_ == 0) return false;
  size_t upto = have_;
  while (!eof_) {
    const void* newline = memrchr(buffer_.data(), '\n', have_);
    if (newline != nullptr) {
      upto = static_cast<size_t>(static_cast<const char*>(newline) - buffer_.data()) + 1;
      break;
    }
    // One line fills the buffer: make room and read on, within the limit.
    if (buffer_.size() >= max_line_ ||
        !buffer_.try_resize(std::min(buffer_.size() * 2, max_line_))) {
      damage_ = fmt::format(
          "a line starting at byte {} is longer than {} bytes; the rest of "
          "the input was not read",
          offset_, buffer_.size());
      eof_ = true;
      upto = have_;
      break;
    }
    fill();
    upto = have_;
  }
  // Bytes past `upto` stay for the next call: they are the readable padding simdjson needs.
  lines = std::string_view(buffer_.data(), upto);
  offset = offset_;
  consumed_ = upto;
  return true;
}

bool LineStream::read_rest(PaddedBuffer& out, uint64_t cap) {
  size_t size = std::min<uint64_t>(have_ - consumed_, cap);
  const uint64_t first = std::max<uint64_t>(size, std::min<uint64_t>(cap, size * 2 + (1 << 20)));
  if (!out.try_resize(first)) {
    damage_ = fmt::format("out of memory reading the input at byte {}", size);
    return true;
  }
  std::memcpy(out.data(), buffer_.data() + consumed_, size);
  consumed_ = have_ = 0;
  while (!eof_ && size < cap) {
    if (size == out.size() && !out.try_resize(std::min<uint64_t>(out.size() * 2, cap))) {
      damage_ = fmt::format("out of memory reading the input at byte {}", size);
      break;
    }
    const ssize_t n = ::read(fd_, out.data() + size, out.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      damage_ = fmt::format("read error after byte {}: {}", size, std::strerror(errno));
      break;
    }
    if (n == 0) eof_ = true;
    size += static_cast<size_t>(n);
  }
  out.resize(size);
  if (!eof_ && size >= cap) {
    char probe = 0;
    if (::read(fd_, &probe, 1) > 0) return false;  // more than the cap
  }
  return true;
}

}  // namespace tb::runtime
