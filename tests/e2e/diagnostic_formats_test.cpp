// `trailbook check --format json|sarif`: machine-readable diagnostics. The SARIF is checked for
// the structure SARIF 2.1.0 requires and that code scanning reads (rules, ruleIndex, levels,
// regions in code points, related locations, fixes).
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/temp_dir.h"

using tb::e2e::run_trailbook;
using tb::e2e::RunResult;
using tb::e2e::TempDir;

namespace {

// Line 4: `é` before the typo makes byte and code-point columns differ by one.
const char* kBad = R"(runbook r {
  title "t"
  severity low
  where userIdentity.userName == "é" and userIdentity.arm == "x"
}
)";

TEST(DiagnosticFormats, SarifHasTheStructureCodeScanningReads) {
  TempDir tmp;
  tmp.file("bad.tb", kBad);
  const RunResult r = run_trailbook("check --format sarif " + tmp.path());
  EXPECT_EQ(r.exit_code, 2);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << r.out;
  EXPECT_EQ(std::string_view(doc["version"]), "2.1.0");
  EXPECT_EQ(std::string_view(doc["$schema"]), "https://json.schemastore.org/sarif-2.1.0.json");
  simdjson::dom::element run = doc["runs"].at(0);
  EXPECT_EQ(std::string_view(run["tool"]["driver"]["name"]), "trailbook");
  EXPECT_EQ(std::string_view(run["columnKind"]), "unicodeCodePoints");
  simdjson::dom::array rules = run["tool"]["driver"]["rules"];
  EXPECT_GE(rules.size(), 50u);
  simdjson::dom::array results = run["results"];
  ASSERT_EQ(results.size(), 1u) << r.out;
  simdjson::dom::element result = results.at(0);
  EXPECT_EQ(std::string_view(result["ruleId"]), "TB2001");
  EXPECT_EQ(std::string_view(result["level"]), "error");
  EXPECT_EQ(std::string_view(result["message"]["text"]), "unknown field 'userIdentity.arm'");
  // ruleIndex points at the rule of the same id.
  const uint64_t index = result["ruleIndex"];
  EXPECT_EQ(std::string_view(rules.at(index)["id"]), "TB2001");
  simdjson::dom::element region = result["locations"].at(0)["physicalLocation"]["region"];
  EXPECT_EQ(int64_t(region["startLine"]), 4);
  EXPECT_EQ(int64_t(region["startColumn"]), 42);  // byte column 43
  EXPECT_EQ(int64_t(region["endColumn"]), 58);
  const std::string_view uri =
      result["locations"].at(0)["physicalLocation"]["artifactLocation"]["uri"];
  EXPECT_EQ(uri, "file://" + tmp.path() + "/bad.tb");
  // The did-you-mean is a related location and a fix.
  EXPECT_NE(std::string_view(result["relatedLocations"].at(0)["message"]["text"])
                .find("userIdentity.arn"),
            std::string_view::npos);
  EXPECT_EQ(std::string_view(result["fixes"].at(0)["artifactChanges"].at(0)["replacements"].at(
                0)["insertedContent"]["text"]),
            "userIdentity.arn");
}

TEST(DiagnosticFormats, JsonListsDiagnosticsWithByteColumnsNotesAndFixits) {
  TempDir tmp;
  const std::string path = tmp.file("bad.tb", kBad);
  const RunResult r = run_trailbook("check --format json " + path);
  EXPECT_EQ(r.exit_code, 2);
  simdjson::dom::parser parser;
  simdjson::dom::element d;
  ASSERT_EQ(parser.parse(r.out)["diagnostics"].at(0).get(d), simdjson::SUCCESS) << r.out;
  EXPECT_EQ(std::string_view(d["code"]), "TB2001");
  EXPECT_EQ(std::string_view(d["severity"]), "error");
  EXPECT_EQ(std::string_view(d["file"]), path);
  EXPECT_EQ(int64_t(d["line"]), 4);
  EXPECT_EQ(int64_t(d["column"]), 43);
  EXPECT_EQ(std::string_view(d["fixits"].at(0)["replacement"]), "userIdentity.arn");
  EXPECT_EQ(r.err.find("error:"), std::string::npos) << "machine formats keep stderr quiet";
}

TEST(DiagnosticFormats, CleanRunbooksGiveNoResults) {
  const RunResult r = run_trailbook("check --format sarif runbooks/");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::array results;
  ASSERT_EQ(parser.parse(r.out)["runs"].at(0)["results"].get(results), simdjson::SUCCESS);
  EXPECT_EQ(results.size(), 0u);
}

}  // namespace
