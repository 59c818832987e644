#pragma once
// Standard input cannot be cut into pieces or read twice, so JSON lines arriving on it are read
// in chunks of whole lines into one reused buffer: memory stays flat whatever comes down the pipe.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/input/padded_buffer.h"

namespace tb::runtime {

class LineStream {
 public:
  // Reads from `fd` (not closed here) into `buffer` in chunks of `chunk` bytes; a line may grow
  // the buffer up to `max_line` bytes before it is cut with damage.
  LineStream(int fd, PaddedBuffer& buffer, size_t chunk, size_t max_line);

  // The bytes read so far, before the first next(): enough to judge the format.
  std::string_view head() const { return {buffer_.data(), have_}; }

  // The next run of whole lines (the stream's last line may lack its newline), with simdjson's
  // padding readable after it, and where it starts in the stream. False at the end.
  bool next(std::string_view& lines, uint64_t& offset);

  // Moves what is buffered and everything still to come into `out`, up to `cap` bytes in all:
  // for a stream that is not JSON lines, to be read whole. False when the cap was reached.
  bool read_rest(PaddedBuffer& out, uint64_t cap);

  // A read error or an over-long line; the stream ends there.
  const std::optional<std::string>& damage() const { return damage_; }

 private:
  void fill();

  int fd_;
  PaddedBuffer& buffer_;
  size_t max_line_;
  size_t have_ = 0;      // bytes in the buffer
  size_t consumed_ = 0;  // bytes of the buffer handed out by the last next()
  uint64_t offset_ = 0;  // stream offset of the buffer's first byte
  bool eof_ = false;
  std::optional<std::string> damage_;
};

}  // namespace tb::runtime
