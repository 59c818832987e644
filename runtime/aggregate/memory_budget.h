#pragma once
// The memory that query operators may hold (--memory-limit): group tables, distinct sets and
// rows kept for order by are charged against one budget shared by every query and thread, so
// a query with millions of groups stops with a message instead of exhausting the machine.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

namespace tb::runtime::aggregate {

// A thread-safe byte counter with a limit.
class MemoryBudget {
 public:
  explicit MemoryBudget(size_t limit_bytes) : limit_(limit_bytes) {}
  MemoryBudget(const MemoryBudget&) = delete;
  MemoryBudget& operator=(const MemoryBudget&) = delete;

  // Takes `bytes` from the budget; false, taking nothing, when that would pass the limit.
  bool reserve(size_t bytes);
  void release(size_t bytes);

  size_t limit() const { return limit_; }
  size_t used() const { return used_.load(std::memory_order_relaxed); }

 private:
  const size_t limit_;
  std::atomic<size_t> used_{0};
};

// What one operator holds, kept in step with a budget. Reserves in chunks so that threads do
// not contend on the shared counter for every record, never holds less than it uses, and gives
// everything back when destroyed.
class BudgetAccount {
 public:
  explicit BudgetAccount(MemoryBudget& budget) : budget_(&budget) {}
  BudgetAccount(BudgetAccount&& other) noexcept;
  BudgetAccount& operator=(BudgetAccount&&) = delete;
  ~BudgetAccount();

  // Records that the operator now uses `bytes`; false, changing nothing, when the budget cannot
  // cover them.
  bool use(size_t bytes);
  // Takes over what `other` reserved; both must draw on the same budget.
  void absorb(BudgetAccount&& other);

  size_t used() const { return used_; }
  const MemoryBudget& budget() const { return *budget_; }

 private:
  MemoryBudget* budget_;
  size_t used_ = 0;
  size_t reserved_ = 0;  // taken from the budget: used_ plus up to two spare chunks
};

// For messages: "512 MiB", "1 GiB", "1,000 bytes"; and "1,234,567".
std::string format_bytes(size_t bytes);
std::string format_count(uint64_t n);

}  // namespace tb::runtime::aggregate
