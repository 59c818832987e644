#include "runtime/aggregate/memory_budget.h"

#include <stdexcept>
#include <utility>

namespace tb::runtime::aggregate {

namespace {

constexpr size_t kChunk = size_t{64} << 10;

}  // namespace

bool MemoryBudget::reserve(size_t bytes) {
  size_t used = used_.load(std::memory_order_relaxed);
  do {
    if (bytes > limit_ - used) return false;
  } while (!used_.compare_exchange_weak(used, used + bytes, std::memory_order_relaxed));
  return true;
}

void MemoryBudget::release(size_t bytes) {
  used_.fetch_sub(bytes, std::memory_order_relaxed);
}

BudgetAccount::BudgetAccount(BudgetAccount&& other) noexcept
    : budget_(other.budget_),
      used_(std::exchange(other.used_, 0)),
      reserved_(std::exchange(other.reserved_, 0)) {}

BudgetAccount::~BudgetAccount() {
  budget_->release(reserved_);
}

bool BudgetAccount::use(size_t bytes) {
  if (bytes > reserved_) {
    const size_t needed = bytes - reserved_;
    // A spare chunk saves the next records a trip to the shared counter; near the limit, take
    // only what is needed so that the chunking does not fail a query that fits.
    if (budget_->reserve(needed + kChunk)) {
      reserved_ += needed + kChunk;
    } else if (budget_->reserve(needed)) {
      reserved_ += needed;
    } else {
      return false;
    }
  } else if (reserved_ - bytes > 2 * kChunk) {
    // A state that shrank (a merge dropping duplicates) gives back all but one spare chunk.
    budget_->release(reserved_ - bytes - kChunk);
    reserved_ = bytes + kChunk;
  }
  used_ = bytes;
  return true;
}

void BudgetAccount::absorb(BudgetAccount&& other) {
  if (other.budget_ != budget_) {
    throw std::invalid_argument("query operators merged across different memory budgets");
  }
  used_ += std::exchange(other.used_, 0);
  reserved_ += std::exchange(other.reserved_, 0);
}

std::string format_count(uint64_t n) {
  std::string digits = std::to_string(n);
  for (size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

std::string format_bytes(size_t bytes) {
  static constexpr const char* kUnits[] = {"GiB", "MiB", "KiB"};
  static constexpr size_t kSizes[] = {size_t{1} << 30, size_t{1} << 20, size_t{1} << 10};
  for (size_t u = 0; u < 3; ++u) {
    if (bytes >= kSizes[u] && bytes % kSizes[u] == 0) {
      return format_count(bytes / kSizes[u]) + " " + kUnits[u];
    }
  }
  return format_count(bytes) + " bytes";
}

}  // namespace tb::runtime::aggregate
