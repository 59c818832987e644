// Projection-only parsing: the field extractor reading a few fields of each record, as a pack
// that reads them would.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench/micro/sample_records.h"
#include "runtime/exec/field_extractor.h"

namespace tb::microbench {
namespace {

std::vector<runtime::FieldSpec> specs(const std::vector<std::vector<std::string>>& paths) {
  std::vector<runtime::FieldSpec> out;
  for (const auto& steps : paths) out.push_back({steps, false, {}});
  return out;
}

// Over the JSON-lines buffer, every record parsed in place.
void extract(benchmark::State& state, const std::vector<runtime::FieldSpec>& fields) {
  runtime::FieldExtractor extractor(fields);
  std::vector<tb_value> slots(extractor.slot_count());
  size_t failed = 0;
  over_records(state, [&](std::string_view record, size_t capacity) {
    failed += !extractor.extract(record, capacity, slots.data()).empty();
    benchmark::DoNotOptimize(slots.data());
  });
  if (failed != 0) state.SkipWithError("some sample records did not parse");
}

void BM_Extract_TwoTopLevel(benchmark::State& state) {
  extract(state, specs({{"eventName"}, {"eventSource"}}));
}
BENCHMARK(BM_Extract_TwoTopLevel);

// What a typical detection reads: names, identity, network, error and the time.
void BM_Extract_SixNested(benchmark::State& state) {
  extract(state, specs({{"eventName"},
                        {"eventSource"},
                        {"eventTime"},
                        {"userIdentity", "arn"},
                        {"sourceIPAddress"},
                        {"errorCode"}}));
}
BENCHMARK(BM_Extract_SixNested);

}  // namespace
}  // namespace tb::microbench
