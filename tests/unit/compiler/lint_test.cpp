// The semantic lint's solver against brute force: generated conditions over two fields, every
// record that assigns each field one value of a finite domain evaluated by the reference
// interpreter. "Never true" must hold for every such record, "always true" too, and every exact
// witness the solver returns must make the interpreter agree. Then the diagnostics themselves.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compiler/driver/compiler.h"
#include "compiler/interp/evaluate.h"
#include "compiler/lint/formula.h"
#include "compiler/lint/solver.h"
#include "tests/unit/compiler/test_rng.h"
#include "tests/unit/compiler/unlinted.h"

namespace {

using tb::lint::Candidate;
using tb::lint::Formula;
using tb::lint::Solver;
using tb::lint::Verdict;

const std::vector<std::string> kFields = {"requestParameters.a", "requestParameters.b"};
const std::vector<std::string> kConstants = {"\"a\"", "\"b\"", "\"ab\"", "\"\"", "1",
                                             "2",     "1.5",   "true",   "-3"};
// Values each field takes in the brute force; "" means missing.
const std::vector<std::string> kDomain = {"",       "null", "\"a\"", "\"b\"", "\"ab\"", "\"\"",
                                          "\"zz\"", "0",    "1",     "1.5",   "2",      "2.5",
                                          "-3",     "-4",   "true",  "false", "{}",     "[]"};

std::string atom(tb::testing::Rng& rng) {
  const std::string& f = rng.pick(kFields);
  const std::string& c = rng.pick(kConstants);
  const std::string n = rng.pick(std::vector<std::string>{"1", "2", "1.5", "-3"});
  switch (rng.below(14)) {
    case 0:
      return f + " == " + c;
    case 1:
      return f + " != " + c;
    case 2:
      return f + " in [" + c + ", " + rng.pick(kConstants) + "]";
    case 3:
      return f + " not in [" + c + "]";
    case 4:
      return f + " < " + n;
    case 5:
      return f + " >= " + n;
    case 6:
      return f + " > " + n;
    case 7:
      return f + " <= " + n;
    case 8:
      return f + (rng.chance(50) ? " is null" : " is not null");
    case 9:
      return rng.chance(50) ? f + " is missing" : "exists " + f;
    case 10:
      return f + (rng.chance(50) ? " contains \"a\"" : " not startswith \"a\"");
    case 11:
      return f + " matches \"^a\"";
    case 12:
      return f + " == null";
    default:
      return f + " != " + c;
  }
}

std::string condition(tb::testing::Rng& rng, int depth) {
  if (depth == 0 || rng.chance(30)) return atom(rng);
  switch (rng.below(3)) {
    case 0:
      return "(" + condition(rng, depth - 1) + " and " + condition(rng, depth - 1) + ")";
    case 1:
      return "(" + condition(rng, depth - 1) + " or " + condition(rng, depth - 1) + ")";
    default:
      return "not (" + condition(rng, depth - 1) + ")";
  }
}

std::string record_of(const std::vector<std::string>& values) {
  std::string members;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].empty()) continue;
    const std::string key = kFields[i].substr(kFields[i].find('.') + 1);
    members += fmt::format("{}\"{}\":{}", members.empty() ? "" : ",", key, values[i]);
  }
  return "{\"eventVersion\":\"1.08\",\"requestParameters\":{" + members + "}}";
}

std::string json_of(const Candidate& c) {
  switch (c.kind) {
    case Candidate::Kind::Missing:
      return "";
    case Candidate::Kind::Null:
      return "null";
    case Candidate::Kind::String:
      return "\"" + c.text + "\"";  // the generated constants need no escapes
    case Candidate::Kind::OtherString:
      return "\"other-value\"";
    case Candidate::Kind::Number:
      return c.number.display();
    case Candidate::Kind::True:
      return "true";
    case Candidate::Kind::False:
      return "false";
    case Candidate::Kind::Object:
      return "{}";
    case Candidate::Kind::Array:
      return "[]";
  }
  return "";
}

