// Compiled kernels on hand-made records: one test per rule of docs/language.md.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "compiler/driver/compiler.h"

namespace {

// One runbook with one predicate, compiled; records are given as (path, value) pairs.
class Kernel {
 public:
  explicit Kernel(const std::string& predicate) {
    c_.add_source("k.tb", "runbook k { title \"t\" severity info where " + predicate + " }");
    std::string error;
    pack_ = c_.compile({}, error);
    if (!pack_) {
      for (const auto& d : c_.diagnostics().diagnostics()) error += " " + d.message;
      ADD_FAILURE() << predicate << ": " << error;
    }
  }

  bool matches(const std::vector<std::pair<std::string, tb_value>>& fields) const {
    std::vector<tb_value> slots(pack_->checked.fields.size());  // all missing
    for (const auto& [path, value] : fields) {
      bool found = false;
      for (size_t i = 0; i < pack_->checked.fields.size(); ++i) {
        if (pack_->checked.fields[i].dotted == path) {
          slots[i] = value;
          found = true;
        }
      }
      EXPECT_TRUE(found) << path;
    }
    uint64_t bits[2] = {};
    const uint32_t any = pack_->plan.kernel(slots.data(), bits);
    EXPECT_EQ(any != 0, (bits[0] & 1) != 0);
    return (bits[0] & 1) != 0;
  }

