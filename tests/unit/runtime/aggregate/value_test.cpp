// Owned values: equality as semantics R4 (type-strict, exact numbers), hashing consistent with
// it, and the total order used by order by, min and max.
#include "runtime/aggregate/value.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/unit/runtime/aggregate/aggregate_test_support.h"

namespace {

using namespace tb::runtime::aggregate;
using namespace tb::runtime::aggregate::testing;

constexpr int64_t kTwo53 = int64_t{1} << 53;
constexpr double kTwo63 = 9223372036854775808.0;

void expect_same(const Value& a, const Value& b) {
  EXPECT_TRUE(values_equal(a, b)) << show(a) << " vs " << show(b);
  EXPECT_EQ(compare_values(a, b), 0) << show(a) << " vs " << show(b);
  EXPECT_EQ(hash_value(a), hash_value(b)) << show(a) << " vs " << show(b);
}

void expect_before(const Value& a, const Value& b) {
  EXPECT_FALSE(values_equal(a, b)) << show(a) << " vs " << show(b);
  EXPECT_EQ(compare_values(a, b), -1) << show(a) << " vs " << show(b);
  EXPECT_EQ(compare_values(b, a), 1) << show(b) << " vs " << show(a);
}

TEST(Value, CopiesSlotBytesIncludingNul) {
  std::string bytes("a\0b\xc3\xa9", 5);
  tb_value slot{};
  slot.kind = TB_STRING;
  slot.len = 5;
  slot.str = bytes.data();
  const Value copy = Value::from(slot);
  bytes.assign("xxxxx");  // the parser reuses its memory for the next record
  EXPECT_EQ(copy.kind, TB_STRING);
  EXPECT_EQ(copy.text, std::string("a\0b\xc3\xa9", 5));
}

TEST(Value, ObjectsAndArraysAreHeldWithoutTheRecordsWhitespace) {
  const std::string spaced = "{ \"a\" : [1, 2],\n  \"b\": \"x y\" }";
  tb_value slot{};
  slot.kind = TB_OBJECT;
  slot.len = static_cast<uint32_t>(spaced.size());
  slot.str = spaced.data();
  const Value v = Value::from(slot);
  EXPECT_EQ(v.text, "{\"a\":[1,2],\"b\":\"x y\"}");  // the space inside the string stays
  expect_same(v, Value::of_json(TB_OBJECT, "{\"a\":[1,2],\"b\":\"x y\"}"));
}

TEST(Value, AssignReplacesAllOfAnEarlierValue) {
  Value v = S("a long string that does not fit inline");
  tb_value slot{};
  slot.kind = TB_INT;
  slot.i = 7;
  v.assign(slot);
  EXPECT_EQ(v.kind, TB_INT);
  EXPECT_EQ(v.i, 7);
  EXPECT_TRUE(v.text.empty());
  slot = tb_value{};
  slot.kind = TB_STRING;  // an empty string may come with no bytes at all
  v.assign(slot);
  expect_same(v, S(""));
}

TEST(Value, EqualityIsTypeStrict) {
  expect_same(Missing(), Missing());
  expect_same(Null(), Null());
  EXPECT_FALSE(values_equal(Missing(), Null()));  // grouping keeps the two states apart
  EXPECT_FALSE(values_equal(I(1), B(true)));
  EXPECT_FALSE(values_equal(S("1"), I(1)));
  EXPECT_FALSE(values_equal(S("true"), B(true)));
  EXPECT_FALSE(values_equal(S("null"), Null()));
  EXPECT_FALSE(values_equal(S(""), Missing()));
  EXPECT_FALSE(values_equal(Value::of_json(TB_ARRAY, "[1]"), I(1)));
  EXPECT_FALSE(values_equal(Value::of_json(TB_ARRAY, "{}"), Value::of_json(TB_OBJECT, "{}")));
  expect_same(Value::of_json(TB_OBJECT, R"({"a":1})"), Value::of_json(TB_OBJECT, R"({"a":1})"));
  // Raw text: another spelling of the same object is another value.
  EXPECT_FALSE(values_equal(Value::of_json(TB_OBJECT, R"({"a":1,"b":2})"),
                            Value::of_json(TB_OBJECT, R"({"b":2,"a":1})")));
}

TEST(Value, NumbersCompareByExactValue) {
  expect_same(I(1), D(1.0));
  expect_same(I(100), D(1e2));
  expect_same(I(0), D(-0.0));
  expect_same(D(0.0), D(-0.0));
  expect_same(I(kTwo53), D(static_cast<double>(kTwo53)));
  // 2^53 + 1 has no double: the double 2^53 is below it, not equal.
  expect_before(D(static_cast<double>(kTwo53)), I(kTwo53 + 1));
  expect_before(I(kTwo53 - 1), D(static_cast<double>(kTwo53)));
  // INT64_MAX = 2^63 - 1 rounds to the double 2^63, which is above every int64.
  expect_before(I(std::numeric_limits<int64_t>::max()), D(kTwo63));
  expect_same(I(std::numeric_limits<int64_t>::min()), D(-kTwo63));
  expect_before(D(-kTwo63 * 2), I(std::numeric_limits<int64_t>::min()));
  expect_before(I(0), D(0.5));
  expect_before(D(0.5), I(1));
  expect_before(I(-1), D(-0.5));
  expect_before(D(-0.5), I(0));
  expect_before(I(3), D(3.0000000000000004));
  expect_before(D(-std::numeric_limits<double>::infinity()),
                I(std::numeric_limits<int64_t>::min()));
  expect_before(I(std::numeric_limits<int64_t>::max()), D(std::numeric_limits<double>::infinity()));
  expect_before(D(1e300), D(std::numeric_limits<double>::infinity()));
}

TEST(Value, TotalOrderAcrossTypes) {
  // Each value is strictly before every later one.
  const std::vector<Value> ordered = {
      Missing(),
      Null(),
      B(false),
      B(true),
      D(-1e300),
      I(std::numeric_limits<int64_t>::min()),
      I(-1),
      D(-0.5),
      I(0),
      D(1e-300),
      I(1),
      D(1.5),
      I(kTwo53 + 1),
      I(std::numeric_limits<int64_t>::max()),
      D(1e19),
      S(""),
      S(std::string("\0", 1)),
      S("A"),
      S("Z"),
      S("a"),
      S(std::string("a\0", 2)),
      S("ab"),
      S("z"),
      S("\x7f"),
      S("\xc3\xa9"),          // é U+00E9
      S("\xef\xbf\xbf"),      // U+FFFF
      S("\xf0\x9f\x98\x80"),  // U+1F600: above U+FFFF (UTF-16 order would put it below)
      // Arrays and objects by raw text, byte-wise: '1' < ']' and '"' < '}'.
      Value::of_json(TB_ARRAY, "[1]"),
      Value::of_json(TB_ARRAY, "[]"),
      Value::of_json(TB_OBJECT, R"({"a":1})"),
      Value::of_json(TB_OBJECT, "{}"),
  };
  for (size_t a = 0; a < ordered.size(); ++a) {
    expect_same(ordered[a], ordered[a]);
    for (size_t b = a + 1; b < ordered.size(); ++b) expect_before(ordered[a], ordered[b]);
  }
}

TEST(Value, EqualValuesHashEqual) {
  expect_same(D(12345.0), I(12345));
  expect_same(D(-7.0), I(-7));
  expect_same(S(std::string("a\0b", 3)), S(std::string("a\0b", 3)));
  EXPECT_FALSE(values_equal(S(std::string("a\0b", 3)), S(std::string("a\0c", 3))));
  EXPECT_FALSE(values_equal(S(std::string("a\0", 2)), S("a")));
  // Values of different kinds with the same payload hash apart (not required, but cheap).
  EXPECT_NE(hash_value(S("[]")), hash_value(Value::of_json(TB_ARRAY, "[]")));
}

TEST(Value, HeapBytesCountsOnlyStoredText) {
  EXPECT_EQ(heap_bytes(I(5)), 0u);
  EXPECT_EQ(heap_bytes(S("short")), 0u);
  EXPECT_GE(heap_bytes(S(std::string(1000, 'x'))), 1000u);
}

}  // namespace
