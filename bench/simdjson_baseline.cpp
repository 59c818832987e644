// tb-simdjson-baseline: the parse-only floor that bench/compare measures trailbook against.
//
// Reads a JSON Lines file in 16 MiB chunks into a reused padded buffer (as trailbook's reader
// does), splits it into lines with memchr, parses each line with simdjson On-Demand and reads
// one top-level string field (eventName by default). No predicate, no output: what is left is
// the cost of finding records and one field in them. With -j N the file is cut into N byte
// ranges at line boundaries, one thread each.
//
// Prints one line: records, records with the field as a string, bytes, seconds.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <simdjson.h>

namespace {

constexpr size_t kChunk = size_t{16} << 20;

struct Counts {
  uint64_t records = 0;
  uint64_t with_field = 0;
  uint64_t field_bytes = 0;  // so the field read cannot be optimised away
  uint64_t errors = 0;
};

// The first line start at or after `pos` (0 stays 0).
uint64_t line_start_at_or_after(int fd, uint64_t pos, uint64_t size) {
  if (pos == 0) return 0;
  char buf[4096];
  uint64_t at = pos - 1;  // a line starts after a newline
  while (at < size) {
    const ssize_t n = pread(fd, buf, sizeof buf, static_cast<off_t>(at));
    if (n <= 0) return size;
    const void* nl = std::memchr(buf, '\n', static_cast<size_t>(n));
    if (nl != nullptr) return at + static_cast<uint64_t>(static_cast<const char*>(nl) - buf) + 1;
    at += static_cast<uint64_t>(n);
  }
  return size;
}

void scan_range(int fd, uint64_t begin, uint64_t end, std::string_view field, Counts& out) {
  simdjson::ondemand::parser parser;
  std::vector<char> buf(kChunk + simdjson::SIMDJSON_PADDING);
  size_t have = 0;  // bytes of an unfinished line carried to the front of buf
  uint64_t pos = begin;
  Counts c;
  auto one_line = [&](const char* p, size_t n) {
    if (n == 0) return;
    ++c.records;
    // The bytes after the line (the next lines, or the padding) are readable: a padded view.
    simdjson::ondemand::document doc;
    if (parser.iterate(simdjson::padded_string_view(p, n, n + simdjson::SIMDJSON_PADDING))
            .get(doc) != simdjson::SUCCESS) {
      ++c.errors;
      return;
    }
    std::string_view v;
    if (doc[field].get_string().get(v) == simdjson::SUCCESS) {
      ++c.with_field;
      c.field_bytes += v.size();
    }
  };
  while (pos < end || have > 0) {
    if (have == buf.size() - simdjson::SIMDJSON_PADDING) {
      buf.resize(buf.size() * 2);  // a line longer than the buffer
    }
    const size_t room = buf.size() - simdjson::SIMDJSON_PADDING - have;
    const size_t want = static_cast<size_t>(std::min<uint64_t>(room, end - pos));
    ssize_t n = 0;
    if (want > 0) {
      n = pread(fd, buf.data() + have, want, static_cast<off_t>(pos));
      if (n < 0) {
        std::perror("pread");
        std::exit(1);
      }
      pos += static_cast<uint64_t>(n);
    }
    const size_t len = have + static_cast<size_t>(n);
    const bool last = pos >= end;
    std::memset(buf.data() + len, ' ', simdjson::SIMDJSON_PADDING);
    const char* p = buf.data();
    const char* stop = buf.data() + len;
    while (p < stop) {
      const char* nl =
          static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(stop - p)));
      if (nl == nullptr) break;
      one_line(p, static_cast<size_t>(nl - p));
      p = nl + 1;
    }
    have = static_cast<size_t>(stop - p);
    if (last) {
      one_line(p, have);  // a final line without a newline
      break;
    }
    std::memmove(buf.data(), p, have);
  }
  out = c;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  std::string field = "eventName";
  unsigned threads = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "-j" || a == "--threads") && i + 1 < argc) {
      threads = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    } else if (a == "--field" && i + 1 < argc) {
      field = argv[++i];
    } else if (!a.empty() && a[0] != '-' && path.empty()) {
      path = a;
    } else {
      std::fprintf(stderr, "usage: tb-simdjson-baseline FILE.jsonl [-j N] [--field NAME]\n");
      return 2;
    }
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: tb-simdjson-baseline FILE.jsonl [-j N] [--field NAME]\n");
    return 2;
  }
  const int fd = open(path.c_str(), O_RDONLY);
  struct stat st {};
  if (fd < 0 || fstat(fd, &st) != 0) {
    std::perror(path.c_str());
    return 1;
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<uint64_t> cuts;
  for (unsigned t = 0; t <= threads; ++t) {
    cuts.push_back(t == threads ? size : line_start_at_or_after(fd, size * t / threads, size));
  }
  std::vector<Counts> counts(threads);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back(
        [&, t] { scan_range(fd, cuts[t], std::max(cuts[t], cuts[t + 1]), field, counts[t]); });
  }
  for (std::thread& w : workers) w.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  Counts total;
  for (const Counts& c : counts) {
    total.records += c.records;
    total.with_field += c.with_field;
    total.field_bytes += c.field_bytes;
    total.errors += c.errors;
  }
  std::printf("records %llu with_%s %llu field_bytes %llu errors %llu bytes %llu seconds %.3f\n",
              static_cast<unsigned long long>(total.records), field.c_str(),
              static_cast<unsigned long long>(total.with_field),
              static_cast<unsigned long long>(total.field_bytes),
              static_cast<unsigned long long>(total.errors), static_cast<unsigned long long>(size),
              seconds);
  close(fd);
  return total.errors == 0 ? 0 : 1;
}
