// The raw-byte prefilter: which literals the compiler requires (derive_prefilter), and its
// exactness against the reference interpreter on records built to trip it: escaped keys and
// values (\u, \/), case variants, the literal in another field or as a key, other JSON types.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <bit>
#include <string>
#include <vector>

#include <simdjson.h>

#include "compiler/driver/compiler.h"
#include "compiler/interp/evaluate.h"
#include "compiler/lower/prefilter_literals.h"
#include "runtime/exec/prefilter.h"
#include "runtime/exec/record_evaluator.h"
#include "tests/unit/compiler/test_rng.h"

namespace {

std::unique_ptr<tb::check::CheckedPack> checked(const std::string& where) {
  static std::vector<std::unique_ptr<tb::driver::Compilation>> keep;  // sources outlive packs
  keep.push_back(std::make_unique<tb::driver::Compilation>());
  keep.back()->add_source("p.tb", "runbook p { title \"t\" severity low where " + where + " }");
  auto pack = keep.back()->check();
  EXPECT_NE(pack, nullptr) << where;
  return pack;
}

// The literals of the pack's one query, clause by clause, as text.
std::vector<std::vector<std::string>> required(const std::string& where) {
  auto pack = checked(where);
  if (!pack) return {};
  const tb::runtime::PrefilterSpec spec = tb::lower::derive_prefilter(*pack);
  std::vector<std::vector<std::string>> out;
  for (const auto& clause : spec.clauses.at(0)) {
    std::vector<std::string> alternatives;
    for (uint32_t id : clause) alternatives.push_back(spec.literals[id]);
    std::sort(alternatives.begin(), alternatives.end());
    out.push_back(alternatives);
  }
  return out;
}

using Clauses = std::vector<std::vector<std::string>>;

TEST(PrefilterLiterals, EqualityAndListsRequireTheQuotedValue) {
  EXPECT_EQ(required("eventName == \"PutRolePolicy\""), (Clauses{{"\"PutRolePolicy\""}}));
  EXPECT_EQ(required("eventName in [\"A1\", \"B2\"]"), (Clauses{{"\"A1\"", "\"B2\""}}));
  // Both terms of an `and` are required; the most selective clause comes first.
  EXPECT_EQ(required("eventSource == \"iam.amazonaws.com\" and eventName in [\"A1\", \"B2\"]"),
            (Clauses{{"\"iam.amazonaws.com\""}, {"\"A1\"", "\"B2\""}}));
  // An `or` requires one literal of each side.
  EXPECT_EQ(required("eventName == \"A1\" or userAgent startswith \"Boto3\""),
            (Clauses{{"\"A1\"", "\"Boto3"}}));
  EXPECT_EQ(required("userAgent endswith \"-cli\" and userAgent contains \"aws\""),
            (Clauses{{"-cli\""}, {"aws"}}));
  EXPECT_EQ(required("any(resources, r => r.type == \"AWS::IAM::Role\")"),
            (Clauses{{"\"AWS::IAM::Role\""}}));
}

TEST(PrefilterLiterals, TestsWithMoreThanOneSpellingRequireNothing) {
  for (const std::string where :
       {"eventName != \"A1\"", "not (eventName == \"A1\")", "eventName not in [\"A1\"]",
        "userAgent icontains \"aws\"", "userAgent matches \"^aws\"",
        "requestParameters.maxResults == 100", "readOnly == false", "lower(eventName) == \"a1\"",
        "errorMessage == \"say \\\"no\\\"\"", "eventName == \"A1\" or readOnly == true",
        "sourceIPAddress in cidr(\"10.0.0.0/8\")", "errorCode is null",
        "all(resources, r => r.type == \"x\")"}) {
    EXPECT_EQ(required(where), Clauses{}) << where;
  }
}

// Records that put the pack's literals in every awkward place.
class Trap {
 public:
  explicit Trap(uint64_t seed) : rng_(seed) {}

