#pragma once
// The CloudTrail records in samples/, once, in the shapes the benchmarks read: one JSON-lines
// buffer, one delivery document and its gzip, and each record's text.
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "runtime/input/padded_buffer.h"

namespace tb::microbench {

struct SampleRecords {
  std::vector<std::string> records;  // one compact JSON object each
  size_t record_bytes = 0;           // their total size
  runtime::PaddedBuffer json_lines;  // the records, one a line
  runtime::PaddedBuffer delivery;    // {"Records":[...]} as CloudTrail writes to S3
  std::string delivery_gzip;         // the delivery document, gzipped (level 6)
};

// Loaded on first use; aborts when samples/ cannot be read (a benchmark without data measures
// nothing).
const SampleRecords& sample_records();

// Runs `per_record(text, capacity)` on every sample record, in place in the JSON-lines buffer
// (`capacity`: readable bytes from the record's start, padding included), and reports the
// records' bytes and count per iteration.
template <typename PerRecord>
void over_records(benchmark::State& state, PerRecord per_record) {
  const SampleRecords& s = sample_records();
  const char* begin = s.json_lines.data();
  const size_t capacity = s.json_lines.size() + runtime::PaddedBuffer::kPadding;
  for (auto _ : state) {
    size_t at = 0;
    for (const std::string& record : s.records) {
      per_record(std::string_view(begin + at, record.size()), capacity - at);
      at += record.size() + 1;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.record_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * s.records.size()));
}

}  // namespace tb::microbench
