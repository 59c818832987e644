#include "runtime/input/file_loader.h"

#include <fcntl.h>
#include <libdeflate.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include "runtime/input/zstd_decoder.h"

namespace tb::runtime {
namespace {

constexpr size_t kMaxSyscallBytes = size_t{1} << 30;  // read() and zlib take at most this per call
constexpr size_t kMaxDeflateRatio = 1032;             // DEFLATE cannot expand data more than this

// strerror text starts with a capital ("Permission denied"); our messages do not.
std::string errno_text(int err) {
  std::string text = std::strerror(err);
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] + 32);
  return text;
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads `fd` to its end into `out`. `size_hint` is the size fstat reported; the file is still read
// to EOF so a file that grew (or a pipe) is read whole. Returns 0 or an errno value.
int read_all(int fd, size_t size_hint, PaddedBuffer& out) {
  if (!out.try_resize(size_hint)) return ENOMEM;
  size_t got = 0;
  for (;;) {
    if (got == out.size()) {
      // Probe with a small read first so the common case (the hint was exact) never reallocates.
      char probe[4096];
      const ssize_t n = ::read(fd, probe, sizeof probe);
      if (n < 0) {
        if (errno == EINTR) continue;
        return errno;
      }
      if (n == 0) break;
      if (!out.try_resize(got + std::max<size_t>(got / 2, size_t{1} << 16))) return ENOMEM;
      std::memcpy(out.data() + got, probe, static_cast<size_t>(n));
      got += static_cast<size_t>(n);
      continue;
    }
    const ssize_t n = ::read(fd, out.data() + got, std::min(out.size() - got, kMaxSyscallBytes));
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  out.resize(got);  // shrinking never allocates
  return 0;
}

bool starts_with_gzip_magic(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  return bytes.size() >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

struct DecompressorDeleter {
  void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

// Decompresses a whole (possibly multi-member) gzip file. libdeflate is several times faster than
// zlib but all-or-nothing per member, so a member it rejects is redone with streaming zlib, which
// recovers every byte before the damage and tells truncation apart from corruption.
class GzipDecoder {
 public:
  GzipDecoder(const PaddedBuffer& in, uint64_t limit, PaddedBuffer& out,
              std::optional<std::string>& damage)
      : in_(reinterpret_cast<const unsigned char*>(in.data())),
        in_size_(in.size()),
        limit_(limit),
        out_(out),
        damage_(damage) {}

  void run() {
    decode();
    out_.resize(out_len_);
  }

 private:
  void decode() {
    std::unique_ptr<libdeflate_decompressor, DecompressorDeleter> d(
        libdeflate_alloc_decompressor());
    if (!d) return inflate_from(0);
    size_t pos = 0;
    size_t want = first_member_hint();
    for (;;) {
      const size_t room = room_left();
      want = std::min(want, room);
      out_.resize(out_len_);  // drop stale bytes so a reallocation copies only real output
      if (!out_.try_resize(out_len_ + want)) return out_of_memory();
      size_t used_in = 0;
      size_t used_out = 0;
      const libdeflate_result result = libdeflate_gzip_decompress_ex(
          d.get(), in_ + pos, in_size_ - pos, out_.data() + out_len_, want, &used_in, &used_out);
      if (result == LIBDEFLATE_SUCCESS) {
        out_len_ += used_out;
        pos += used_in;
        if (!another_member_at(pos)) return;
        want = std::max(out_.capacity() - out_len_, (in_size_ - pos) * 4);
        continue;
      }
      if (result == LIBDEFLATE_INSUFFICIENT_SPACE && want < room) {
        want = want <= room / 2 ? std::max<size_t>(want * 2, 4096) : room;
        continue;
      }
      // Bad data, or the limit was hit: stream this member to keep its undamaged prefix.
      return inflate_from(pos);
    }
  }

  // ISIZE (the last 4 bytes) is the size mod 2^32 of the last member only, and garbage when the
  // file is truncated, so it is a hint bounded by what DEFLATE can possibly produce.
  size_t first_member_hint() const {
    uint32_t isize = 0;
    if (in_size_ >= 4) {
      const unsigned char* t = in_ + in_size_ - 4;
      isize = uint32_t{t[0]} | uint32_t{t[1]} << 8 | uint32_t{t[2]} << 16 | uint32_t{t[3]} << 24;
    }
    const size_t hint = std::max<size_t>(isize, in_size_ * 4);
    return std::min(hint, in_size_ * kMaxDeflateRatio + 4096);
  }

  // Output bytes still allowed, plus one so that exceeding the limit is observable.
  size_t room_left() const {
    const uint64_t cap = limit_ == UINT64_MAX ? limit_ : limit_ + 1;
    return out_len_ >= cap ? 0 : static_cast<size_t>(cap - out_len_);
  }

  // After a member ends at `pos`: true if another member follows. Trailing zeros (padding some
  // writers add) end the file quietly; anything else is reported and ignored.
  bool another_member_at(size_t pos) {
    if (pos >= in_size_) return false;
    const size_t n = in_size_ - pos;
    if (in_[pos] == 0x1f && (n == 1 || in_[pos + 1] == 0x8b)) return true;
    if (std::all_of(in_ + pos, in_ + in_size_, [](unsigned char c) { return c == 0; })) {
      return false;
    }
    damage_ = "ignored " + std::to_string(n) + " bytes of trailing data that is not gzip at byte " +
              std::to_string(pos);
    return false;
  }

  void inflate_from(size_t pos) {
    z_stream s{};
    if (inflateInit2(&s, 16 + MAX_WBITS) != Z_OK) return out_of_memory();
    stream(s, pos);
    inflateEnd(&s);
  }

  void stream(z_stream& s, size_t pos) {
    size_t in_pos = pos;  // where the input not yet handed to zlib starts
    for (;;) {
      if (s.avail_in == 0 && in_pos < in_size_) {
        const size_t chunk = std::min(in_size_ - in_pos, kMaxSyscallBytes);
        s.next_in = const_cast<Bytef*>(in_ + in_pos);
        s.avail_in = static_cast<uInt>(chunk);
        in_pos += chunk;
      }
      if (out_len_ == out_.size()) {
        const size_t room = room_left();
        if (room == 0) return over_limit();
        const size_t grow = std::min(std::max<size_t>(out_len_ / 2, size_t{1} << 18), room);
        if (!out_.try_resize(out_len_ + grow)) return out_of_memory();
      }
      const size_t room = std::min(out_.size() - out_len_, kMaxSyscallBytes);
      s.next_out = reinterpret_cast<Bytef*>(out_.data() + out_len_);
      s.avail_out = static_cast<uInt>(room);
      const int rc = inflate(&s, Z_NO_FLUSH);
      out_len_ += room - s.avail_out;
      if (out_len_ > limit_) return over_limit();
      const size_t next_byte = in_pos - s.avail_in;  // first compressed byte zlib has not used
      switch (rc) {
        case Z_OK:
          continue;
        case Z_STREAM_END:
          if (!another_member_at(next_byte)) return;
          inflateReset(&s);
          continue;
        case Z_BUF_ERROR:  // no progress possible although there was output room
          if (s.avail_in == 0 && in_pos == in_size_) {
            damage_ = "gzip stream is truncated after " + std::to_string(out_len_) +
                      " decompressed bytes (the compressed data ends at byte " +
                      std::to_string(in_size_) + ")";
          } else {
            corrupt(s, next_byte);  // cannot happen with input left, but never spin
          }
          return;
        case Z_MEM_ERROR:
          return out_of_memory();
        default:  // Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR
          return corrupt(s, next_byte);
      }
    }
  }

  void corrupt(const z_stream& s, size_t at) {
    damage_ = "gzip stream is corrupt at compressed byte " + std::to_string(at) + " after " +
              std::to_string(out_len_) + " decompressed bytes (" +
              (s.msg != nullptr ? s.msg : "invalid data") + ")";
  }

  void over_limit() {
    out_len_ = std::min<uint64_t>(out_len_, limit_);
    damage_ = "decompressed size exceeds the limit of " + std::to_string(limit_) + " bytes";
  }

  void out_of_memory() {
    damage_ = "out of memory after " + std::to_string(out_len_) + " decompressed bytes";
  }

  const unsigned char* in_;
  size_t in_size_;
  uint64_t limit_;
  PaddedBuffer& out_;
  std::optional<std::string>& damage_;
  size_t out_len_ = 0;
};

}  // namespace

LoadedFile load_file(const std::string& path, const LoadOptions& opts) {
  LoadedFile file;
  const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    file.damage = "cannot open: " + errno_text(errno);
    return file;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    file.damage = "cannot read: " + errno_text(errno);
    return file;
  }
  // open() succeeds on a directory; read() would then fail with EISDIR, so say it up front.
  if (S_ISDIR(st.st_mode)) {
    file.damage = "cannot read: " + errno_text(EISDIR);
    return file;
  }
  PaddedBuffer raw;
  const size_t size_hint = S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0;
  if (const int err = read_all(fd.get(), size_hint, raw); err != 0) {
    file.damage = "cannot read: " + errno_text(err);
    return file;
  }
  return load_bytes(std::move(raw), opts);
}

LoadedFile load_bytes(PaddedBuffer raw, const LoadOptions& opts) {
  LoadedFile file;
  if (starts_with_zstd_magic(raw.view())) {
    file.zstd = true;
    decode_zstd(raw, opts.max_decompressed_bytes, file.bytes, file.damage);
    return file;
  }
  if (!starts_with_gzip_magic(raw.view())) {
    file.bytes = std::move(raw);
    return file;
  }
  file.gzip = true;
  GzipDecoder(raw, opts.max_decompressed_bytes, file.bytes, file.damage).run();
  return file;
}

bool is_compressed(std::string_view head) {
  return starts_with_gzip_magic(head) || starts_with_zstd_magic(head);
}

}  // namespace tb::runtime
