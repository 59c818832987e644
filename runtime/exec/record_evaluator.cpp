#include "runtime/exec/record_evaluator.h"

#include <vector>

#include "runtime/abi/scratch.h"
#include "runtime/exec/field_extractor.h"
#include "runtime/exec/scan_plan.h"

namespace tb::runtime {

namespace {

class KernelEvaluator final : public RecordEvaluator {
 public:
  explicit KernelEvaluator(const ScanPlan& plan)
      : plan_(plan), extractor_(plan.fields), slots_(plan.fields.size()) {}

  bool evaluate(std::string_view record, size_t capacity, uint64_t* matched,
                std::string& error) override {
    error = extractor_.extract(record, capacity, slots_.data());
    if (!error.empty()) return false;
    scratch_.reset();  // lower()/upper() results of the previous record are dead
    plan_.kernel(slots_.data(), matched, &context_);
    return true;
  }

  const tb_value* slots() const override { return slots_.data(); }

 private:
  const ScanPlan& plan_;
  FieldExtractor extractor_;
  std::vector<tb_value> slots_;
  tb_scratch scratch_;
  tb_kernel_context context_{plan_.objects.data(), &scratch_};
};

}  // namespace

std::unique_ptr<RecordEvaluator> make_kernel_evaluator(const ScanPlan& plan) {
  return std::make_unique<KernelEvaluator>(plan);
}

std::unique_ptr<RecordEvaluator> make_evaluator(const ScanPlan& plan) {
  return plan.make_evaluator ? plan.make_evaluator() : make_kernel_evaluator(plan);
}

}  // namespace tb::runtime