TEST(LintSolver, AgreesWithBruteForceOnGeneratedConditions) {
  tb::testing::Rng rng(20261130);
  int never = 0, always = 0, when_present = 0, witnesses = 0;
  constexpr int kConditions = 600;
  for (int i = 0; i < kConditions; ++i) {
    const std::string where = condition(rng, 3);
    tb::driver::Compilation c;
    c.set_options(tb::testing::unlinted());
    c.add_source("gen.tb", "runbook g { title \"t\" severity info where " + where + " }");
    auto pack = c.check();
    ASSERT_NE(pack, nullptr) << where;
    const tb::check::Pred& p = pack->runbooks[0].queries[0].where;
    Formula f(*pack);
    const uint32_t root = f.add(p);
    const uint32_t negated = f.make_not(root);
    Solver solver(f);
    tb::interp::Interpreter interp(*pack);
    auto eval = [&](const std::string& record) {
      uint64_t matched = 0;
      std::string error;
      interp.evaluate(record, &matched, error);
      EXPECT_TRUE(error.empty()) << error;
      return (matched & 1) != 0;
    };
    // Brute force over the domain.
    bool some_true = false, some_false = false, some_false_present = false;
    for (const std::string& a : kDomain) {
      for (const std::string& b : kDomain) {
        const bool v = eval(record_of({a, b}));
        some_true = some_true || v;
        some_false = some_false || !v;
        const bool present = !a.empty() && a != "null" && !b.empty() && b != "null";
        some_false_present = some_false_present || (!v && present);
      }
    }
    auto witness_record = [&] {
      std::vector<std::string> values(kFields.size());
      for (uint32_t var = 0; var < f.variable_count(); ++var) {
        const int chosen = solver.witness()[var];
        if (chosen < 0 || f.variable(var).scope != 0) continue;
        const std::string& dotted = pack->fields[f.variable(var).slot].dotted;
        for (size_t k = 0; k < kFields.size(); ++k) {
          if (kFields[k] == dotted) values[k] = json_of(solver.candidates(var)[chosen]);
        }
      }
      return record_of(values);
    };
    const Verdict sat = solver.satisfiable(root);
    ASSERT_NE(sat, Verdict::Unknown) << where;
    if (sat == Verdict::Unsatisfiable) {
      ++never;
      EXPECT_FALSE(some_true) << "said never true: " << where;
    } else if (solver.witness_exact()) {
      ++witnesses;
      EXPECT_TRUE(eval(witness_record())) << where << "\nwitness " << witness_record();
    }
    const Verdict falsifiable = solver.satisfiable(negated);
    ASSERT_NE(falsifiable, Verdict::Unknown) << where;
    if (falsifiable == Verdict::Unsatisfiable) {
      ++always;
      EXPECT_FALSE(some_false) << "said always true: " << where;
    } else if (solver.witness_exact()) {
      ++witnesses;
      EXPECT_FALSE(eval(witness_record())) << where << "\nwitness " << witness_record();
    }
    tb::lint::SolveOptions present;
    present.present_only = true;
    if (solver.satisfiable(negated, present) == Verdict::Unsatisfiable) {
      ++when_present;
      EXPECT_FALSE(some_false_present) << "said true whenever present: " << where;
    }
  }
  // The generator must reach every verdict often enough for the checks above to mean something.
  EXPECT_GT(never, kConditions / 50) << never;
  EXPECT_GT(always, kConditions / 50) << always;
  EXPECT_GT(when_present, always) << when_present;
  EXPECT_GT(witnesses, kConditions) << witnesses;
}

// ---- the diagnostics ----------------------------------------------------------------------

struct Linted {
  explicit Linted(const std::string& where) {
    c.add_source("rb.tb", "runbook r { title \"t\" severity low where " + where + " }");
    pack = c.check();
  }
  // Without TB4008 (requestParameters that nothing types), which checker_test covers.
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : c.diagnostics().diagnostics()) {
      if (d.code() != "TB4008") out.emplace_back(d.code());
    }
    return out;
  }
  std::string text_of(const tb::Diagnostic& d) const {
    return std::string(c.sources().file(d.span.file).slice(d.span));
  }
  tb::driver::Compilation c;
  std::unique_ptr<tb::check::CheckedPack> pack;
};

using Codes = std::vector<std::string>;

TEST(Lint, TheCis41PatternIsTrueWheneverEventNameIsThere) {
  Linted k(
      "eventSource == \"iam.amazonaws.com\" and (eventName != \"PutRolePolicy\" or "
      "eventName != \"AttachRolePolicy\")");
  ASSERT_EQ(k.codes(), Codes{"TB4005"});
  const tb::Diagnostic& d = k.c.diagnostics().diagnostics()[0];
  EXPECT_EQ(d.message, "this condition is true for every record that has 'eventName'");
  EXPECT_EQ(k.text_of(d), "(eventName != \"PutRolePolicy\" or eventName != \"AttachRolePolicy\")");
  ASSERT_EQ(d.fixits.size(), 1u);
  EXPECT_EQ(d.fixits[0].replacement, "eventName not in [\"PutRolePolicy\", \"AttachRolePolicy\"]");
}

TEST(Lint, ContradictionsAreReportedWhereTheyAre) {
  Linted k(
      "readOnly == false and (errorCode == \"A\" and errorCode == \"B\" or eventName == "
      "\"PutRolePolicy\")");
  ASSERT_EQ(k.codes(), Codes{"TB4003"});
  const tb::Diagnostic& d = k.c.diagnostics().diagnostics()[0];
  EXPECT_EQ(k.text_of(d), "errorCode == \"A\" and errorCode == \"B\"");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message,
            "'errorCode == \"A\"' and 'errorCode == \"B\"' cannot both be true of one record");
}

