// Differential test: the JIT kernel must agree with the reference interpreter on every query and
// every record. Random predicates (written as runbook text, so parse, check, lower and JIT are all
// exercised) are evaluated on random slot contents that include missing, null, and values of every
// type, with numbers at the edges of int64 and double precision.
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "compiler/driver/compiler.h"
#include "compiler/interp/evaluate.h"
#include "runtime/exec/field_extractor.h"
#include "tests/unit/compiler/test_rng.h"
#include "tests/unit/compiler/unlinted.h"

namespace {

using tb::testing::Rng;

const std::vector<std::string> kStrings = {"", "a", "b", "ab", "A", "Ab\"c", "\xc3\xa9"};
const std::vector<int64_t> kInts = {0,
                                    1,
                                    -1,
                                    100,
                                    9007199254740992,  // 2^53
                                    9007199254740993,  // 2^53 + 1: not a double
                                    std::numeric_limits<int64_t>::max(),
                                    std::numeric_limits<int64_t>::min()};
const std::vector<double> kDoubles = {
    0.5, 100.0, -0.0, -1.5, 1e300, 9007199254740992.0, 9223372036854775808.0};

// Paths whose schema type accepts every literal, plus two typed ones.
const std::vector<std::string> kDynamicPaths = {"requestParameters.a", "requestParameters.b",
                                                "responseElements.c"};

std::string string_literal(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string number_literal(Rng& rng) {
  if (rng.chance(50)) return std::to_string(kInts[rng.below(kInts.size())]);
  const double d = kDoubles[rng.below(kDoubles.size())];
  std::string text = fmt::format("{}", d);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::string any_literal(Rng& rng) {
  switch (rng.below(5)) {
    case 0:
      return string_literal(kStrings[rng.below(kStrings.size())]);
    case 1:
    case 2:
      return number_literal(rng);
    case 3:
      return rng.chance(50) ? "true" : "false";
    default:
      return "null";
  }
}

std::string leaf(Rng& rng) {
  switch (rng.below(6)) {
    case 0:
      return fmt::format("eventName {} {}", rng.chance(50) ? "==" : "!=",
                         string_literal(kStrings[rng.below(kStrings.size())]));
    case 1:
      return fmt::format("readOnly {} {}",
                         rng.chance(50) ? "==" : "!=", rng.chance(50) ? "true" : "false");
    case 2: {
      static const char* kOrder[] = {"<", "<=", ">", ">="};
      return fmt::format("{} {} {}", kDynamicPaths[rng.below(kDynamicPaths.size())],
                         kOrder[rng.below(4)], number_literal(rng));
    }
    case 3: {
      std::string list;
      const size_t n = rng.below(4);
      for (size_t i = 0; i < n; ++i) list += (i ? ", " : "") + any_literal(rng);
      return fmt::format("{} {}in [{}]", kDynamicPaths[rng.below(kDynamicPaths.size())],
                         rng.chance(30) ? "not " : "", list);
    }
    default: {
      const std::string path = kDynamicPaths[rng.below(kDynamicPaths.size())];
      const std::string lit = any_literal(rng);
      // Literals on the left are mirrored by the checker.
      const char* op = rng.chance(50) ? "==" : "!=";
      return rng.chance(20) ? fmt::format("{} {} {}", lit, op, path)
                            : fmt::format("{} {} {}", path, op, lit);
    }
  }
}

std::string predicate(Rng& rng, int depth) {
  if (depth == 0 || rng.chance(30)) return leaf(rng);
  switch (rng.below(3)) {
    case 0:
      return "(" + predicate(rng, depth - 1) + " and " + predicate(rng, depth - 1) + ")";
    case 1:
      return "(" + predicate(rng, depth - 1) + " or " + predicate(rng, depth - 1) + ")";
    default:
      return "not (" + predicate(rng, depth - 1) + ")";
  }
}

tb_value random_value(Rng& rng, const std::vector<std::string>& strings) {
  tb_value v{};
  switch (rng.below(8)) {
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
      v.i = kInts[rng.below(kInts.size())];
      break;
    case 4:
      v.kind = TB_DOUBLE;
      v.d = kDoubles[rng.below(kDoubles.size())];
      break;
    case 5:
    case 6: {
      const std::string& s = strings[rng.below(strings.size())];
      v.kind = TB_STRING;
      v.str = s.data();
      v.len = static_cast<uint32_t>(s.size());
      break;
    }
    default:
      v.kind = rng.chance(50) ? TB_OBJECT : TB_ARRAY;
      v.str = "{}";
      v.len = 2;
  }
  return v;
}

TEST(JitVsInterp, RandomPredicatesAgreeOnRandomRecords) {
  constexpr int kPacks = 50;
  constexpr int kQueriesPerPack = 40;
  constexpr int kRecordsPerPack = 200;
  Rng rng(20261125);
  uint64_t compared = 0, matches = 0;
  for (int p = 0; p < kPacks; ++p) {
    std::string text;
    std::vector<std::string> predicates;
    for (int q = 0; q < kQueriesPerPack; ++q) {
      predicates.push_back(predicate(rng, 4));
      text += fmt::format("runbook r{} {{ title \"t\" severity info where {} }}\n", q,
                          predicates.back());
    }
    tb::driver::Compilation c;
    c.set_options(tb::testing::unlinted());  // random conditions may contradict themselves
    c.add_source("random.tb", text);
    std::string error;
    auto pack = c.compile({}, error);
    ASSERT_TRUE(pack) << error << "\n" << text;
    const size_t words = (pack->checked.query_count + 63) / 64;
    std::vector<tb_value> slots(pack->checked.fields.size());
    tb::interp::Interpreter interpreter(pack->checked);
    tb_kernel_context context{pack->plan.objects.data(), nullptr, nullptr};
    for (int r = 0; r < kRecordsPerPack; ++r) {
      for (tb_value& v : slots) v = random_value(rng, kStrings);
      std::vector<uint64_t> jit(words + 1), interp(words + 1);
      const uint32_t jit_any = pack->plan.kernel(slots.data(), jit.data(), &context);
      const uint32_t interp_any = interpreter.evaluate_slots(slots.data(), interp.data()) ? 1 : 0;
      ASSERT_EQ(jit_any != 0, interp_any != 0);
      for (int q = 0; q < kQueriesPerPack; ++q) {
        const bool a = (jit[q / 64] >> (q % 64)) & 1;
        const bool b = (interp[q / 64] >> (q % 64)) & 1;
        ASSERT_EQ(a, b) << "query: " << predicates[q] << " (pack " << p << ", record " << r << ")";
        matches += a;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, uint64_t{kPacks} * kQueriesPerPack * kRecordsPerPack);
  // Both outcomes must occur often, or the test would prove little.
  EXPECT_GT(matches, compared / 20);
  EXPECT_LT(matches, compared - compared / 20);
}

// R12: every JSON object is a record, however deeply it nests. The extractor reads any depth;
// the DOM parser stops at 1024 levels by default, and the interpreter rejected such records.
TEST(JitVsInterp, DeeplyNestedRecordsAreRecords) {
  tb::driver::Compilation c;
  c.add_source("deep.tb",
               "runbook r { title \"t\" severity info\n"
               "  where eventName == \"A\" and requestParameters is not null\n"
               "  select requestParameters }\n");
  std::string error;
  auto pack = c.compile({}, error);
  ASSERT_TRUE(pack) << error;
  tb::interp::Interpreter interpreter(pack->checked);
  tb::runtime::FieldExtractor extractor(pack->plan.fields);
  std::vector<tb_value> slots(pack->plan.fields.size());
  for (const size_t depth : {1000, 1100, 20000, 60000}) {
    const std::string nested = std::string(depth, '[') + std::string(depth, ']');
    const std::string record =
        R"({"x":)" + nested + R"(,"eventName":"A","requestParameters":{"deep":)" + nested + "}}";
    uint64_t matched[2] = {};
    error.clear();
    EXPECT_TRUE(interpreter.evaluate(record, matched, error)) << depth << ": " << error;
    EXPECT_EQ(matched[0], 1u) << depth;
    const std::string padded = record + std::string(simdjson::SIMDJSON_PADDING, '\0');
    ASSERT_EQ(extractor.extract({padded.data(), record.size()}, padded.size(), slots.data()), "");
    uint64_t jit[2] = {};
    pack->plan.kernel(slots.data(), jit, nullptr);
    EXPECT_EQ(jit[0], 1u) << depth;
  }
}

}  // namespace
