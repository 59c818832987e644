// `having` follows the record predicates' rules (semantics R2-R5): two-valued, comparisons on
// missing, null or the wrong type are false, `!=` needs a value, order takes numbers only.
#include "runtime/aggregate/row_predicate.h"

#include <vector>

#include <gtest/gtest.h>

#include "tests/unit/runtime/aggregate/aggregate_test_support.h"

namespace {

using namespace tb::runtime::aggregate;
using namespace tb::runtime::aggregate::testing;

constexpr CompareOp kOps[] = {CompareOp::Eq, CompareOp::Ne, CompareOp::Lt,
                              CompareOp::Le, CompareOp::Gt, CompareOp::Ge};

bool holds(const Value& cell, CompareOp op, const Value& constant) {
  return row_matches(compare(0, op, constant), {cell});
}

RowPredicate constant(bool value) {
  RowPredicate p;
  p.const_value = value;
  return p;
}

RowPredicate combine(RowPredicate::Kind kind, std::vector<RowPredicate> children) {
  RowPredicate p;
  p.kind = kind;
  p.children = std::move(children);
  return p;
}

RowPredicate test(NullTest t) {
  RowPredicate p;
  p.kind = RowPredicate::Kind::Test;
  p.null_test = t;
  return p;
}

TEST(RowPredicate, NumbersByExactValue) {
  // {Eq, Ne, Lt, Le, Gt, Ge} of the cell against the constant
  struct Case {
    Value cell, constant;
    bool expected[6];
  };
  const Case cases[] = {
      {I(2), I(2), {true, false, false, true, false, true}},
      {I(2), D(2.0), {true, false, false, true, false, true}},
      {I(2), D(2.5), {false, true, true, true, false, false}},
      {D(2.5), I(2), {false, true, false, false, true, true}},
      {I(9007199254740993), D(9007199254740992.0), {false, true, false, false, true, true}},
      {D(-0.0), I(0), {true, false, false, true, false, true}},
  };
  for (const Case& c : cases) {
    for (int op = 0; op < 6; ++op) {
      EXPECT_EQ(holds(c.cell, kOps[op], c.constant), c.expected[op])
          << show(c.cell) << " op " << op << " " << show(c.constant);
    }
  }
}

TEST(RowPredicate, MissingAndNullFailEveryComparison) {
  for (const Value& absent : {Missing(), Null()}) {
    for (const Value& constant : {I(0), S(""), B(false)}) {
      for (const CompareOp op : kOps) EXPECT_FALSE(holds(absent, op, constant)) << show(absent);
    }
  }
  // A null constant: `x == null` is never true; `x != null` is true iff x has a value (R3).
  EXPECT_FALSE(holds(Null(), CompareOp::Eq, Null()));
  EXPECT_FALSE(holds(Missing(), CompareOp::Ne, Null()));
  EXPECT_TRUE(holds(I(1), CompareOp::Ne, Null()));
}

TEST(RowPredicate, NotEqualNeedsAValueButNotEqualsDoesNot) {
  const RowPredicate ne = compare(0, CompareOp::Ne, S("a"));
  const RowPredicate not_eq_a =
      combine(RowPredicate::Kind::Not, {compare(0, CompareOp::Eq, S("a"))});
  EXPECT_FALSE(row_matches(ne, {Missing()}));
  EXPECT_TRUE(row_matches(not_eq_a, {Missing()}));
  EXPECT_FALSE(row_matches(ne, {Null()}));
  EXPECT_TRUE(row_matches(not_eq_a, {Null()}));
  EXPECT_TRUE(row_matches(ne, {S("b")}));
  EXPECT_FALSE(row_matches(ne, {S("a")}));
}

TEST(RowPredicate, WrongTypeIsNotEqualAndHasNoOrder) {
  // Equality is type-strict; `!=` is true for a present value of another type.
  EXPECT_FALSE(holds(S("1"), CompareOp::Eq, I(1)));
  EXPECT_TRUE(holds(S("1"), CompareOp::Ne, I(1)));
  EXPECT_FALSE(holds(B(true), CompareOp::Eq, I(1)));
  EXPECT_FALSE(holds(Value::of_json(TB_ARRAY, "[1]"), CompareOp::Eq, I(1)));
  // Order comparisons take numbers only: strings, booleans and arrays are never < or >.
  for (const CompareOp op : {CompareOp::Lt, CompareOp::Le, CompareOp::Gt, CompareOp::Ge}) {
    EXPECT_FALSE(holds(S("a"), op, S("b")));
    EXPECT_FALSE(holds(S("a"), op, S("a")));
    EXPECT_FALSE(holds(S("5"), op, I(3)));
    EXPECT_FALSE(holds(B(true), op, B(false)));
    EXPECT_FALSE(holds(I(3), op, S("5")));
    EXPECT_FALSE(holds(Value::of_json(TB_ARRAY, "[1]"), op, I(0)));
  }
}

TEST(RowPredicate, StringsCompareByteForByte) {
  EXPECT_TRUE(holds(S(std::string("a\0b", 3)), CompareOp::Eq, S(std::string("a\0b", 3))));
  EXPECT_FALSE(holds(S(std::string("a\0b", 3)), CompareOp::Eq, S("a")));
  EXPECT_FALSE(holds(S("caf\xc3\xa9"), CompareOp::Eq, S("cafe\xcc\x81")));  // NFC != NFD
  EXPECT_FALSE(holds(S("Admin"), CompareOp::Eq, S("admin")));
}

TEST(RowPredicate, NullTests) {
  const Value cells[] = {Missing(), Null(), I(0), S("")};
  // exists, is null, is missing, is not null for each cell above
  const bool expected[4][4] = {{false, false, true, false},
                               {true, true, false, false},
                               {true, false, false, true},
                               {true, false, false, true}};
  const NullTest tests[] = {NullTest::Exists, NullTest::IsNull, NullTest::IsMissing,
                            NullTest::IsNotNull};
  for (int c = 0; c < 4; ++c) {
    for (int t = 0; t < 4; ++t) {
      EXPECT_EQ(row_matches(test(tests[t]), {cells[c]}), expected[c][t]) << c << " " << t;
    }
  }
}

TEST(RowPredicate, LogicIsClassical) {
  using K = RowPredicate::Kind;
  EXPECT_TRUE(row_matches(constant(true), {}));
  EXPECT_FALSE(row_matches(constant(false), {}));
  EXPECT_TRUE(row_matches(combine(K::And, {}), {}));
  EXPECT_FALSE(row_matches(combine(K::Or, {}), {}));
  const RowPredicate a = compare(0, CompareOp::Gt, I(1));  // false on missing
  const RowPredicate b = compare(1, CompareOp::Eq, S("x"));
  for (const Value& x : {Missing(), I(0), I(5)}) {
    for (const Value& y : {Null(), S("x"), S("y")}) {
      const std::vector<Value> row = {x, y};
      const bool va = row_matches(a, row);
      const bool vb = row_matches(b, row);
      EXPECT_EQ(row_matches(combine(K::And, {a, b}), row), va && vb);
      EXPECT_EQ(row_matches(combine(K::Or, {a, b}), row), va || vb);
      // De Morgan holds, as in record predicates.
      EXPECT_EQ(row_matches(combine(K::Not, {combine(K::And, {a, b})}), row),
                row_matches(combine(K::Or, {combine(K::Not, {a}), combine(K::Not, {b})}), row));
    }
  }
}

}  // namespace
