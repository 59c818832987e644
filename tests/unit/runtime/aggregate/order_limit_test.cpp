// having, order by and limit after grouping, and top-k against a full sort.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/unit/compiler/test_rng.h"
#include "tests/unit/runtime/aggregate/aggregate_test_support.h"

namespace {

using namespace tb::runtime::aggregate;
using namespace tb::runtime::aggregate::testing;
using Strings = std::vector<std::string>;

TEST(Having, FiltersGroupsOnHiddenAndVisibleColumns) {
  // select user, count() group by user having count() >= 2 and max(bytes) > 100
  QueryShape shape = grouped_by({0}, {key("user", 0), aggregate("n", AggregateKind::Count),
                                      hidden(aggregate("max_bytes", AggregateKind::Max, 1))});
  RowPredicate both;
  both.kind = RowPredicate::Kind::And;
  both.children = {compare(1, CompareOp::Ge, I(2)), compare(2, CompareOp::Gt, D(100.0))};
  shape.having = both;
  const std::vector<Record> records = {
      {S("ann"), I(500)},   {S("bob"), I(50)},  {S("ann"), Missing()},
      {S("bob"), I(99)},    {S("cy"), I(1000)}, {S("dee"), S("900")},
      {S("dee"), S("901")}, {S("eve"), I(100)}, {S("eve"), D(100.5)},
  };
  // bob's max is too small, cy has one record, dee's max is a string (R5: no order), eve's
  // 100.5 > 100.
  EXPECT_EQ(run(shape, records), (Strings{R"("ann" | 2)", R"("eve" | 2)"}));
}

TEST(Having, OnAnAggregateOverNoValues) {
  // having max(x) != 5, having not (max(x) == 5), having max(x) is missing
  QueryShape shape = grouped_by({0}, {key("k", 0), aggregate("top", AggregateKind::Max, 1)});
  const std::vector<Record> records = {{S("none"), Null()}, {S("five"), I(5)}, {S("six"), I(6)}};
  shape.having = compare(1, CompareOp::Ne, I(5));
  EXPECT_EQ(run(shape, records), (Strings{R"("six" | 6)"}));
  RowPredicate negated;
  negated.kind = RowPredicate::Kind::Not;
  negated.children = {compare(1, CompareOp::Eq, I(5))};
  shape.having = negated;
  EXPECT_EQ(run(shape, records), (Strings{R"("none" | missing)", R"("six" | 6)"}));
  RowPredicate is_missing;
  is_missing.kind = RowPredicate::Kind::Test;
  is_missing.column = 1;
  is_missing.null_test = NullTest::IsMissing;
  shape.having = is_missing;
  EXPECT_EQ(run(shape, records), (Strings{R"("none" | missing)"}));
}

TEST(Having, OnRowsOfAnUngroupedQueryBeforeTheLimit) {
  QueryShape shape = selecting({field("x", 0)});
  shape.having = compare(0, CompareOp::Gt, I(1));
  shape.limit = 2;
  EXPECT_EQ(run(shape, {{I(1)}, {I(5)}, {S("9")}, {I(0)}, {I(7)}, {I(8)}}), (Strings{"5", "7"}));
}

TEST(Order, AcrossTypesAscendingAndDescending) {
  QueryShape shape = grouped_by({0}, {key("k", 0)});
  const std::vector<Record> records = {
      {S("b")},
      {Value::of_json(TB_OBJECT, "{}")},
      {I(2)},
      {Null()},
      {D(1.5)},
      {B(true)},
      {Value::of_json(TB_ARRAY, "[]")},
      {S("A")},
      {Missing()},
      {B(false)},
      {S("\xc3\xa9")},
      {I(-3)},
  };
  shape.order = {{0, false}};
  EXPECT_EQ(run(shape, records), (Strings{"missing", "null", "false", "true", "-3", "1.5", "2",
                                          R"("A")", R"("b")", "\"\xc3\xa9\"", "[]", "{}"}));
  shape.order = {{0, true}};
  EXPECT_EQ(run(shape, records), (Strings{"{}", "[]", "\"\xc3\xa9\"", R"("b")", R"("A")", "2",
                                          "1.5", "-3", "true", "false", "null", "missing"}));
}

TEST(Order, SeveralKeysThenInputOrder) {
  // order by region asc, count desc; ties keep the order of each group's first record.
  QueryShape shape =
      grouped_by({0, 1}, {key("region", 0), key("user", 1), aggregate("n", AggregateKind::Count)});
  shape.order = {{0, false}, {2, true}};
  const std::vector<Record> records = {
      {S("eu"), S("z")}, {S("us"), S("a")}, {S("eu"), S("y")}, {S("eu"), S("x")},
      {S("eu"), S("x")}, {S("us"), S("b")}, {S("eu"), S("w")}, {S("us"), S("b")},
  };
  EXPECT_EQ(run(shape, records), (Strings{
                                     R"("eu" | "x" | 2)",
                                     R"("eu" | "z" | 1)",
                                     R"("eu" | "y" | 1)",
                                     R"("eu" | "w" | 1)",
                                     R"("us" | "b" | 2)",
                                     R"("us" | "a" | 1)",
                                 }));
  shape.limit = 3;
  EXPECT_EQ(run(shape, records),
            (Strings{R"("eu" | "x" | 2)", R"("eu" | "z" | 1)", R"("eu" | "y" | 1)"}));
}

TEST(Order, ByAHiddenColumnOfAnUngroupedQuery) {
  QueryShape shape = selecting({field("user", 0), hidden(field("time", 1))});
  shape.order = {{1, true}};
  EXPECT_EQ(run(shape, {{S("a"), I(1)}, {S("b"), I(3)}, {S("c"), I(2)}, {S("d"), I(3)}}),
            (Strings{R"("b")", R"("d")", R"("c")", R"("a")"}));
}

TEST(Limit, WithoutOrderKeepsTheFirstRows) {
  QueryShape shape = selecting({field("x", 0)});
  EXPECT_EQ(run(shape, {{I(3)}, {I(1)}, {I(2)}}), (Strings{"3", "1", "2"}));
  shape.limit = 2;
  EXPECT_EQ(run(shape, {{I(3)}, {I(1)}, {I(2)}}), (Strings{"3", "1"}));
  shape.limit = 0;
  EXPECT_EQ(run(shape, {{I(3)}, {I(1)}, {I(2)}}), Strings{});
  QueryShape groups = grouped_by({0}, {key("k", 0)});
  groups.limit = 2;
  EXPECT_EQ(run(groups, {{I(3)}, {I(1)}, {I(3)}, {I(2)}}), (Strings{"3", "1"}));
}

TEST(TopK, MatchesAFullSortOnRandomRows) {
  tb::testing::Rng rng(42);
  std::vector<Record> records(3000);
  for (size_t r = 0; r < records.size(); ++r) {
    records[r] = {random_value(rng), random_value(rng), I(static_cast<int64_t>(r))};
  }
  QueryShape shape = selecting({field("a", 0), field("b", 1), field("row", 2)});
  shape.order = {{0, false}, {1, true}};
  // The reference: a stable sort of everything, so that ties stay in input order.
  std::vector<Record> sorted = records;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Record& x, const Record& y) {
    if (const int c = compare_values(x[0], y[0]); c != 0) return c < 0;
    return compare_values(x[1], y[1]) > 0;
  });
  const Strings expected_all = show(sorted);
  for (const uint64_t limit :
       {uint64_t{1}, uint64_t{7}, uint64_t{100}, uint64_t{2999}, uint64_t{3000}, uint64_t{5000}}) {
    shape.limit = limit;
    const Strings expected(expected_all.begin(),
                           expected_all.begin() + std::min<size_t>(limit, expected_all.size()));
    EXPECT_EQ(run(shape, records), expected) << "limit " << limit;
  }
  shape.limit.reset();
  EXPECT_EQ(run(shape, records), expected_all);
}

}  // namespace
