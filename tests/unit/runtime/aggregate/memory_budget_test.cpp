// The shared byte budget and the per-operator accounts that draw on it.
#include "runtime/aggregate/memory_budget.h"

#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {

using namespace tb::runtime::aggregate;

TEST(MemoryBudget, ReservesUpToTheLimit) {
  MemoryBudget budget(1000);
  EXPECT_TRUE(budget.reserve(600));
  EXPECT_FALSE(budget.reserve(401));
  EXPECT_EQ(budget.used(), 600u);  // a refused reservation takes nothing
  EXPECT_TRUE(budget.reserve(400));
  EXPECT_FALSE(budget.reserve(1));
  budget.release(1000);
  EXPECT_EQ(budget.used(), 0u);
}

TEST(MemoryBudget, ThreadsNeverPassTheLimit) {
  MemoryBudget budget(10000);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&budget] {
      for (int n = 0; n < 20000; ++n) {
        if (budget.reserve(7)) {
          EXPECT_LE(budget.used(), 10000u);
          budget.release(7);
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(budget.used(), 0u);
}

TEST(BudgetAccount, ReservesAheadAndGivesEverythingBack) {
  MemoryBudget budget(size_t{1} << 20);
  {
    BudgetAccount account(budget);
    EXPECT_TRUE(account.use(100));
    EXPECT_GE(budget.used(), 100u);
    const size_t after_first = budget.used();
    EXPECT_TRUE(account.use(200));  // within the spare chunk: no trip to the budget
    EXPECT_EQ(budget.used(), after_first);
    EXPECT_TRUE(account.use(500000));
    EXPECT_GE(budget.used(), 500000u);
    EXPECT_TRUE(account.use(10));  // shrinking gives back all but a spare chunk
    EXPECT_LT(budget.used(), 200000u);
  }
  EXPECT_EQ(budget.used(), 0u);
}

TEST(BudgetAccount, UsesTheLastBytesWithoutASpareChunk) {
  MemoryBudget budget(1000);
  BudgetAccount account(budget);
  EXPECT_TRUE(account.use(1000));
  EXPECT_FALSE(account.use(1001));
  EXPECT_EQ(account.used(), 1000u);  // a refused use changes nothing
}

TEST(BudgetAccount, AbsorbTakesOverAnotherAccount) {
  MemoryBudget budget(size_t{1} << 20);
  BudgetAccount a(budget);
  {
    BudgetAccount b(budget);
    ASSERT_TRUE(a.use(100));
    ASSERT_TRUE(b.use(300));
    a.absorb(std::move(b));
    EXPECT_EQ(a.used(), 400u);
  }
  EXPECT_GE(budget.used(), 400u);  // b's destruction released nothing of what a now holds
  EXPECT_TRUE(a.use(0));
  MemoryBudget other_budget(1000);
  BudgetAccount stranger(other_budget);
  EXPECT_THROW(a.absorb(std::move(stranger)), std::invalid_argument);
}

TEST(MemoryBudget, FormatsForMessages) {
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(999), "999");
  EXPECT_EQ(format_count(1000), "1,000");
  EXPECT_EQ(format_count(1234567), "1,234,567");
  EXPECT_EQ(format_bytes(size_t{512} << 20), "512 MiB");
  EXPECT_EQ(format_bytes(size_t{2} << 30), "2 GiB");
  EXPECT_EQ(format_bytes(size_t{1536} << 20), "1,536 MiB");
  EXPECT_EQ(format_bytes(256 << 10), "256 KiB");
  EXPECT_EQ(format_bytes(1000), "1,000 bytes");
}

}  // namespace