  std::string record() {
    std::string members;
    auto add = [&](const std::string& key, const std::string& value) {
      members += (members.empty() ? "" : ",") + key + ":" + value;
    };
    add(key("eventName"), value(kNames));
    if (rng_.chance(70)) add(key("eventSource"), value(kSources));
    if (rng_.chance(60)) add(key("userAgent"), value(kAgents));
    if (rng_.chance(30)) add(key("errorCode"), value(kNames));  // a literal in another field
    if (rng_.chance(10)) add("\"PutRolePolicy\"", "1");         // ...or as a key
    if (rng_.chance(30)) {
      add(key("resources"), "[{" + key("type") + ":" + value(kTypes) + "}]");
    }
    return "{" + members + "}";
  }

 private:
  const std::vector<std::string> kNames = {"PutRolePolicy", "AttachRolePolicy", "putrolepolicy",
                                           "PUTROLEPOLICY", "ListRoles",        "PutRolePolicyX"};
  const std::vector<std::string> kSources = {"iam.amazonaws.com", "IAM.amazonaws.com",
                                             "s3.amazonaws.com", "iam.amazonaws.com/"};
  const std::vector<std::string> kAgents = {"aws-cli/2.0", "Boto3/1.2", "boto3/1.2",
                                            "console.amazonaws.com", "aws-cli"};
  const std::vector<std::string> kTypes = {"AWS::IAM::Role", "AWS::S3::Bucket"};

  // A key, sometimes with an escaped letter (R1: the same key).
  std::string key(const std::string& k) {
    if (!rng_.chance(15)) return "\"" + k + "\"";
    return "\"\\u" + fmt::format("{:04x}", static_cast<unsigned>(k[0])) + k.substr(1) + "\"";
  }

  // A value from `pool`, sometimes escaped (\u or \/), sometimes not a string at all.
  std::string value(const std::vector<std::string>& pool) {
    const std::string& v = rng_.pick(pool);
    switch (rng_.below(10)) {
      case 0: {  // one letter as \uXXXX
        const size_t at = rng_.below(v.size());
        return "\"" + v.substr(0, at) + fmt::format("\\u{:04X}", static_cast<unsigned>(v[at])) +
               v.substr(at + 1) + "\"";
      }
      case 1: {  // every '/' as \/
        std::string out;
        for (char c : v) out += c == '/' ? std::string("\\/") : std::string(1, c);
        return "\"" + out + "\"";
      }
      case 2:
        return rng_.chance(50) ? "null" : "42";
      default:
        return "\"" + v + "\"";
    }
  }

  tb::testing::Rng rng_;
};

TEST(Prefilter, NeverRejectsARecordTheInterpreterMatches) {
  const std::vector<std::string> wheres = {
      "eventName == \"PutRolePolicy\"",
      "eventName in [\"PutRolePolicy\", \"AttachRolePolicy\"]",
      "eventSource == \"iam.amazonaws.com\" and eventName == \"AttachRolePolicy\"",
      "eventSource == \"iam.amazonaws.com/\"",
      "userAgent startswith \"aws-cli\" or userAgent endswith \"boto3/1.2\"",
      "userAgent contains \"amazonaws.com\" and eventName in [\"PUTROLEPOLICY\"]",
      "any(resources, r => r.type == \"AWS::IAM::Role\") and eventName == \"ListRoles\"",
  };
  uint64_t rejected = 0, records = 0, escaped = 0;
  for (size_t w = 0; w < wheres.size(); ++w) {
    auto pack = checked(wheres[w]);
    ASSERT_NE(pack, nullptr);
    std::string error;
    auto prefilter = tb::runtime::Prefilter::create(tb::lower::derive_prefilter(*pack), error);
    ASSERT_NE(prefilter, nullptr) << wheres[w] << ": " << error;
    tb::runtime::Prefilter::Scratch scratch(*prefilter);
    tb::interp::Interpreter interp(*pack);
    Trap trap(1000 + w);
    for (int i = 0; i < 3000; ++i) {
      const std::string record = trap.record();
      uint64_t matched = 0;
      std::string interp_error;
      interp.evaluate(record, &matched, interp_error);
      ASSERT_TRUE(interp_error.empty()) << record << ": " << interp_error;
      ++records;
      escaped += record.find('\\') != std::string::npos;
      if (prefilter->may_match(record, scratch)) continue;
      ++rejected;
      ASSERT_EQ(matched, 0u) << "rejected a record that " << wheres[w] << " matches:\n" << record;
    }
  }
  // It must reject often, and see escapes often, for the agreement to mean something.
  EXPECT_GT(rejected, records / 4) << rejected << " of " << records;
  EXPECT_GT(escaped, records / 4) << escaped << " of " << records;
}

TEST(Prefilter, IsOffWhenSomeQueryRequiresNoLiteral) {
  auto pack = checked("eventName != \"A1\"");
  std::string error;
  EXPECT_EQ(tb::runtime::Prefilter::create(tb::lower::derive_prefilter(*pack), error), nullptr);
  EXPECT_TRUE(error.empty());
}

}  // namespace

