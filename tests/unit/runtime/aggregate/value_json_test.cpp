// The JSON text of values() arrays: escaped strings, exact integers, doubles that read back
// to the same double.
#include "runtime/aggregate/value_json.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "tests/unit/compiler/test_rng.h"
#include "tests/unit/runtime/aggregate/aggregate_test_support.h"

namespace {

using namespace tb::runtime::aggregate;
using namespace tb::runtime::aggregate::testing;

std::string json(const Value& v) {
  std::string out;
  append_value_json(out, v);
  return out;
}

TEST(ValueJson, Scalars) {
  EXPECT_EQ(json(Missing()), "null");
  EXPECT_EQ(json(Null()), "null");
  EXPECT_EQ(json(B(true)), "true");
  EXPECT_EQ(json(B(false)), "false");
  EXPECT_EQ(json(I(std::numeric_limits<int64_t>::min())), "-9223372036854775808");
  EXPECT_EQ(json(I(9007199254740993)), "9007199254740993");
  EXPECT_EQ(json(D(0.1)), "0.1");
  EXPECT_EQ(json(D(-2.5)), "-2.5");
  EXPECT_EQ(json(D(1e300)), "1e+300");
  EXPECT_EQ(json(D(5e-324)), "5e-324");
}

TEST(ValueJson, StringsAreEscaped) {
  EXPECT_EQ(json(S("say \"hi\"\\")), R"("say \"hi\"\\")");
  EXPECT_EQ(json(S("a\nb\tc\rd")), R"("a\nb\tc\rd")");
  EXPECT_EQ(json(S(std::string("nul\0x\x1f", 6))), R"("nul\u0000x\u001f")");
  EXPECT_EQ(json(S("caf\xc3\xa9 \xf0\x9f\x98\x80")), "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
  EXPECT_EQ(json(S("/\x7f")), "\"/\x7f\"");
}

TEST(ValueJson, ObjectsAndArraysAsHeld) {
  EXPECT_EQ(json(Value::of_json(TB_OBJECT, R"({"a": [1, 2]})")), R"({"a": [1, 2]})");
  EXPECT_EQ(json(Value::of_json(TB_ARRAY, "[]")), "[]");
}

TEST(ValueJson, DoublesReadBackExactly) {
  tb::testing::Rng rng(20261125);
  for (int n = 0; n < 20000; ++n) {
    double d;
    const uint64_t bits = rng.next();
    std::memcpy(&d, &bits, sizeof d);
    if (!std::isfinite(d)) continue;
    const std::string text = json(D(d));
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), d) << text;
  }
}

}  // namespace
