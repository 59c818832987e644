// The operator as the runtime uses it: shapes it refuses, rows in input order, and the memory
// budget.
#include "runtime/aggregate/query_operator.h"

#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/unit/runtime/aggregate/aggregate_test_support.h"

namespace {

using namespace tb::runtime::aggregate;
using namespace tb::runtime::aggregate::testing;
using Strings = std::vector<std::string>;

bool add(QueryOperator& op, const Record& record, uint64_t sequence) {
  const std::vector<tb_value> slots = slots_of(record);
  return op.add(slots.data(), sequence);
}

std::string unique_key(uint64_t n) {
  return "198.51.100." + std::to_string(n) + " and some more bytes to hold";
}

TEST(QueryOperator, RefusesInconsistentShapes) {
  MemoryBudget budget(1 << 20);
  const auto refused = [&](const QueryShape& shape) {
    EXPECT_THROW(QueryOperator(shape, budget), std::invalid_argument);
  };
  refused(grouped_by({0}, {field("x", 0)}));
  refused(grouped_by({0}, {key("k", 1)}));
  refused(selecting({aggregate("n", AggregateKind::Count)}));
  refused(selecting({key("k", 0)}));
  QueryShape keys_without_group_by = selecting({field("x", 0)});
  keys_without_group_by.key_slots = {0};
  refused(keys_without_group_by);
  QueryShape bad_order = selecting({field("x", 0)});
  bad_order.order = {{1, false}};
  refused(bad_order);
  QueryShape bad_having = selecting({field("x", 0)});
  bad_having.having = compare(1, CompareOp::Eq, I(1));
  refused(bad_having);
  RowPredicate empty_not;
  empty_not.kind = RowPredicate::Kind::Not;
  bad_having.having = empty_not;
  refused(bad_having);
}

TEST(QueryOperator, UngroupedRowsComeInInputOrderAfterMerges) {
  MemoryBudget budget(1 << 20);
  const QueryShape shape = selecting({field("x", 0), hidden(field("y", 1))});
  QueryOperator a(shape, budget), b(shape, budget);
  for (uint64_t s = 0; s < 6; ++s) {
    ASSERT_TRUE(add(s % 2 ? b : a, {I(static_cast<int64_t>(s)), S("hidden")}, s));
  }
  b.merge(std::move(a));
  EXPECT_EQ(show(b.finish()), (Strings{"0", "1", "2", "3", "4", "5"}));
}

TEST(QueryOperator, LimitWithoutOrderHoldsOnlyTheLimit) {
  // A budget far too small for every row is enough for the first ten.
  MemoryBudget budget(256 << 10);
  QueryShape shape = selecting({field("x", 0)});
  shape.limit = 10;
  QueryOperator op(shape, budget);
  for (uint64_t s = 0; s < 100000; ++s) ASSERT_TRUE(add(op, {S(unique_key(s))}, s));
  EXPECT_EQ(op.finish().size(), 10u);
}

TEST(QueryOperator, TopKHoldsOnlyTheLimit) {
  MemoryBudget budget(256 << 10);
  QueryShape shape = selecting({field("x", 0)});
  shape.order = {{0, true}};
  shape.limit = 3;
  QueryOperator op(shape, budget);
  for (uint64_t s = 0; s < 100000; ++s) {
    ASSERT_TRUE(add(op, {I(static_cast<int64_t>((s * 7919) % 100003))}, s));
  }
  EXPECT_EQ(show(op.finish()), (Strings{"100002", "100001", "100000"}));
}

TEST(QueryOperator, GroupByStopsAtTheMemoryBudget) {
  MemoryBudget budget(1 << 20);
  QueryShape shape = grouped_by({0}, {key("ip", 0), aggregate("n", AggregateKind::Count)});
  shape.runbook = "recon";
  shape.query = "by_ip";
  QueryOperator op(shape, budget);
  uint64_t added = 0;
  while (add(op, {S(unique_key(added))}, added)) ++added;
  EXPECT_GT(added, 1000u);  // a few hundred bytes per group: thousands fit in 1 MiB
  EXPECT_LT(added, 10000u);
  EXPECT_TRUE(op.failed());
  EXPECT_EQ(op.error(),
            "query 'by_ip' of runbook 'recon': group by state exceeded the memory "
            "budget of 1 MiB (" +
                format_count(added + 1) + " groups); raise --memory-limit or narrow the query");
  EXPECT_FALSE(add(op, {S("again")}, added + 1));  // stays failed
  EXPECT_THROW(op.finish(), std::runtime_error);
  // The lost state's memory goes back for the other queries.
  EXPECT_LT(budget.used(), size_t{256} << 10);
}

TEST(QueryOperator, DistinctSetsAreCharged) {
  MemoryBudget budget(1 << 20);
  const QueryShape shape = grouped_by({}, {aggregate("ips", AggregateKind::CountDistinct, 0)});
  QueryOperator op(shape, budget);
  uint64_t added = 0;
  while (add(op, {S(unique_key(added))}, added) && added < 1000000) ++added;
  EXPECT_TRUE(op.failed());
  EXPECT_LT(added, 20000u);
}

TEST(QueryOperator, UngroupedRowsWithoutLimitAreCharged) {
  MemoryBudget budget(1 << 20);
  QueryShape shape = selecting({field("x", 0)});
  shape.order = {{0, false}};
  QueryOperator op(shape, budget);
  uint64_t added = 0;
  while (add(op, {S(unique_key(added))}, added) && added < 1000000) ++added;
  EXPECT_TRUE(op.failed());
  EXPECT_NE(op.error().find("order by state exceeded the memory budget of 1 MiB ("),
            std::string::npos)
      << op.error();
  EXPECT_NE(op.error().find(" rows); raise --memory-limit"), std::string::npos) << op.error();
}

TEST(QueryOperator, AFailedPartCarriesThroughTheMerge) {
  MemoryBudget budget(1 << 20);
  const QueryShape shape = grouped_by({0}, {key("ip", 0)});
  QueryOperator healthy(shape, budget), failed(shape, budget);
  ASSERT_TRUE(add(healthy, {S("10.0.0.1")}, 0));
  uint64_t s = 1;
  while (add(failed, {S(unique_key(s))}, s)) ++s;
  healthy.merge(std::move(failed));
  EXPECT_TRUE(healthy.failed());
  EXPECT_NE(healthy.error().find("group by state exceeded"), std::string::npos);
}

TEST(QueryOperator, OperatorsGiveTheirMemoryBack) {
  MemoryBudget budget(8 << 20);
  {
    // Both threads see every key: the merge drops one copy of each group.
    const QueryShape shape = grouped_by({0}, {key("ip", 0)});
    QueryOperator a(shape, budget), b(shape, budget);
    constexpr uint64_t kKeys = 2000;
    for (uint64_t s = 0; s < 2 * kKeys; ++s) {
      ASSERT_TRUE(add(s < kKeys ? a : b, {S(unique_key(s % kKeys))}, s));
    }
    const size_t before = budget.used();
    a.merge(std::move(b));
    EXPECT_LT(budget.used(), before * 3 / 4);
    EXPECT_EQ(a.finish().size(), kKeys);
  }
  EXPECT_EQ(budget.used(), 0u);
}

}  // namespace
