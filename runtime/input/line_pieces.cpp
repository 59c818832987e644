#include "runtime/input/line_pieces.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runtime/input/file_loader.h"
#include "runtime/input/record_reader.h"

namespace tb::runtime {

namespace {

constexpr size_t kOverrunStep = size_t{1} << 20;  // read on in 1 MiB steps to find a line's end
constexpr size_t kSniffBytes = 64 << 10;

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Reads up to `n` bytes at `offset`; fewer only at the end of the file. -1 on error (errno set).
ssize_t read_at(int fd, char* out, size_t n, uint64_t offset) {
  size_t have = 0;
  while (have < n) {
    const ssize_t got = ::pread(fd, out + have, n - have, static_cast<off_t>(offset + have));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return -1;
    if (got == 0) break;
    have += static_cast<size_t>(got);
  }
  return static_cast<ssize_t>(have);
}

}  // namespace

std::vector<LinePiece> cut_into_pieces(uint64_t size, uint64_t piece_bytes) {
  std::vector<LinePiece> out;
  if (piece_bytes == 0) piece_bytes = size;
  for (uint64_t begin = 0; begin < size; begin += piece_bytes) {
    out.push_back({begin, std::min(size, begin + piece_bytes)});
  }
  return out;
}

std::optional<std::string> json_lines_head(const std::string& path) {
  const Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) return std::nullopt;
  std::string head(kSniffBytes, '\0');
  const ssize_t n = read_at(file.fd, head.data(), head.size(), 0);
  if (n <= 0) return std::nullopt;
  head.resize(static_cast<size_t>(n));
  if (!is_plain_json_lines(head)) return std::nullopt;
  return head;
}

bool is_plain_json_lines(std::string_view head) {
  return !is_compressed(head) && RecordReader(head).format() == InputFormat::JsonLines;
}

PieceBytes read_piece(const std::string& path, const LinePiece& piece, PaddedBuffer& buffer,
                      uint64_t max_overrun) {
  PieceBytes out;
  out.offset = piece.end;  // until a line start is found: nothing
  buffer.resize(0);
  const Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) {
    out.damage =
        fmt::format("cannot open the part from byte {}: {}", piece.begin, std::strerror(errno));
    return out;
  }
  // One byte before the piece tells whether a line starts exactly at its beginning.
  const uint64_t from = piece.begin == 0 ? 0 : piece.begin - 1;
  const size_t want = piece.end - from;
  if (!buffer.try_resize(want)) {
    out.damage = fmt::format("out of memory reading {} bytes at byte {}", want, from);
    return out;
  }
  ssize_t got = read_at(file.fd, buffer.data(), want, from);
  auto read_error = [&](uint64_t at) {
    return fmt::format("read error at byte {}: {}", at, std::strerror(errno));
  };
  if (got < 0) {
    buffer.resize(0);
    out.damage = read_error(from);
    return out;
  }
  size_t have = static_cast<size_t>(got);
  bool at_eof = have < want;
  size_t start = 0;
  if (piece.begin > 0) {
    const void* newline = std::memchr(buffer.data(), '\n', have);
    if (newline == nullptr) {  // every byte here belongs to a line that began earlier
      buffer.resize(0);
      return out;
    }
    start = static_cast<size_t>(static_cast<const char*>(newline) - buffer.data()) + 1;
    if (start >= have) {  // the next line starts at piece.end: it is the next piece's
      buffer.resize(0);
      return out;
    }
  }
  // Read on to the end of the last line, which may lie past piece.end.
  while (!at_eof && buffer.data()[have - 1] != '\n') {
    if (have - want >= max_overrun) {
      out.damage =
          fmt::format("a line runs on past byte {} without ending; it was cut there", from + have);
      break;
    }
    if (!buffer.try_resize(have + kOverrunStep)) {
      out.damage = fmt::format("out of memory reading a long line at byte {}", from + have);
      break;
    }
    got = read_at(file.fd, buffer.data() + have, kOverrunStep, from + have);
    if (got < 0) {
      out.damage = read_error(from + have);
      break;
    }
    const void* newline = std::memchr(buffer.data() + have, '\n', static_cast<size_t>(got));
    at_eof = static_cast<size_t>(got) < kOverrunStep;
    if (newline != nullptr) {
      have = static_cast<size_t>(static_cast<const char*>(newline) - buffer.data()) + 1;
      break;
    }
    have += static_cast<size_t>(got);
  }
  buffer.resize(have);
  out.skip = start;
  out.offset = from + start;
  return out;
}

}  // namespace tb::runtime
