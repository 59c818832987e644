#include "bench/micro/sample_records.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "runtime/input/file_loader.h"
#include "runtime/input/record_reader.h"

namespace tb::microbench {
namespace {

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "tb-microbench: %s\n", why.c_str());
  std::exit(2);
}

void append(runtime::PaddedBuffer& buffer, std::string_view text) {
  const size_t at = buffer.size();
  buffer.resize(at + text.size());
  std::memcpy(buffer.data() + at, text.data(), text.size());
}

std::string gzip(std::string_view text) {
  libdeflate_compressor* c = libdeflate_alloc_compressor(6);
  std::string out(libdeflate_gzip_compress_bound(c, text.size()), '\0');
  out.resize(libdeflate_gzip_compress(c, text.data(), text.size(), out.data(), out.size()));
  libdeflate_free_compressor(c);
  return out;
}

SampleRecords load() {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(TB_SAMPLES_DIR, ec)) {
    if (entry.is_regular_file() && entry.path().string().ends_with(".json.gz")) {
      paths.push_back(entry.path().string());
    }
  }
  if (ec || paths.empty()) fail("no *.json.gz under " TB_SAMPLES_DIR);
  std::sort(paths.begin(), paths.end());  // the same records in the same order every run

  SampleRecords s;
  append(s.delivery, "{\"Records\":[");
  for (const std::string& path : paths) {
    const runtime::LoadedFile file = runtime::load_file(path);
    if (file.damage) fail(path + ": " + *file.damage);
    runtime::RecordReader reader(file.bytes.view());
    runtime::RawRecord record;
    while (reader.next(record)) {
      if (!s.records.empty()) append(s.delivery, ",");
      append(s.delivery, record.bytes);
      append(s.json_lines, record.bytes);
      append(s.json_lines, "\n");
      s.record_bytes += record.bytes.size();
      s.records.emplace_back(record.bytes);
    }
  }
  append(s.delivery, "]}");
  s.delivery_gzip = gzip(s.delivery.view());
  return s;
}

}  // namespace

const SampleRecords& sample_records() {
  static const SampleRecords records = load();
  return records;
}

}  // namespace tb::microbench
