// A small pack compiled through the driver (three CIS runbooks): the raw-byte prefilter alone,
// the pack's field extraction alone, and the whole per-record evaluation (prefilter, extraction,
// JIT kernel) with and without the prefilter. Kernel time is evaluation without the prefilter
// minus extraction.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "bench/micro/sample_records.h"
#include "compiler/driver/compiler.h"
#include "runtime/exec/field_extractor.h"
#include "runtime/exec/prefilter.h"
#include "runtime/exec/record_evaluator.h"

namespace tb::microbench {
namespace {

const driver::CompiledPack& pack() {
  static const std::unique_ptr<driver::CompiledPack> compiled = [] {
    driver::Compilation c;
    for (const char* name : {"cis_4_1_unauthorized_api_calls.tb", "cis_4_3_root_account_usage.tb",
                             "cis_4_4_iam_policy_changes.tb"}) {
      c.add_file(std::string(TB_RUNBOOKS_DIR "/cis/") + name);
    }
    std::string error;
    auto out = c.compile({}, error);
    if (!out) {
      std::fprintf(stderr, "tb-microbench: the CIS pack does not compile %s\n", error.c_str());
      std::exit(2);
    }
    return out;
  }();
  return *compiled;
}

void BM_Prefilter(benchmark::State& state) {
  const auto& prefilter = pack().plan.prefilter;
  if (!prefilter) return state.SkipWithError("the pack has no prefilter");
  runtime::Prefilter::Scratch scratch(*prefilter);
  size_t passed = 0;
  over_records(state, [&](std::string_view record, size_t) {
    passed += prefilter->may_match(record, scratch);
  });
  state.counters["passed"] = static_cast<double>(passed) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Prefilter);

void BM_ExtractPackFields(benchmark::State& state) {
  runtime::FieldExtractor extractor(pack().plan.fields);
  std::vector<tb_value> slots(extractor.slot_count());
  over_records(state, [&](std::string_view record, size_t capacity) {
    benchmark::DoNotOptimize(extractor.extract(record, capacity, slots.data()));
  });
}
BENCHMARK(BM_ExtractPackFields);

void evaluate(benchmark::State& state, const runtime::ScanPlan& plan) {
  const auto evaluator = runtime::make_kernel_evaluator(plan);
  std::vector<uint64_t> matched((plan.queries.size() + 63) / 64);
  std::string error;
  size_t matches = 0;
  over_records(state, [&](std::string_view record, size_t capacity) {
    evaluator->evaluate(record, capacity, matched.data(), error);
    matches += matched[0] != 0;
  });
  state.counters["matched"] =
      static_cast<double>(matches) / static_cast<double>(state.iterations());
}

void BM_Evaluate(benchmark::State& state) {
  evaluate(state, pack().plan);
}
BENCHMARK(BM_Evaluate);

void BM_Evaluate_NoPrefilter(benchmark::State& state) {
  runtime::ScanPlan plan = pack().plan;
  plan.prefilter = nullptr;
  evaluate(state, plan);
}
BENCHMARK(BM_Evaluate_NoPrefilter);

}  // namespace
}  // namespace tb::microbench
