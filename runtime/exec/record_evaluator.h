#pragma once
// Decides which queries of a pack match one record. The JIT kernel behind the projection-only
// field extractor is the fast engine; the reference interpreter (compiler/interp) provides
// another for `scan --engine=interp`. The runtime sees only this interface.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "runtime/abi/kernel_abi.h"

namespace tb::runtime {

struct ScanPlan;

class RecordEvaluator {
 public:
  virtual ~RecordEvaluator() = default;

  // Evaluates every query on `record`, whose buffer has simdjson's padding readable up to
  // `capacity` bytes from its start. Sets bit q of `matched` (all words written) when query q
  // matches. Returns false, with `error` set, when the record cannot be read.
  virtual bool evaluate(std::string_view record, size_t capacity, uint64_t* matched,
                        std::string& error) = 0;

  // The record's values by slot after evaluate(), for outputs and aggregates; valid until the
  // next call.
  virtual const tb_value* slots() const = 0;

  // Whether the last evaluate() decided from the raw bytes, without parsing, that nothing
  // matches (runtime/exec/prefilter.h).
  virtual bool prefiltered() const { return false; }
};

// Makes one evaluator per scanning thread.
using EvaluatorFactory = std::function<std::unique_ptr<RecordEvaluator>()>;

// The plan's kernel over the projection-only extractor.
std::unique_ptr<RecordEvaluator> make_kernel_evaluator(const ScanPlan& plan);

// The plan's own factory when it has one, else the kernel.
std::unique_ptr<RecordEvaluator> make_evaluator(const ScanPlan& plan);

}  // namespace tb::runtime
