// Exact int64-vs-double comparison (semantics R5), against two independent references: x87
// long double (64-bit significand: every int64 and every double is exact in it) and a
// truncate-and-compare-the-fraction method that needs no wide type at all.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "compiler/semantics/numeric_compare.h"
#include "tests/unit/compiler/test_rng.h"

namespace {

using tb::check::CmpOp;
using tb::semantics::compare_double_int;
using tb::semantics::compare_int_double;

static_assert(std::numeric_limits<long double>::digits >= 64,
              "the long double reference needs a 64-bit significand (x86-64)");

constexpr CmpOp kOps[] = {CmpOp::Eq, CmpOp::Ne, CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge};
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr double kTwo53 = 9007199254740992.0;
constexpr double kTwo63 = 9223372036854775808.0;
constexpr double kInf = std::numeric_limits<double>::infinity();

const char* op_name(CmpOp op) {
  switch (op) {
    case CmpOp::Eq:
      return "==";
    case CmpOp::Ne:
      return "!=";
    case CmpOp::Lt:
      return "<";
    case CmpOp::Le:
      return "<=";
    case CmpOp::Gt:
      return ">";
    case CmpOp::Ge:
      return ">=";
  }
  return "?";
}

bool apply_sign(CmpOp op, int c) {
  switch (op) {
    case CmpOp::Eq:
      return c == 0;
    case CmpOp::Ne:
      return c != 0;
    case CmpOp::Lt:
      return c < 0;
    case CmpOp::Le:
      return c <= 0;
    case CmpOp::Gt:
      return c > 0;
    case CmpOp::Ge:
      return c >= 0;
  }
  return false;
}

// Reference 1: the sign of (i - d) in long double, where both convert exactly.
int sign_long_double(int64_t i, double d) {
  const long double a = static_cast<long double>(i);
  const long double b = static_cast<long double>(d);
  return a < b ? -1 : a > b ? 1 : 0;
}

// Reference 2: no wide type. Out of int64's range the answer is known; inside it trunc(d) converts
// exactly, and d - trunc(d) is exact, so ties are broken by the sign of the fraction.
int sign_truncate(int64_t i, double d) {
  if (d >= kTwo63) return -1;
  if (d < -kTwo63) return 1;
  const double t = std::trunc(d);
  const auto ti = static_cast<int64_t>(t);
  if (i != ti) return i < ti ? -1 : 1;
  const double frac = d - t;
  return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

std::vector<int64_t> edge_ints() {
  const int64_t two53 = int64_t{1} << 53;
  std::vector<int64_t> v = {0,
                            1,
                            -1,
                            2,
                            -2,
                            100,
                            two53,
                            two53 + 1,
                            two53 - 1,
                            two53 + 2,
                            two53 + 3,
                            -two53,
                            -two53 - 1,
                            -two53 + 1,
                            int64_t{1} << 62,
                            (int64_t{1} << 62) + 1,
                            kMax,
                            kMax - 1,
                            kMax - 511,
                            kMax - 512,
                            kMax - 1023,
                            kMax - 1024,
                            kMin,
                            kMin + 1,
                            kMin + 1023,
                            kMin + 1024,
                            kMin + 1025};
  return v;
}

std::vector<double> edge_doubles() {
  std::vector<double> v = {0.0,
                           -0.0,
                           0.5,
                           -0.5,
                           1.0,
                           -1.0,
                           1.5,
                           -1.5,
                           2.5,
                           -2.5,
                           0.9999999999999999,
                           -0.9999999999999999,
                           1.0000000000000002,
                           4.9406564584124654e-324,
                           -4.9406564584124654e-324,
                           100.0,
                           99.99999999999999,
                           100.00000000000001,
                           kTwo53,
                           -kTwo53,
                           kTwo53 + 2,
                           -kTwo53 - 2,
                           kTwo53 - 1,
                           -kTwo53 + 1,
                           kTwo53 - 0.5,
                           4503599627370495.5,  // 2^52 - 0.5
                           -4503599627370495.5,
                           4611686018427387904.0,  // 2^62
                           kTwo63,
                           -kTwo63,
                           std::nextafter(kTwo63, 0.0),  // 2^63 - 1024
                           std::nextafter(-kTwo63, 0.0),
                           std::nextafter(-kTwo63, -kInf),  // -2^63 - 2048
                           std::nextafter(kTwo63, kInf),
                           1e19,
                           -1e19,
                           1e300,
                           -1e300,
                           std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::lowest(),
                           kInf,
                           -kInf};
  return v;
}

TEST(NumericCompare, ReferencesAgreeWithEachOther) {
  for (int64_t i : edge_ints()) {
    for (double d : edge_doubles()) {
      ASSERT_EQ(sign_long_double(i, d), sign_truncate(i, d)) << i << " vs " << d;
    }
  }
}

TEST(NumericCompare, IntVsDoubleOnEdgeValues) {
  size_t checked = 0;
  for (int64_t i : edge_ints()) {
    for (double d : edge_doubles()) {
      const int sign = sign_long_double(i, d);
      for (CmpOp op : kOps) {
        EXPECT_EQ(compare_int_double(i, op, d), apply_sign(op, sign))
            << fmt::format("{} {} {:.17g}", i, op_name(op), d);
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, edge_ints().size() * edge_doubles().size() * 6);
}

TEST(NumericCompare, DoubleVsIntOnEdgeValues) {
  for (int64_t i : edge_ints()) {
    for (double d : edge_doubles()) {
      const int sign = -sign_long_double(i, d);  // sign of (d - i)
      for (CmpOp op : kOps) {
        EXPECT_EQ(compare_double_int(d, op, i), apply_sign(op, sign))
            << fmt::format("{:.17g} {} {}", d, op_name(op), i);
      }
    }
  }
}

// Cases worth naming: these are where a plain double conversion gets the answer wrong.
TEST(NumericCompare, NamedCases) {
  const int64_t two53p1 = (int64_t{1} << 53) + 1;
  // (double)(2^53 + 1) == 2^53, but the numbers differ.
  EXPECT_FALSE(compare_int_double(two53p1, CmpOp::Eq, kTwo53));
  EXPECT_TRUE(compare_int_double(two53p1, CmpOp::Gt, kTwo53));
  EXPECT_TRUE(compare_double_int(kTwo53, CmpOp::Lt, two53p1));
  EXPECT_FALSE(compare_double_int(kTwo53, CmpOp::Ge, two53p1));
  // (double)INT64_MAX == 2^63, which no int64 reaches.
  EXPECT_FALSE(compare_int_double(kMax, CmpOp::Eq, kTwo63));
  EXPECT_TRUE(compare_int_double(kMax, CmpOp::Lt, kTwo63));
  EXPECT_TRUE(compare_double_int(kTwo63, CmpOp::Gt, kMax));
  EXPECT_TRUE(compare_double_int(kTwo63, CmpOp::Ne, kMax));
  // -2^63 is exactly INT64_MIN.
  EXPECT_TRUE(compare_int_double(kMin, CmpOp::Eq, -kTwo63));
  EXPECT_TRUE(compare_double_int(-kTwo63, CmpOp::Le, kMin));
  EXPECT_FALSE(compare_double_int(-kTwo63, CmpOp::Lt, kMin));
  // Fractions: an integer is never equal to x.5, and order follows the real value.
  EXPECT_FALSE(compare_int_double(0, CmpOp::Eq, 0.5));
  EXPECT_TRUE(compare_int_double(0, CmpOp::Lt, 0.5));
  EXPECT_TRUE(compare_int_double(1, CmpOp::Gt, 0.5));
  EXPECT_TRUE(compare_int_double(-1, CmpOp::Lt, -0.5));
  EXPECT_TRUE(compare_int_double(0, CmpOp::Gt, -0.5));
  EXPECT_FALSE(compare_int_double(0, CmpOp::Le, -0.5));
  // -0.0 is zero.
  EXPECT_TRUE(compare_int_double(0, CmpOp::Eq, -0.0));
  EXPECT_TRUE(compare_double_int(-0.0, CmpOp::Eq, 0));
  EXPECT_FALSE(compare_double_int(-0.0, CmpOp::Lt, 0));
  // Far outside int64.
  EXPECT_TRUE(compare_int_double(kMax, CmpOp::Lt, 1e300));
  EXPECT_TRUE(compare_int_double(kMin, CmpOp::Gt, -1e300));
  EXPECT_TRUE(compare_double_int(1e300, CmpOp::Ne, kMax));
}

// Deterministic pseudo-random pairs close to each other, where rounding matters most.
TEST(NumericCompare, RandomNeighbours) {
  tb::testing::Rng rng(0x5eed);
  auto next = [&] { return rng.next(); };
  for (int n = 0; n < 20000; ++n) {
    // Integers of every magnitude, and doubles a few ulps around them.
    const int shift = static_cast<int>(next() % 64);
    auto i = static_cast<int64_t>(next() >> shift);
    if (next() & 1) i = -i;
    double d = static_cast<double>(i);
    const int steps = static_cast<int>(next() % 5) - 2;
    for (int s = 0; s < std::abs(steps); ++s) d = std::nextafter(d, steps > 0 ? kInf : -kInf);
    if (next() % 8 == 0) d += 0.5;
    const int sign = sign_long_double(i, d);
    ASSERT_EQ(sign, sign_truncate(i, d)) << i << " " << d;
    for (CmpOp op : kOps) {
      ASSERT_EQ(compare_int_double(i, op, d), apply_sign(op, sign))
          << fmt::format("{} {} {:.17g}", i, op_name(op), d);
      ASSERT_EQ(compare_double_int(d, op, i), apply_sign(op, -sign))
          << fmt::format("{:.17g} {} {}", d, op_name(op), i);
    }
  }
}

}  // namespace