 private:
  tb::driver::Compilation c_;
  std::unique_ptr<tb::driver::CompiledPack> pack_;
};

tb_value str(const char* s) {
  tb_value v{};
  v.kind = TB_STRING;
  v.str = s;
  v.len = static_cast<uint32_t>(std::char_traits<char>::length(s));
  return v;
}
tb_value integer(int64_t i) {
  tb_value v{};
  v.kind = TB_INT;
  v.i = i;
  return v;
}
tb_value dbl(double d) {
  tb_value v{};
  v.kind = TB_DOUBLE;
  v.d = d;
  return v;
}
tb_value boolean(bool b) {
  tb_value v{};
  v.kind = TB_BOOL;
  v.b = b;
  return v;
}
tb_value null() {
  tb_value v{};
  v.kind = TB_NULL;
  return v;
}

TEST(Kernel, StringEquality) {
  Kernel k(R"(eventName == "PutRolePolicy")");
  EXPECT_TRUE(k.matches({{"eventName", str("PutRolePolicy")}}));
  EXPECT_FALSE(k.matches({{"eventName", str("PutRolePolicyX")}}));
  EXPECT_FALSE(k.matches({{"eventName", str("putrolepolicy")}}));  // case-sensitive
  EXPECT_FALSE(k.matches({}));                                     // missing
  EXPECT_FALSE(k.matches({{"eventName", null()}}));
}

TEST(Kernel, NotEqualNeedsAValueButNotDoesNot) {
  Kernel ne(R"(errorCode != "AccessDenied")");
  Kernel negated(R"(not (errorCode == "AccessDenied"))");
  EXPECT_TRUE(ne.matches({{"errorCode", str("Throttling")}}));
  EXPECT_FALSE(ne.matches({{"errorCode", str("AccessDenied")}}));
  EXPECT_FALSE(ne.matches({}));                       // missing: nothing to compare
  EXPECT_FALSE(ne.matches({{"errorCode", null()}}));  // null: nothing to compare
  EXPECT_TRUE(negated.matches({}));
  EXPECT_TRUE(negated.matches({{"errorCode", null()}}));
}

TEST(Kernel, InAndNotIn) {
  Kernel in(R"(eventName in ["A", "B"])");
  Kernel not_in(R"(eventName not in ["A", "B"])");
  EXPECT_TRUE(in.matches({{"eventName", str("B")}}));
  EXPECT_FALSE(in.matches({{"eventName", str("C")}}));
  EXPECT_TRUE(not_in.matches({{"eventName", str("C")}}));
  EXPECT_FALSE(not_in.matches({{"eventName", str("A")}}));
  EXPECT_FALSE(not_in.matches({}));
  EXPECT_FALSE(Kernel("eventName in []").matches({{"eventName", str("A")}}));
}

TEST(Kernel, EqualityIsTypeStrict) {
  Kernel flag("readOnly == true");
  EXPECT_TRUE(flag.matches({{"readOnly", boolean(true)}}));
  EXPECT_FALSE(flag.matches({{"readOnly", str("true")}}));
  EXPECT_FALSE(flag.matches({{"readOnly", integer(1)}}));
  Kernel hundred("requestParameters.maxResults == 100");
  EXPECT_TRUE(hundred.matches({{"requestParameters.maxResults", integer(100)}}));
  EXPECT_TRUE(hundred.matches({{"requestParameters.maxResults", dbl(100.0)}}));
  EXPECT_FALSE(hundred.matches({{"requestParameters.maxResults", str("100")}}));
  Kernel is_null("requestParameters.x == null");
  EXPECT_TRUE(is_null.matches({{"requestParameters.x", null()}}));
  EXPECT_FALSE(is_null.matches({}));
}

TEST(Kernel, NumbersCompareByExactValue) {
  Kernel big("requestParameters.n == 9007199254740993");  // 2^53 + 1
  EXPECT_TRUE(big.matches({{"requestParameters.n", integer(9007199254740993)}}));
  // The nearest double is 2^53, which is a different number.
  EXPECT_FALSE(big.matches({{"requestParameters.n", dbl(9007199254740992.0)}}));
  Kernel half("requestParameters.n < 1.5");
  EXPECT_TRUE(half.matches({{"requestParameters.n", integer(1)}}));
  EXPECT_FALSE(half.matches({{"requestParameters.n", integer(2)}}));
  EXPECT_TRUE(half.matches({{"requestParameters.n", dbl(1.25)}}));
  Kernel port("requestParameters.fromPort <= -1");
  EXPECT_TRUE(port.matches({{"requestParameters.fromPort", integer(-1)}}));
  EXPECT_FALSE(port.matches({{"requestParameters.fromPort", integer(0)}}));
  EXPECT_FALSE(port.matches({{"requestParameters.fromPort", str("-1")}}));
}

TEST(Kernel, EmptyStringIsAValue) {
  Kernel empty(R"(requestParameters.acl == "")");
  EXPECT_TRUE(empty.matches({{"requestParameters.acl", str("")}}));
  EXPECT_FALSE(empty.matches({}));
  EXPECT_FALSE(empty.matches({{"requestParameters.acl", null()}}));
}

TEST(Kernel, TimestampsCompareAsTextWithStringLiterals) {
  Kernel after(R"(eventTime >= "2023-07-10T12:00:00Z")");
  EXPECT_TRUE(after.matches({{"eventTime", str("2023-07-10T12:00:00Z")}}));
  EXPECT_TRUE(after.matches({{"eventTime", str("2023-07-10T12:30:00Z")}}));
  EXPECT_FALSE(after.matches({{"eventTime", str("2023-07-10T11:59:59Z")}}));
  EXPECT_FALSE(after.matches({}));
}

TEST(Kernel, EveryQueryOfAPackHasItsOwnBit) {
  tb::driver::Compilation c;
  std::string text;
  for (int i = 0; i < 70; ++i) {
    text += "runbook r" + std::to_string(i) + " { title \"t\" severity info where " +
            (i % 2 == 0 ? "readOnly == true" : "readOnly == false") + " }\n";
  }
  c.add_source("many.tb", text);
  std::string error;
  auto pack = c.compile({}, error);
  ASSERT_TRUE(pack) << error;
  std::vector<tb_value> slots(pack->checked.fields.size());
  for (size_t i = 0; i < slots.size(); ++i) {
    if (pack->checked.fields[i].dotted == "readOnly") slots[i] = boolean(true);
  }
  uint64_t bits[2] = {~0ull, ~0ull};
  EXPECT_NE(pack->plan.kernel(slots.data(), bits), 0u);
  for (int q = 0; q < 70; ++q) {
    EXPECT_EQ((bits[q / 64] >> (q % 64)) & 1, q % 2 == 0 ? 1u : 0u) << q;
  }
}

}  // namespace