// With a query that requires no literal every record is parsed; --prefilter-per-query then skips
// the other queries in the kernel where their literals are missing, and parses only the base
// query's fields for records no other query can match. The kernel must still agree with the
// interpreter on every query of every trap record.
TEST(Prefilter, PerQueryCandidatesAgreeWithTheInterpreter) {
  const std::vector<std::string> wheres = {
      "eventName == \"PutRolePolicy\" select userAgent, eventSource",
      "eventSource == \"iam.amazonaws.com\" and eventName == \"AttachRolePolicy\"",
      "userAgent startswith \"aws-cli\" or userAgent endswith \"boto3/1.2\"",
      "any(resources, r => r.type == \"AWS::IAM::Role\") and eventName == \"ListRoles\"",
      "eventName != \"ListRoles\" select eventName, userIdentity.arn",  // no literal
  };
  std::string text;
  for (size_t w = 0; w < wheres.size(); ++w) {
    text += fmt::format("runbook r{} {{ title \"t\" severity low where {} }}\n", w, wheres[w]);
  }
  tb::driver::Compilation c;
  c.add_source("p.tb", text);
  std::string error;
  auto pack = c.compile({}, error);
  ASSERT_NE(pack, nullptr) << error;
  ASSERT_NE(pack->plan.prefilter, nullptr);
  ASSERT_FALSE(pack->plan.prefilter->spec().skips_records());
  ASSERT_EQ(pack->plan.base_slots.size(), pack->plan.fields.size());
  pack->plan.prefilter_per_query = true;
  auto kernel = tb::runtime::make_kernel_evaluator(pack->plan);
  tb::interp::Interpreter interp(pack->checked);
  tb::runtime::Prefilter::Scratch scratch(*pack->plan.prefilter);
  Trap trap(77);
  uint64_t skipped_queries = 0, base_only = 0;
  for (int i = 0; i < 6000; ++i) {
    const std::string record = trap.record();
    uint64_t expected = 0, got = 0, candidates = 0;
    std::string interp_error, kernel_error;
    interp.evaluate(record, &expected, interp_error);
    ASSERT_TRUE(interp_error.empty()) << record << ": " << interp_error;
    const simdjson::padded_string padded(record);
    ASSERT_TRUE(
        kernel->evaluate(padded, padded.size() + simdjson::SIMDJSON_PADDING, &got, kernel_error))
        << record << ": " << kernel_error;
    ASSERT_EQ(got, expected) << record;
    pack->plan.prefilter->candidates(record, scratch, &candidates);
    skipped_queries += 5 - std::popcount(candidates);
    base_only += candidates == pack->plan.prefilter->always()[0];
  }
  // Queries must be skipped often, and records parsed for the base query alone often, for the
  // agreement to mean something.
  EXPECT_GT(skipped_queries, 6000u);
  EXPECT_GT(base_only, 600u);
}
