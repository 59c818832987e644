#include "runtime/exec/record_evaluator.h"

#include <algorithm>
#include <optional>
#include <vector>

#include <simdjson.h>

#include "runtime/abi/scratch.h"
#include "runtime/exec/field_extractor.h"
#include "runtime/exec/record_checks.h"
#include "runtime/exec/scan_plan.h"

namespace tb::runtime {

namespace {

// Whether `record` is framed as one JSON object: `{` first and `}` last, spaces aside.
std::string envelope_error(std::string_view record) {
  const size_t first = record.find_first_not_of(" \t\r\n");
  const size_t last = record.find_last_not_of(" \t\r\n");
  if (first == std::string_view::npos || record[first] != '{' || record[last] != '}') {
    return "the record is not one whole JSON object";
  }
  return {};
}

class KernelEvaluator final : public RecordEvaluator {
 public:
  explicit KernelEvaluator(const ScanPlan& plan)
      : plan_(plan), extractor_(plan.fields), slots_(plan.fields.size()) {
    if (plan.prefilter && (plan.prefilter->spec().skips_records() || plan.prefilter_per_query)) {
      prefilter_scratch_.emplace(*plan.prefilter);
      candidates_.assign(plan.prefilter->words(), 0);
      // Records that only the queries without literals may match need only their fields.
      const auto& base = plan.base_slots;
      if (base.size() == plan.fields.size() &&
          std::find(base.begin(), base.end(), false) != base.end()) {
        base_extractor_.emplace(plan.fields, base);
      }
    }
    // simdjson counts the document itself as a level; records get kMaxNestingDepth below it.
    // Should this fail (no memory), the first parse allocates with simdjson's default depth.
    if (plan.validate) {
      [[maybe_unused]] const auto allocated =
          validator_.allocate(size_t{1} << 16, kMaxNestingDepth + 1);
    }
  }

  bool evaluate(std::string_view record, size_t capacity, uint64_t* matched,
                std::string& error) override {
    if (plan_.validate) {
      simdjson::dom::element whole;
      if (auto e = validator_.parse(record.data(), record.size(), false).get(whole)) {
        error = record_error_message(e, record);
        return false;
      }
      if (!whole.is_object()) {
        error = "the record is not a JSON object";
        return false;
      }
    }
    FieldExtractor* extractor = &extractor_;
    context_.candidates = nullptr;
    prefiltered_ = false;
    if (prefilter_scratch_) {
      prefiltered_ = !plan_.prefilter->candidates(record, *prefilter_scratch_, candidates_.data());
      context_.candidates = candidates_.data();
      if (base_extractor_ && only_always()) extractor = &*base_extractor_;
    }
    if (prefiltered_) {
      std::fill(matched, matched + (plan_.queries.size() + 63) / 64, 0);
      // Rejected records are not parsed: no reading of bytes that lack every literal could
      // match. Only a record that is not one whole object (a line cut in two) is reported.
      error = envelope_error(record);
      return error.empty();
    }
    error = extractor->extract(record, capacity, slots_.data());
    if (!error.empty()) return false;
    scratch_.reset();  // lower()/upper() results of the previous record are dead
    plan_.kernel(slots_.data(), matched, &context_);
    return true;
  }

  const tb_value* slots() const override { return slots_.data(); }
  bool prefiltered() const override { return prefiltered_; }

 private:
  // Whether the candidates are only queries that require no literal.
  bool only_always() const {
    const auto& always = plan_.prefilter->always();
    for (size_t w = 0; w < candidates_.size(); ++w) {
      if ((candidates_[w] & ~always[w]) != 0) return false;
    }
    return true;
  }

  const ScanPlan& plan_;
  FieldExtractor extractor_;
  std::optional<FieldExtractor> base_extractor_;  // ScanPlan::base_slots only
  std::vector<tb_value> slots_;
  tb_scratch scratch_;
  tb_kernel_context context_{plan_.objects.data(), &scratch_, nullptr};
  std::optional<Prefilter::Scratch> prefilter_scratch_;
  std::vector<uint64_t> candidates_;  // the prefilter's verdict on the current record
  simdjson::dom::parser validator_;   // --validate
  bool prefiltered_ = false;
};

}  // namespace

std::unique_ptr<RecordEvaluator> make_kernel_evaluator(const ScanPlan& plan) {
  return std::make_unique<KernelEvaluator>(plan);
}

std::unique_ptr<RecordEvaluator> make_evaluator(const ScanPlan& plan) {
  return plan.make_evaluator ? plan.make_evaluator() : make_kernel_evaluator(plan);
}

}  // namespace tb::runtime