TEST(Lint, NumericRangesThatCannotMeet) {
  EXPECT_EQ(Linted("requestParameters.n > 10 and requestParameters.n < 5").codes(),
            Codes{"TB4003"});
  EXPECT_EQ(Linted("requestParameters.n > 1 and requestParameters.n < 2").codes(), Codes{});
  EXPECT_EQ(Linted("requestParameters.n >= 2 and requestParameters.n <= 2").codes(), Codes{});
  EXPECT_EQ(Linted("requestParameters.n > 2 and requestParameters.n <= 2").codes(),
            Codes{"TB4003"});
}

TEST(Lint, ATautologyIsReportedOnceAndItsConsequencesNot) {
  Linted k("readOnly == false and not (errorCode == \"A\" and errorCode == \"B\")");
  EXPECT_EQ(k.codes(), Codes{"TB4003"});
  EXPECT_EQ(
      Linted("readOnly == false and (errorCode == \"A\" or not (errorCode == \"A\"))").codes(),
      Codes{"TB4004"});
}

TEST(Lint, PresenceTestsAreNotTautologies) {
  // What a runbook writes on purpose: a value of any kind, or a missing field.
  EXPECT_EQ(Linted("readOnly == false and (errorCode is null or errorCode != \"A\" or "
                   "errorCode == \"A\")")
                .codes(),
            Codes{});
  EXPECT_EQ(Linted("readOnly == false and errorCode != null").codes(), Codes{});
  EXPECT_EQ(Linted("errorCode == \"A\" or errorCode != \"A\"").codes(), Codes{"TB4005"});
}

TEST(Lint, RedundantTermsAreWarningsOnTheLaterCopy) {
  Linted k("eventName == \"PutRolePolicy\" and (errorCode == \"A\" or errorCode == \"A\")");
  ASSERT_EQ(k.codes(), Codes{"TB4006"});
  EXPECT_NE(k.pack, nullptr);  // a warning: the runbook still compiles
  const tb::Diagnostic& d = k.c.diagnostics().diagnostics()[0];
  EXPECT_EQ(d.span.begin, k.c.sources().file(d.span.file).text().rfind("errorCode == \"A\""));
  EXPECT_EQ(Linted("errorCode == \"A\" and errorCode is not missing").codes(), Codes{"TB4006"});
  EXPECT_EQ(Linted("errorCode == \"A\" and errorCode != \"B\"").codes(), Codes{"TB4006"});
  EXPECT_EQ(Linted("errorCode == \"A\" and eventName != \"B\"").codes(), Codes{});
}

TEST(Lint, OpaqueTestsStaySound) {
  // Nothing is known of a regex on an unlisted string, so neither is reported...
  EXPECT_EQ(Linted("errorCode matches \"^A\" and errorCode matches \"^B\"").codes(), Codes{});
  // ...but on a listed value the test is decided exactly.
  EXPECT_EQ(Linted("errorCode == \"Denied\" and errorCode startswith \"Access\"").codes(),
            Codes{"TB4003"});
  EXPECT_EQ(Linted("errorCode contains \"x\" or not (errorCode contains \"x\")").codes(),
            Codes{"TB4004"});
}

TEST(Lint, EmptyListsWrittenInPlaceButNotNamedOnes) {
  EXPECT_EQ(Linted("eventName in []").codes(), Codes{"TB4003"});
  EXPECT_EQ(Linted("eventName not in []").codes(), Codes{"TB4005"});
  // Inside an `and`, the empty list is the culprit, not the whole `and`.
  Linted inside("eventName == \"ConsoleLogin\" and userIdentity.userName in []");
  ASSERT_EQ(inside.codes(), Codes{"TB4003"});
  EXPECT_EQ(inside.text_of(inside.c.diagnostics().diagnostics()[0]), "userIdentity.userName in []");
  // A named list left empty is configuration, filled in later: nothing to report.
  tb::driver::Compilation c;
  c.add_source("rb.tb",
               "runbook r { title \"t\" severity low list allowed = [] "
               "where eventName == \"PutRolePolicy\" and not (userIdentity.arn in allowed) }");
  EXPECT_NE(c.check(), nullptr);
  EXPECT_TRUE(c.diagnostics().diagnostics().empty());
}

TEST(Lint, AHavingThatNoRowPassesMakesTheQueryUnreachable) {
  Linted k("readOnly == false select count() as n having n > 5 and n < 3");
  ASSERT_EQ(k.codes(), Codes{"TB4007"});
  EXPECT_EQ(k.c.diagnostics().diagnostics()[0].message,
            "query 'r' can never return a row: its 'having' is never true of a row");
  EXPECT_EQ(Linted("readOnly == false limit 0").codes(), Codes{"TB4007"});
  EXPECT_EQ(Linted("readOnly == false select count() as n having n > 5").codes(), Codes{});
}

TEST(Lint, TheShippedStandardLibraryIsClean) {
  tb::driver::Compilation c;
  c.add_source("rb.tb",
               "import std.aws\nrunbook r { title \"t\" severity low where readOnly == false }");
  EXPECT_NE(c.check(), nullptr);
}

}  // namespace
