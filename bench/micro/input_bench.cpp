// The input stage: splitting a file's bytes into records, and gunzipping a delivery file.
#include <benchmark/benchmark.h>

#include <cstring>

#include "bench/micro/sample_records.h"
#include "runtime/input/file_loader.h"
#include "runtime/input/record_reader.h"

namespace tb::microbench {
namespace {

void split(benchmark::State& state, const runtime::PaddedBuffer& bytes) {
  uint64_t records = 0;
  for (auto _ : state) {
    runtime::RecordReader reader(bytes.view());
    runtime::RawRecord record;
    while (reader.next(record)) {
      benchmark::DoNotOptimize(record.bytes.data());
      ++records;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(static_cast<int64_t>(records));
}

void BM_RecordReader_JsonLines(benchmark::State& state) {
  split(state, sample_records().json_lines);
}
BENCHMARK(BM_RecordReader_JsonLines);

void BM_RecordReader_Delivery(benchmark::State& state) {
  split(state, sample_records().delivery);
}
BENCHMARK(BM_RecordReader_Delivery);

// load_bytes() on gzip: libdeflate, whole member. Bytes are decompressed bytes.
void BM_GzipLoad(benchmark::State& state) {
  const SampleRecords& s = sample_records();
  size_t out = 0;
  for (auto _ : state) {
    runtime::PaddedBuffer raw;
    raw.resize(s.delivery_gzip.size());
    std::memcpy(raw.data(), s.delivery_gzip.data(), s.delivery_gzip.size());
    const runtime::LoadedFile file = runtime::load_bytes(std::move(raw));
    out = file.bytes.size();
    benchmark::DoNotOptimize(file.bytes.data());
  }
  if (out != s.delivery.size()) state.SkipWithError("gzip round trip lost bytes");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * out));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * s.records.size()));
}
BENCHMARK(BM_GzipLoad);

}  // namespace
}  // namespace tb::microbench
