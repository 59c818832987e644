// Each aggregate, over values of every kind, and the group keys they are grouped by.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/unit/runtime/aggregate/aggregate_test_support.h"

namespace {

using namespace tb::runtime::aggregate;
using namespace tb::runtime::aggregate::testing;
using Strings = std::vector<std::string>;

// Slot 0 is the key, slot 1 the argument.
QueryShape every_aggregate() {
  return grouped_by(
      {0}, {key("k", 0), aggregate("count", AggregateKind::Count),
            aggregate("distinct", AggregateKind::CountDistinct, 1),
            aggregate("min", AggregateKind::Min, 1), aggregate("max", AggregateKind::Max, 1),
            aggregate("first", AggregateKind::First, 1), aggregate("last", AggregateKind::Last, 1),
            aggregate("values", AggregateKind::Values, 1)});
}

TEST(Aggregates, OverValuesOfEveryKind) {
  const std::vector<Record> records = {
      {S("k"), Missing()},
      {S("k"), I(3)},
      {S("k"), Null()},
      {S("k"), S("b")},
      {S("k"), D(1.5)},
      {S("k"), S("a")},
      {S("k"), I(3)},
      {S("k"), B(true)},
      {S("k"), Value::of_json(TB_OBJECT, R"({"o":1})")},
      {S("k"), Value::of_json(TB_ARRAY, "[2]")},
      {S("k"), Null()},
  };
  // count() counts records; the others skip missing and null. min/max follow the total order
  // (booleans < numbers < strings < arrays < objects).
  EXPECT_EQ(
      run(every_aggregate(), records),
      Strings{R"("k" | 11 | 7 | true | {"o":1} | 3 | [2] | [3,"b",1.5,"a",true,{"o":1},[2]])"});
}

TEST(Aggregates, NumbersAreExact) {
  const std::vector<Record> records = {
      {S("k"), D(9007199254740992.0)},
      {S("k"), I(9007199254740993)},
      {S("k"), I(-1)},
      {S("k"), D(-1.0)},  // equal to -1: not distinct, and min keeps the earlier spelling
      {S("k"), D(0.5)},
  };
  EXPECT_EQ(run(every_aggregate(), records),
            Strings{"\"k\" | 5 | 4 | -1 | 9007199254740993 | 9007199254740992.0 | 0.5 | "
                    "[9007199254740992,9007199254740993,-1,0.5]"});
}

TEST(Aggregates, OverNoValues) {
  const std::vector<Record> records = {{S("k"), Missing()}, {S("k"), Null()}};
  EXPECT_EQ(run(every_aggregate(), records),
            Strings{R"("k" | 2 | 0 | missing | missing | missing | missing | missing)"});
}

TEST(Aggregates, CountDistinctAndValuesUseTypeStrictEquality) {
  const std::vector<Record> records = {
      {S("k"), I(1)},          {S("k"), S("1")},         {S("k"), B(true)},
      {S("k"), D(1.0)},        {S("k"), S("1")},         {S("k"), S(std::string("1\0", 2))},
      {S("k"), S("\xc3\xa9")}, {S("k"), S("e\xcc\x81")},
  };
  EXPECT_EQ(run(every_aggregate(), records),
            Strings{"\"k\" | 8 | 6 | true | \"\xc3\xa9\" | 1 | \"e\xcc\x81\" | "
                    "[1,\"1\",true,\"1\\u0000\",\"\xc3\xa9\",\"e\xcc\x81\"]"});
}

TEST(GroupKeys, MissingAndNullAreTwoGroups) {
  const QueryShape shape = grouped_by({0}, {key("k", 0), aggregate("n", AggregateKind::Count)});
  const std::vector<Record> records = {{S("a")}, {Missing()}, {Null()},   {Missing()},
                                       {S("")},  {Null()},    {Missing()}};
  // Without order by, groups come in order of their first record.
  EXPECT_EQ(run(shape, records), (Strings{R"("a" | 1)", "missing | 3", "null | 2", R"("" | 1)"}));
}

TEST(GroupKeys, EqualNumbersShareAGroupSpelledAsTheFirst) {
  const QueryShape shape = grouped_by({0}, {key("k", 0), aggregate("n", AggregateKind::Count)});
  EXPECT_EQ(run(shape, {{D(2.0)}, {I(2)}, {I(3)}, {D(3.0)}, {S("2")}}),
            (Strings{"2.0 | 2", "3 | 2", R"("2" | 1)"}));
}

TEST(GroupKeys, SeveralKeysAndBytesThatLookAlike) {
  const QueryShape shape =
      grouped_by({0, 1}, {key("a", 0), key("b", 1), aggregate("n", AggregateKind::Count)});
  const std::vector<Record> records = {
      {S("x"), I(1)},
      {S(std::string("x\0", 2)), I(1)},
      {S("x"), I(2)},
      {S("x"), I(1)},
      {S("caf\xc3\xa9"), Null()},
      {S("cafe\xcc\x81"), Null()},
      {S("caf\xc3\xa9"), Null()},
  };
  EXPECT_EQ(run(shape, records), (Strings{
                                     R"("x" | 1 | 2)",
                                     R"("x\u0000" | 1 | 1)",
                                     R"("x" | 2 | 1)",
                                     "\"caf\xc3\xa9\" | null | 2",
                                     "\"cafe\xcc\x81\" | null | 1",
                                 }));
}

TEST(GroupKeys, KeysAreCopiedOutOfTheRecord) {
  const QueryShape shape =
      grouped_by({0}, {key("k", 0), aggregate("last", AggregateKind::Last, 1)});
  MemoryBudget budget(size_t{1} << 20);
  QueryOperator op(shape, budget);
  std::string buffer;  // the parser's memory, reused for every record
  for (int r = 0; r < 3; ++r) {
    buffer = r == 1 ? std::string("second key, long enough for the heap") : "first";
    Record record = {S(buffer), S(buffer + "!")};
    const std::vector<tb_value> slots = slots_of(record);
    ASSERT_TRUE(op.add(slots.data(), r));
    record[0].text.assign(record[0].text.size(), '#');  // overwritten after the record
    record[1].text.assign(record[1].text.size(), '#');
  }
  EXPECT_EQ(
      show(op.finish()),
      (Strings{
          R"("first" | "first!")",
          R"("second key, long enough for the heap" | "second key, long enough for the heap!")"}));
}

TEST(GroupKeys, WithoutKeysOneGroupEvenWhenNothingMatched) {
  const QueryShape shape =
      grouped_by({}, {aggregate("n", AggregateKind::Count), aggregate("top", AggregateKind::Max, 0),
                      aggregate("ips", AggregateKind::CountDistinct, 0)});
  EXPECT_EQ(run(shape, {}), Strings{"0 | missing | 0"});
  EXPECT_EQ(run(shape, {{S("b")}, {S("a")}, {S("b")}}), Strings{R"(3 | "b" | 2)"});
}

TEST(GroupKeys, AKeyMayBeSelectedTwice) {
  const QueryShape shape = grouped_by({0}, {key("k", 0), key("again", 0)});
  EXPECT_EQ(run(shape, {{S("long enough to live on the heap")}}),
            Strings{R"("long enough to live on the heap" | "long enough to live on the heap")"});
}

}  // namespace
