// Partial states from threads merge into the result one operator gives, whatever the split of
// the input and the order of the merges.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/unit/compiler/test_rng.h"
#include "tests/unit/runtime/aggregate/aggregate_test_support.h"

namespace {

using namespace tb::runtime::aggregate;
using namespace tb::runtime::aggregate::testing;
using Strings = std::vector<std::string>;

// Sends each record to one of `parts` operators at random (each sees increasing sequences, as
// a thread scanning its share of the files would), then merges them pairwise in random order.
Strings run_split(const QueryShape& shape, const std::vector<Record>& records, size_t parts,
                  tb::testing::Rng& rng) {
  MemoryBudget budget(size_t{1} << 30);
  std::vector<std::unique_ptr<QueryOperator>> operators;
  for (size_t p = 0; p < parts; ++p)
    operators.push_back(std::make_unique<QueryOperator>(shape, budget));
  for (size_t r = 0; r < records.size(); ++r) {
    const std::vector<tb_value> slots = slots_of(records[r]);
    EXPECT_TRUE(operators[rng.below(parts)]->add(slots.data(), r));
  }
  while (operators.size() > 1) {
    const size_t into = rng.below(operators.size());
    size_t from = rng.below(operators.size() - 1);
    if (from >= into) ++from;
    operators[into]->merge(std::move(*operators[from]));
    operators.erase(operators.begin() + static_cast<std::ptrdiff_t>(from));
  }
  return show(operators.front()->finish());
}

std::vector<Record> random_records(tb::testing::Rng& rng, size_t n) {
  std::vector<Record> records(n);
  for (Record& record : records) {
    // Keys from small pools (including 1 and 1.0, missing and null), arguments of every kind.
    const Value first_keys[] = {S("a"), S("b"), I(1), D(1.0), Missing(), Null()};
    record = {first_keys[rng.below(6)], I(static_cast<int64_t>(rng.below(3))), random_value(rng),
              random_value(rng)};
  }
  return records;
}

QueryShape grouped_with_everything() {
  return grouped_by(
      {0, 1},
      {key("k0", 0), key("k1", 1), aggregate("n", AggregateKind::Count),
       aggregate("distinct", AggregateKind::CountDistinct, 2),
       aggregate("min", AggregateKind::Min, 2), aggregate("max", AggregateKind::Max, 3),
       aggregate("first", AggregateKind::First, 2), aggregate("last", AggregateKind::Last, 3),
       aggregate("values", AggregateKind::Values, 2)});
}

TEST(Merge, GroupedResultDoesNotDependOnTheSplit) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    tb::testing::Rng rng(seed);
    const std::vector<Record> records = random_records(rng, 1 + rng.below(400));
    QueryShape shape = grouped_with_everything();
    if (seed % 2 == 0) shape.order = {{2, true}, {3, false}};
    if (seed % 3 == 0) shape.limit = 1 + rng.below(8);
    const Strings expected = run(shape, records);
    for (const size_t parts : {2, 3, 7}) {
      EXPECT_EQ(run_split(shape, records, parts, rng), expected) << "seed " << seed;
    }
  }
}

TEST(Merge, UngroupedResultDoesNotDependOnTheSplit) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    tb::testing::Rng rng(seed);
    const std::vector<Record> records = random_records(rng, 1 + rng.below(400));
    QueryShape shape = selecting({field("k0", 0), field("a", 2), field("b", 3)});
    if (seed % 2 == 0) shape.order = {{1, false}, {2, true}};
    if (seed % 3 != 0) shape.limit = rng.below(30);
    const Strings expected = run(shape, records);
    for (const size_t parts : {2, 3, 7}) {
      EXPECT_EQ(run_split(shape, records, parts, rng), expected) << "seed " << seed;
    }
  }
}

// Two threads' operators for one group: `early` saw records 0, 2, 4; `late` saw 1 and 3.
struct TwoThreads {
  explicit TwoThreads(const QueryShape& shape) : early(shape, budget), late(shape, budget) {}
  void add(QueryOperator& op, const Record& record, uint64_t sequence) {
    const std::vector<tb_value> slots = slots_of(record);
    ASSERT_TRUE(op.add(slots.data(), sequence));
  }
  MemoryBudget budget{size_t{1} << 20};
  QueryOperator early, late;
};

TEST(Merge, ValuesKeepFirstAppearanceOrder) {
  const QueryShape shape =
      grouped_by({0}, {key("k", 0), aggregate("values", AggregateKind::Values, 1)});
  for (const bool into_early : {true, false}) {
    TwoThreads t(shape);
    t.add(t.early, {S("k"), S("x")}, 0);
    t.add(t.late, {S("k"), S("y")}, 1);
    t.add(t.early, {S("k"), S("z")}, 2);
    t.add(t.late, {S("k"), S("w")}, 3);
    t.add(t.early, {S("k"), S("y")}, 4);
    QueryOperator& into = into_early ? t.early : t.late;
    into.merge(std::move(into_early ? t.late : t.early));
    EXPECT_EQ(show(into.finish()), Strings{R"("k" | ["x","y","z","w"])"});
  }
}

TEST(Merge, EqualValuesKeepTheEarliestSpelling) {
  // 2^60 is an int in one thread and a double in the other: the group key, min and values()
  // show the spelling of the earlier record whichever way the merge goes.
  const int64_t big = int64_t{1} << 60;
  const QueryShape shape = grouped_by({0}, {key("k", 0), aggregate("min", AggregateKind::Min, 1),
                                            aggregate("values", AggregateKind::Values, 1)});
  for (const bool into_early : {true, false}) {
    TwoThreads t(shape);
    t.add(t.late, {I(big), D(static_cast<double>(big))}, 1);
    t.add(t.early, {D(static_cast<double>(big)), I(big)}, 0);
    QueryOperator& into = into_early ? t.early : t.late;
    into.merge(std::move(into_early ? t.late : t.early));
    EXPECT_EQ(show(into.finish()),
              Strings{"1152921504606846976.0 | 1152921504606846976 | [1152921504606846976]"});
  }
}

}  // namespace
