// Compiled kernels on hand-made records: one test per rule of docs/language.md.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "compiler/driver/compiler.h"
#include "compiler/interp/evaluate.h"
#include "tests/unit/compiler/test_rng.h"
#include "tests/unit/compiler/unlinted.h"

namespace {

// One runbook with one predicate, compiled; records are given as (path, value) pairs.
class Kernel {
 public:
  explicit Kernel(const std::string& predicate) {
    // `nothing` stands for an empty list: `[]` written in place is a compile error (TB4003).
    c_.add_source("k.tb", "runbook k { title \"t\" severity info list nothing = [] where " +
                              predicate + " }");
    c_.set_options(tb::testing::unlinted());  // these tests pin evaluation, lint or not
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
    const uint32_t any = pack_->plan.kernel(slots.data(), bits, nullptr);
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
  EXPECT_FALSE(Kernel("eventName in nothing").matches({{"eventName", str("A")}}));
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
  EXPECT_NE(pack->plan.kernel(slots.data(), bits, nullptr), 0u);
  for (int q = 0; q < 70; ++q) {
    EXPECT_EQ((bits[q / 64] >> (q % 64)) & 1, q % 2 == 0 ? 1u : 0u) << q;
  }
}

// ---- the three states, every operator ---------------------------------------------------------

tb_value str(std::string_view s) {
  tb_value v{};
  v.kind = TB_STRING;
  v.str = s.data();
  v.len = static_cast<uint32_t>(s.size());
  return v;
}
tb_value missing() {
  return tb_value{};
}
tb_value object(const char* raw) {
  tb_value v = str(raw);
  v.kind = TB_OBJECT;
  return v;
}
tb_value array(const char* raw) {
  tb_value v = str(raw);
  v.kind = TB_ARRAY;
  return v;
}

TEST(Kernel, MissingNullAndValueForEveryOperatorForm) {
  // Columns: missing, null, "a", "b", 1, true, {"a":1}, ["a"].
  const tb_value values[] = {
      missing(),           null(),          str("a"), str("b"), integer(1), boolean(true),
      object("{\"a\":1}"), array("[\"a\"]")};
  struct Row {
    const char* predicate;
    const char* expected;  // one character per column
  };
  const Row rows[] = {
      {R"(requestParameters.x == "a")", "00100000"},
      {R"(requestParameters.x != "a")", "00011111"},
      {R"(not (requestParameters.x == "a"))", "11011111"},
      {R"(requestParameters.x in ["a", 1])", "00101000"},
      {R"(requestParameters.x not in ["a", 1])", "00010111"},
      {R"(not (requestParameters.x in ["a", 1]))", "11010111"},
      {"requestParameters.x == null", "01000000"},
      {"requestParameters.x != null", "00111111"},
      {"not (requestParameters.x == null)", "10111111"},
      {"requestParameters.x in [null]", "01000000"},
      {"requestParameters.x not in [null]", "00111111"},
      {"requestParameters.x not in nothing", "00111111"},
      {"requestParameters.x == true", "00000100"},
      {"requestParameters.x != true", "00111011"},
      {"requestParameters.x >= 1", "00001000"},
      {"requestParameters.x < 1", "00000000"},
      {"not (requestParameters.x < 1)", "11111111"},
      // Type-strict, then two-valued logic on top.
      {R"(requestParameters.x == "a" or requestParameters.x == 1)", "00101000"},
      {R"(requestParameters.x != "a" and requestParameters.x != 1)", "00010111"},
      {R"(not (requestParameters.x == "a" or requestParameters.x == 1))", "11010111"},
      {R"(not (requestParameters.x != "a"))", "11100000"},
  };
  for (const Row& row : rows) {
    Kernel k(row.predicate);
    std::string got;
    for (const tb_value& v : values) got += k.matches({{"requestParameters.x", v}}) ? '1' : '0';
    EXPECT_EQ(got, row.expected) << row.predicate;
  }
}

TEST(Kernel, AndOrNotFollowTheirTruthTables) {
  Kernel k(R"(not eventName == "a" and readOnly == true or errorCode == "X")");
  // (not A and B) or C over all eight combinations.
  for (int bits = 0; bits < 8; ++bits) {
    const bool a = bits & 1, b = bits & 2, c = bits & 4;
    const bool expected = (!a && b) || c;
    EXPECT_EQ(k.matches({{"eventName", str(a ? "a" : "z")},
                         {"readOnly", boolean(b)},
                         {"errorCode", str(c ? "X" : "Y")}}),
              expected)
        << a << b << c;
  }
  // De Morgan holds under two-valued logic, also on missing fields.
  Kernel left(R"(not (eventName == "a" and errorCode == "X"))");
  Kernel right(R"(not (eventName == "a") or not (errorCode == "X"))");
  for (const auto& fields : std::vector<std::vector<std::pair<std::string, tb_value>>>{
           {},
           {{"eventName", str("a")}},
           {{"eventName", str("a")}, {"errorCode", str("X")}},
           {{"errorCode", null()}}}) {
    EXPECT_EQ(left.matches(fields), right.matches(fields));
  }
}

TEST(Kernel, NegatedOperatorsOnWrongTypedValues) {
  Kernel ne("readOnly != true");
  EXPECT_TRUE(ne.matches({{"readOnly", str("true")}}));  // a value, and not the boolean true
  EXPECT_TRUE(ne.matches({{"readOnly", boolean(false)}}));
  EXPECT_FALSE(ne.matches({{"readOnly", boolean(true)}}));
  EXPECT_FALSE(ne.matches({}));
  EXPECT_FALSE(ne.matches({{"readOnly", null()}}));
  Kernel eq("readOnly == false");
  EXPECT_FALSE(eq.matches({{"readOnly", integer(0)}}));
  EXPECT_FALSE(eq.matches({{"readOnly", str("false")}}));
  EXPECT_FALSE(eq.matches({}));
}

TEST(Kernel, IntegerFieldAgainstFloatLiteral) {
  const std::string n = "requestParameters.n";
  auto on = [&](const char* predicate, tb_value v) { return Kernel(predicate).matches({{n, v}}); };
  EXPECT_TRUE(on("requestParameters.n == 1.0", integer(1)));
  EXPECT_TRUE(on("requestParameters.n == 1e0", integer(1)));
  EXPECT_FALSE(on("requestParameters.n == 1.5", integer(1)));
  EXPECT_TRUE(on("requestParameters.n == 1.5", dbl(1.5)));
  EXPECT_TRUE(on("requestParameters.n > 0.5", integer(1)));
  EXPECT_FALSE(on("requestParameters.n > 0.5", integer(0)));
  EXPECT_TRUE(on("requestParameters.n >= 0.5", integer(1)));
  EXPECT_TRUE(on("requestParameters.n < -0.5", integer(-1)));
  EXPECT_FALSE(on("requestParameters.n < -0.5", integer(0)));
  EXPECT_TRUE(on("requestParameters.n <= -0.0", integer(0)));
  EXPECT_TRUE(on("requestParameters.n == -0.0", integer(0)));
  EXPECT_TRUE(on("requestParameters.n != 1.5", integer(1)));
  // 9007199254740992.0 is 2^53 exactly; 2^53 + 1 is above it.
  EXPECT_TRUE(on("requestParameters.n > 9007199254740992.0", integer(9007199254740993)));
  EXPECT_FALSE(on("requestParameters.n == 9007199254740992.0", integer(9007199254740993)));
  EXPECT_TRUE(on("requestParameters.n == 9007199254740992.0", integer(9007199254740992)));
  // 2^63 as a float is above every int64.
  EXPECT_FALSE(on("requestParameters.n == 9223372036854775808.0", integer(INT64_MAX)));
  EXPECT_TRUE(on("requestParameters.n < 9223372036854775808.0", integer(INT64_MAX)));
  EXPECT_TRUE(on("requestParameters.n >= -9223372036854775808.0", integer(INT64_MIN)));
  EXPECT_TRUE(on("requestParameters.n < 1e300", integer(INT64_MAX)));
  EXPECT_TRUE(on("requestParameters.n > -1e300", integer(INT64_MIN)));
}

TEST(Kernel, DoubleFieldAgainstIntegerLiteralNear2To53And2To63) {
  const std::string n = "requestParameters.n";
  auto on = [&](const char* predicate, tb_value v) { return Kernel(predicate).matches({{n, v}}); };
  EXPECT_TRUE(on("requestParameters.n < 9007199254740993", dbl(9007199254740992.0)));
  EXPECT_FALSE(on("requestParameters.n >= 9007199254740993", dbl(9007199254740992.0)));
  EXPECT_TRUE(on("requestParameters.n > 9007199254740993", dbl(9007199254740994.0)));
  EXPECT_TRUE(on("requestParameters.n != 9007199254740993", dbl(9007199254740992.0)));
  EXPECT_FALSE(on("requestParameters.n == 9223372036854775807", dbl(9223372036854775808.0)));
  EXPECT_TRUE(on("requestParameters.n > 9223372036854775807", dbl(9223372036854775808.0)));
  EXPECT_TRUE(on("requestParameters.n < 9223372036854775807", dbl(9223372036854774784.0)));
  EXPECT_TRUE(on("requestParameters.n == -9223372036854775808", dbl(-9223372036854775808.0)));
  EXPECT_TRUE(on("requestParameters.n == 100", dbl(100.0)));
  EXPECT_TRUE(on("requestParameters.n == 0", dbl(-0.0)));
  EXPECT_FALSE(on("requestParameters.n < 0", dbl(-0.0)));
}

TEST(Kernel, StringsCompareAsBytes) {
  Kernel nul(R"(requestParameters.s == "a\u0000b")");
  EXPECT_TRUE(nul.matches({{"requestParameters.s", str(std::string_view("a\0b", 3))}}));
  EXPECT_FALSE(nul.matches({{"requestParameters.s", str("a")}}));
  EXPECT_FALSE(nul.matches({{"requestParameters.s", str("a\xc0\x80") /* overlong NUL */}}));
  Kernel accent(R"(requestParameters.s == "\u00e9")");
  EXPECT_TRUE(accent.matches({{"requestParameters.s", str("\xc3\xa9")}}));
  EXPECT_FALSE(accent.matches({{"requestParameters.s", str("e\xcc\x81")}}));  // NFD: not equal
  EXPECT_FALSE(accent.matches({{"requestParameters.s", str("\xc3\x89")}}));   // É
  Kernel prefix(R"(requestParameters.s == "ab")");
  EXPECT_FALSE(prefix.matches({{"requestParameters.s", str("a")}}));
  EXPECT_FALSE(prefix.matches({{"requestParameters.s", str("abc")}}));
  EXPECT_FALSE(prefix.matches({{"requestParameters.s", str("ab ")}}));
}

TEST(Kernel, TimestampTextOrderIsBytewiseThenByLength) {
  auto on = [](const char* predicate, tb_value v) {
    return Kernel(predicate).matches({{"eventTime", v}});
  };
  EXPECT_TRUE(on(R"(eventTime < "2023")", str("202")));  // a prefix is smaller
  EXPECT_FALSE(on(R"(eventTime < "2023")", str("2023")));
  EXPECT_TRUE(on(R"(eventTime <= "2023")", str("2023")));
  EXPECT_TRUE(on(R"(eventTime > "2023")", str("2023-")));
  EXPECT_TRUE(on(R"(eventTime < "\u00e9")", str("z")));  // bytes are unsigned: 0x7a < 0xc3
  EXPECT_FALSE(on(R"(eventTime > "\u00e9")", str("z")));
  EXPECT_TRUE(on(R"(eventTime > "")", str("\x01")));
  EXPECT_FALSE(on(R"(eventTime > "")", str("")));
  EXPECT_FALSE(on(R"(eventTime > "")", integer(5)));  // text order needs text
  EXPECT_FALSE(on(R"(eventTime >= "")", null()));
  EXPECT_TRUE(on(R"("2023-07-10T12:00:00Z" > eventTime)", str("2023-07-10T11:59:59Z")));
}

TEST(Kernel, MixedListsAreAChainOfTypeStrictEqualities) {
  Kernel k(R"(requestParameters.v in ["1", 1, true, null])");
  EXPECT_TRUE(k.matches({{"requestParameters.v", str("1")}}));
  EXPECT_TRUE(k.matches({{"requestParameters.v", integer(1)}}));
  EXPECT_TRUE(k.matches({{"requestParameters.v", dbl(1.0)}}));
  EXPECT_TRUE(k.matches({{"requestParameters.v", boolean(true)}}));
  EXPECT_TRUE(k.matches({{"requestParameters.v", null()}}));
  EXPECT_FALSE(k.matches({}));
  EXPECT_FALSE(k.matches({{"requestParameters.v", str("true")}}));
  EXPECT_FALSE(k.matches({{"requestParameters.v", integer(2)}}));
  EXPECT_FALSE(k.matches({{"requestParameters.v", boolean(false)}}));
  Kernel nk(R"(requestParameters.v not in [null, "a"])");
  EXPECT_FALSE(nk.matches({{"requestParameters.v", null()}}));
  EXPECT_FALSE(nk.matches({{"requestParameters.v", str("a")}}));
  EXPECT_TRUE(nk.matches({{"requestParameters.v", str("b")}}));
  EXPECT_FALSE(nk.matches({}));
}

TEST(Kernel, EmptyStringLiteralWithEveryOperator) {
  Kernel ne(R"(requestParameters.acl != "")");
  EXPECT_FALSE(ne.matches({{"requestParameters.acl", str("")}}));
  EXPECT_TRUE(ne.matches({{"requestParameters.acl", str("x")}}));
  EXPECT_TRUE(ne.matches({{"requestParameters.acl", integer(0)}}));
  EXPECT_FALSE(ne.matches({}));
  Kernel in(R"(requestParameters.acl in ["", "private"])");
  EXPECT_TRUE(in.matches({{"requestParameters.acl", str("")}}));
  EXPECT_TRUE(in.matches({{"requestParameters.acl", str("private")}}));
  EXPECT_FALSE(in.matches({{"requestParameters.acl", null()}}));
  // An empty string slot whose pointer is null is still the empty string.
  tb_value empty{};
  empty.kind = TB_STRING;
  EXPECT_TRUE(Kernel(R"(requestParameters.acl == "")").matches({{"requestParameters.acl", empty}}));
}

TEST(Kernel, NamedQueriesGetBitsInRunbookOrder) {
  tb::driver::Compilation c;
  c.add_source("q.tb",
               "runbook a { title \"t\" severity info\n"
               "  query first { where eventName == \"1\" }\n"
               "  where eventName == \"0\"\n"
               "  query second { where eventName == \"2\" }\n"
               "}\n"
               "runbook b { title \"t\" severity info where eventName in [\"0\", \"3\"] }\n");
  std::string error;
  auto pack = c.compile({}, error);
  ASSERT_TRUE(pack) << error;
  ASSERT_EQ(pack->checked.query_count, 4u);
  ASSERT_EQ(pack->plan.queries.size(), 4u);
  EXPECT_EQ(pack->plan.queries[0].query, "main");
  EXPECT_EQ(pack->plan.queries[1].query, "first");
  EXPECT_EQ(pack->plan.queries[2].query, "second");
  EXPECT_EQ(pack->plan.queries[3].runbook, "b");
  uint32_t slot = UINT32_MAX;
  for (size_t i = 0; i < pack->checked.fields.size(); ++i) {
    if (pack->checked.fields[i].dotted == "eventName") slot = static_cast<uint32_t>(i);
  }
  ASSERT_NE(slot, UINT32_MAX);
  const std::pair<const char*, uint64_t> cases[] = {
      {"0", 0b1001}, {"1", 0b0010}, {"2", 0b0100}, {"3", 0b1000}, {"4", 0}};
  for (const auto& [name, expected] : cases) {
    std::vector<tb_value> slots(pack->checked.fields.size());
    slots[slot] = str(name);
    uint64_t bits[2] = {~0ull, 0x5a5a5a5a5a5a5a5aull};  // the kernel clears word 0, not word 1
    const uint32_t any = pack->plan.kernel(slots.data(), bits, nullptr);
    EXPECT_EQ(bits[0], expected) << name;
    EXPECT_EQ(any != 0, expected != 0) << name;
    EXPECT_EQ(bits[1], 0x5a5a5a5a5a5a5a5aull) << name;
  }
}

// ---- differential: JIT kernel, reference interpreter, and an oracle written from the spec ------
//
// Random predicates over typed and dynamic paths are rendered as runbook text (so parse, check,
// lower and JIT all run), then evaluated on random slots by the kernel, by interp::evaluate_pack,
// and by `Oracle` below, which implements semantics R2-R5 directly on the generated tree with an
// independent exact number comparison (long double). Agreement of all three on every query and
// record is required. Comparisons are also written literal-first, so the checker's mirroring is
// checked against the oracle, not only shared by kernel and interpreter.

using tb::testing::Rng;

enum class PathType { String, Enum, Timestamp, Boolean, Number, Dynamic };
struct PathDef {
  const char* path;
  PathType type;
};
const std::vector<PathDef> kPaths = {
    // Not eventName: its constants must be events the catalog knows (TB3030), and "Root" is not.
    {"errorCode", PathType::String},
    {"userIdentity.type", PathType::Enum},
    {"eventTime", PathType::Timestamp},
    {"readOnly", PathType::Boolean},
    {"insightDetails.insightContext.statistics.insightDuration", PathType::Number},
    {"requestParameters.a", PathType::Dynamic},
    {"requestParameters.`b:c`", PathType::Dynamic},
    {"responseElements.select", PathType::Dynamic},
};

// Strings for literals and slots alike: empty, case, prefixes, NUL, quotes, non-ASCII, enum values.
const std::vector<std::string> kStrings = {"",
                                           "a",
                                           "A",
                                           "ab",
                                           "b",
                                           std::string("a\0b", 3),
                                           "a\"b\\",
                                           "\xc3\xa9",
                                           "z",
                                           "Root",
                                           "IAMUser",
                                           "2023-07-10T12:00:00Z",
                                           "2023-07-10T12:00:00"};
const std::vector<std::string> kEnumValues = {"Root", "IAMUser", "AssumedRole"};
const std::vector<int64_t> kInts = {0,
                                    1,
                                    -1,
                                    100,
                                    9007199254740992,
                                    9007199254740993,
                                    -9007199254740993,
                                    std::numeric_limits<int64_t>::max(),
                                    std::numeric_limits<int64_t>::min()};
const std::vector<double> kDoubles = {0.5,
                                      1.0,
                                      100.0,
                                      -0.0,
                                      -1.5,
                                      1e300,
                                      -1e300,
                                      9007199254740992.0,
                                      9007199254740994.0,
                                      9223372036854775808.0,
                                      -9223372036854775808.0};

struct Lit {
  enum class Kind { String, Int, Float, Bool, Null } kind = Kind::Null;
  std::string s;
  int64_t i = 0;
  double d = 0;
  bool b = false;
};

struct Node {
  enum class Kind { And, Or, Not, Cmp, In } kind = Node::Kind::Cmp;
  std::vector<Node> kids;
  size_t path = 0;
  tb::check::CmpOp op = tb::check::CmpOp::Eq;
  bool literal_first = false;
  Lit lit;
  bool negated = false;
  std::vector<Lit> list;
};

std::string render_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\0') {
      out += "\\u0000";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string render(const Lit& l) {
  switch (l.kind) {
    case Lit::Kind::String:
      return render_string(l.s);
    case Lit::Kind::Int:
      return std::to_string(l.i);
    case Lit::Kind::Float: {
      std::string t = fmt::format("{}", l.d);
      if (t.find_first_of(".e") == std::string::npos) t += ".0";
      return t;
    }
    case Lit::Kind::Bool:
      return l.b ? "true" : "false";
    case Lit::Kind::Null:
      return "null";
  }
  return "?";
}

const char* op_text(tb::check::CmpOp op) {
  using tb::check::CmpOp;
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

// The operator that, with its operands swapped, means the same.
tb::check::CmpOp swapped(tb::check::CmpOp op) {
  using tb::check::CmpOp;
  switch (op) {
    case CmpOp::Lt:
      return CmpOp::Gt;
    case CmpOp::Le:
      return CmpOp::Ge;
    case CmpOp::Gt:
      return CmpOp::Lt;
    case CmpOp::Ge:
      return CmpOp::Le;
    default:
      return op;
  }
}

std::string render(const Node& n) {
  switch (n.kind) {
    case Node::Kind::And:
      return "(" + render(n.kids[0]) + " and " + render(n.kids[1]) + ")";
    case Node::Kind::Or:
      return "(" + render(n.kids[0]) + " or " + render(n.kids[1]) + ")";
    case Node::Kind::Not:
      return "not (" + render(n.kids[0]) + ")";
    case Node::Kind::Cmp:
      if (n.literal_first) {
        return render(n.lit) + " " + op_text(swapped(n.op)) + " " + kPaths[n.path].path;
      }
      return std::string(kPaths[n.path].path) + " " + op_text(n.op) + " " + render(n.lit);
    case Node::Kind::In: {
      std::string list;
      for (size_t i = 0; i < n.list.size(); ++i) list += (i ? ", " : "") + render(n.list[i]);
      return std::string(kPaths[n.path].path) + (n.negated ? " not in [" : " in [") + list + "]";
    }
  }
  return "?";
}

// A literal the checker accepts for an equality test on a path of `type` (no coercion, R4).
Lit equality_literal(Rng& rng, PathType type) {
  Lit l;
  if (rng.chance(10)) return l;  // null compares with every type
  auto number = [&] {
    if (rng.chance(50)) {
      l.kind = Lit::Kind::Int;
      l.i = rng.pick(kInts);
    } else {
      l.kind = Lit::Kind::Float;
      l.d = rng.pick(kDoubles);
    }
  };
  switch (type) {
    case PathType::String:
    case PathType::Timestamp:
      l.kind = Lit::Kind::String;
      l.s = rng.pick(kStrings);
      break;
    case PathType::Enum:
      l.kind = Lit::Kind::String;
      l.s = rng.pick(kEnumValues);
      break;
    case PathType::Boolean:
      l.kind = Lit::Kind::Bool;
      l.b = rng.chance(50);
      break;
    case PathType::Number:
      number();
      break;
    case PathType::Dynamic:
      switch (rng.below(4)) {
        case 0:
          l.kind = Lit::Kind::String;
          l.s = rng.pick(kStrings);
          break;
        case 1:
          l.kind = Lit::Kind::Bool;
          l.b = rng.chance(50);
          break;
        default:
          number();
      }
      break;
  }
  return l;
}

Node leaf(Rng& rng) {
  using tb::check::CmpOp;
  Node n;
  n.path = rng.below(kPaths.size());
  const PathType type = kPaths[n.path].type;
  const bool orderable =
      type == PathType::Number || type == PathType::Dynamic || type == PathType::Timestamp;
  if (rng.chance(25)) {
    n.kind = Node::Kind::In;
    n.negated = rng.chance(40);
    const size_t len = rng.below(4);
    for (size_t i = 0; i < len; ++i) n.list.push_back(equality_literal(rng, type));
    return n;
  }
  n.kind = Node::Kind::Cmp;
  n.literal_first = rng.chance(25);
  if (orderable && rng.chance(45)) {
    static const std::vector<CmpOp> kOrder = {CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge};
    n.op = rng.pick(kOrder);
    if (type == PathType::Timestamp) {
      n.lit.kind = Lit::Kind::String;
      n.lit.s = rng.pick(kStrings);
    } else if (rng.chance(50)) {
      n.lit.kind = Lit::Kind::Int;
      n.lit.i = rng.pick(kInts);
    } else {
      n.lit.kind = Lit::Kind::Float;
      n.lit.d = rng.pick(kDoubles);
    }
    return n;
  }
  n.op = rng.chance(50) ? CmpOp::Eq : CmpOp::Ne;
  n.lit = equality_literal(rng, type);
  return n;
}

Node random_predicate(Rng& rng, int depth) {
  if (depth == 0 || rng.chance(25)) return leaf(rng);
  Node n;
  switch (rng.below(5)) {
    case 0:
    case 1:
      n.kind = Node::Kind::And;
      break;
    case 2:
    case 3:
      n.kind = Node::Kind::Or;
      break;
    default:
      n.kind = Node::Kind::Not;
      n.kids.push_back(random_predicate(rng, depth - 1));
      return n;
  }
  n.kids.push_back(random_predicate(rng, depth - 1));
  n.kids.push_back(random_predicate(rng, depth - 1));
  return n;
}

// ---- the oracle ----
class Oracle {
 public:
  static bool eval(const Node& n, const std::vector<tb_value>& slots_by_path) {
    switch (n.kind) {
      case Node::Kind::And:
        return eval(n.kids[0], slots_by_path) && eval(n.kids[1], slots_by_path);
      case Node::Kind::Or:
        return eval(n.kids[0], slots_by_path) || eval(n.kids[1], slots_by_path);
      case Node::Kind::Not:
        return !eval(n.kids[0], slots_by_path);
      case Node::Kind::Cmp: {
        const tb_value& v = slots_by_path[n.path];
        using tb::check::CmpOp;
        if (n.op == CmpOp::Eq) return equal(v, n.lit);
        if (n.op == CmpOp::Ne) return has_value(v) && !equal(v, n.lit);  // R3
        return order(v, n.op, n.lit);
      }
      case Node::Kind::In: {
        const tb_value& v = slots_by_path[n.path];
        bool any = false;
        for (const Lit& l : n.list) any = any || equal(v, l);
        return n.negated ? has_value(v) && !any : any;
      }
    }
    return false;
  }

 private:
  static bool has_value(const tb_value& v) { return v.kind != TB_MISSING && v.kind != TB_NULL; }
  static bool is_number(const tb_value& v) { return v.kind == TB_INT || v.kind == TB_DOUBLE; }
  static long double number(const tb_value& v) {
    return v.kind == TB_INT ? static_cast<long double>(v.i) : static_cast<long double>(v.d);
  }
  static long double number(const Lit& l) {
    return l.kind == Lit::Kind::Int ? static_cast<long double>(l.i) : static_cast<long double>(l.d);
  }
  // R4: type-strict equality.
  static bool equal(const tb_value& v, const Lit& l) {
    switch (l.kind) {
      case Lit::Kind::String:
        return v.kind == TB_STRING && std::string_view(v.str, v.len) == l.s;
      case Lit::Kind::Int:
      case Lit::Kind::Float:
        return is_number(v) && number(v) == number(l);
      case Lit::Kind::Bool:
        return v.kind == TB_BOOL && (v.b != 0) == l.b;
      case Lit::Kind::Null:
        return v.kind == TB_NULL;
    }
    return false;
  }
  static int sign(long double a, long double b) { return a < b ? -1 : a > b ? 1 : 0; }
  // Unsigned bytes, then length (a prefix is smaller).
  static int sign(std::string_view a, std::string_view b) {
    const size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
      const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
      if (x != y) return x < y ? -1 : 1;
    }
    return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
  }
  static bool order(const tb_value& v, tb::check::CmpOp op, const Lit& l) {
    int c = 0;
    if (l.kind == Lit::Kind::String) {
      if (v.kind != TB_STRING) return false;
      c = sign(std::string_view(v.str, v.len), l.s);
    } else {
      if (!is_number(v)) return false;  // R5: order compares numbers only
      c = sign(number(v), number(l));
    }
    using tb::check::CmpOp;
    switch (op) {
      case CmpOp::Lt:
        return c < 0;
      case CmpOp::Le:
        return c <= 0;
      case CmpOp::Gt:
        return c > 0;
      case CmpOp::Ge:
        return c >= 0;
      default:
        return false;
    }
  }
};

tb_value random_slot(Rng& rng) {
  tb_value v{};
  switch (rng.below(9)) {
    case 0:
      v.kind = TB_MISSING;
      break;
    case 1:
      v.kind = TB_NULL;
      break;
    case 2:
      v.kind = TB_BOOL;
      v.b = rng.below(2);
      break;
    case 3:
      v.kind = TB_INT;
      v.i = rng.pick(kInts);
      break;
    case 4:
      v.kind = TB_DOUBLE;
      v.d = rng.pick(kDoubles);
      break;
    case 5:
    case 6: {
      const std::string& s = rng.pick(kStrings);  // stable storage for the whole test
      v.kind = TB_STRING;
      v.str = s.data();
      v.len = static_cast<uint32_t>(s.size());
      break;
    }
    case 7:
      v.kind = TB_OBJECT;
      v.str = "{\"a\":1}";
      v.len = 7;
      break;
    default:
      v.kind = TB_ARRAY;
      v.str = "[\"a\"]";
      v.len = 5;
  }
  return v;
}

TEST(KernelDifferential, JitInterpreterAndOracleAgree) {
  constexpr int kPacks = 25;
  constexpr int kRunbooksPerPack = 20;
  constexpr int kQueriesPerRunbook = 4;  // main plus three named queries
  constexpr int kQueriesPerPack = kRunbooksPerPack * kQueriesPerRunbook;
  constexpr int kRecordsPerPack = 400;
  Rng rng(0x7b7b2026);
  uint64_t compared = 0, matches = 0;
  for (int p = 0; p < kPacks; ++p) {
    std::vector<Node> predicates;
    std::string text;
    for (int r = 0; r < kRunbooksPerPack; ++r) {
      text += fmt::format("runbook r{} {{ title \"t\" severity info\n", r);
      for (int q = 0; q < kQueriesPerRunbook; ++q) {
        predicates.push_back(random_predicate(rng, 3));
        const std::string where = "where " + render(predicates.back());
        text += q == 0 ? "  " + where + "\n" : fmt::format("  query q{} {{ {} }}\n", q, where);
      }
      text += "}\n";
    }
    tb::driver::Compilation c;
    c.set_options(tb::testing::unlinted());  // random conditions may contradict themselves
    c.add_source("differential.tb", text);
    std::string error;
    // Every optimisation level that `trailbook scan --jit-opt` accepts, in turn.
    const unsigned opt_level = static_cast<unsigned>(p % 4);
    auto pack = c.compile(tb::jit::JitOptions{opt_level}, error);
    if (!pack) {
      for (const auto& d : c.diagnostics().diagnostics()) error += "\n" + d.message;
    }
    ASSERT_TRUE(pack) << error << "\n" << text;
    ASSERT_EQ(pack->checked.query_count, static_cast<uint32_t>(kQueriesPerPack));
    // The slot of each generated path, found by its steps.
    std::vector<size_t> slot_of(kPaths.size(), SIZE_MAX);
    for (size_t i = 0; i < pack->checked.fields.size(); ++i) {
      const std::string& dotted = pack->checked.fields[i].dotted;
      for (size_t k = 0; k < kPaths.size(); ++k) {
        std::string plain = kPaths[k].path;
        plain.erase(std::remove(plain.begin(), plain.end(), '`'), plain.end());
        if (dotted == plain) slot_of[k] = i;
      }
    }
    const size_t words = (kQueriesPerPack + 63) / 64;
    std::vector<tb_value> slots(pack->checked.fields.size());
    std::vector<tb_value> by_path(kPaths.size());
    tb::interp::Interpreter interpreter(pack->checked);
    tb_kernel_context context{pack->plan.objects.data(), nullptr, nullptr};
    for (int rec = 0; rec < kRecordsPerPack; ++rec) {
      for (tb_value& v : slots) v = random_slot(rng);
      for (size_t k = 0; k < kPaths.size(); ++k) {
        by_path[k] = slot_of[k] == SIZE_MAX ? tb_value{} : slots[slot_of[k]];
      }
      std::vector<uint64_t> jit(words + 1, 0xdeadbeefdeadbeefull), interp(words + 1);
      const uint32_t jit_any = pack->plan.kernel(slots.data(), jit.data(), &context);
      const uint32_t interp_any = interpreter.evaluate_slots(slots.data(), interp.data()) ? 1 : 0;
      ASSERT_EQ(jit[words], 0xdeadbeefdeadbeefull) << "the kernel wrote past its bitset";
      bool oracle_any = false;
      for (int q = 0; q < kQueriesPerPack; ++q) {
        const bool expected = Oracle::eval(predicates[q], by_path);
        const bool a = (jit[q / 64] >> (q % 64)) & 1;
        const bool b = (interp[q / 64] >> (q % 64)) & 1;
        ASSERT_EQ(a, expected) << "JIT -O" << opt_level << " vs oracle: " << render(predicates[q])
                               << " (pack " << p << ", record " << rec << ", query " << q << ")";
        ASSERT_EQ(b, expected) << "interpreter vs oracle: " << render(predicates[q]);
        oracle_any = oracle_any || expected;
        matches += expected;
        ++compared;
      }
      ASSERT_EQ(jit_any != 0, oracle_any);
      ASSERT_EQ(interp_any != 0, oracle_any);
    }
  }
  EXPECT_EQ(compared, uint64_t{kPacks} * kQueriesPerPack * kRecordsPerPack);
  EXPECT_GT(matches, compared / 20);  // both outcomes are common
  EXPECT_LT(matches, compared - compared / 20);
}

}  // namespace
