#include "runtime/exec/pack_runner.h"

#include <algorithm>

namespace tb::runtime {

PackRunner::PackRunner(const ScanPlan& plan, aggregate::MemoryBudget& budget)
    : plan_(plan),
      evaluator_(make_evaluator(plan)),
      matched_((plan.queries.size() + 63) / 64 + 1),
      operators_(plan.queries.size()) {
  for (size_t q = 0; q < plan.queries.size(); ++q) {
    if (plan.queries[q].shape) operators_[q].emplace(*plan.queries[q].shape, budget);
  }
}

PackRunner::Outcome PackRunner::run(std::string_view record, size_t capacity, uint64_t sequence,
                                    std::string& error) {
  std::fill(matched_.begin(), matched_.end(), 0);
  if (!evaluator_->evaluate(record, capacity, matched_.data(), error)) return Outcome::Malformed;
  if (evaluator_->prefiltered()) return Outcome::Prefiltered;
  bool any = false;
  for (size_t w = 0; w < matched_.size(); ++w) any = any || matched_[w] != 0;
  if (!any) return Outcome::Unmatched;
  for (size_t q = 0; q < operators_.size(); ++q) {
    if (operators_[q] && matched(q)) operators_[q]->add(evaluator_->slots(), sequence);
  }
  return Outcome::Matched;
}

void PackRunner::merge(PackRunner&& other) {
  for (size_t q = 0; q < operators_.size(); ++q) {
    if (operators_[q] && other.operators_[q]) {
      operators_[q]->merge(std::move(*other.operators_[q]));
      other.operators_[q].reset();
    }
  }
}

std::vector<PackRunner::QueryRows> PackRunner::finish() {
  std::vector<QueryRows> out;
  for (size_t q = 0; q < operators_.size(); ++q) {
    if (!operators_[q]) continue;
    QueryRows result;
    result.query = &plan_.queries[q];
    if (operators_[q]->failed()) {
      result.error = operators_[q]->error();
    } else {
      result.rows = operators_[q]->finish();
    }
    operators_[q].reset();
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace tb::runtime
