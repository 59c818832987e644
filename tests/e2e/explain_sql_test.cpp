// End to end: `trailbook explain --sql` prints each query's where as a DuckDB condition over the
// record JSON (bench/compare runs them), or why it cannot.
#include <string>

#include <gtest/gtest.h>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/temp_dir.h"

using tb::e2e::run_trailbook;
using tb::e2e::RunResult;
using tb::e2e::TempDir;

namespace {

const char* kPack = R"(runbook root_login {
  title "Root console logins"
  severity high
  where eventName == "ConsoleLogin"

  query not_root {
    where eventName == "ConsoleLogin" and userIdentity.type != "Root"
  }
  query off_network {
    where sourceIPAddress not in cidr("198.51.100.0/24", "2001:db8::/32")
  }
}
)";

TEST(ExplainSql, OneConditionPerQueryOrWhyNot) {
  TempDir tmp;
  const std::string rb = tmp.file("root.tb", kPack);
  const RunResult r = run_trailbook("explain --sql " + rb);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string eq =
      "COALESCE((rec ->> '$.\"eventName\"') = 'ConsoleLogin' AND json_type(rec, "
      "'$.\"eventName\"') = 'VARCHAR', false)";
  EXPECT_NE(r.out.find("-- trailbook explain --sql: 2 of 3 queries"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nroot_login\t" + eq + "\n"), std::string::npos) << r.out;
  // R3: `!=` needs a value (JSON null is none) and the positive form false.
  EXPECT_NE(r.out.find("\nroot_login.not_root\t(" + eq +
                       " AND (COALESCE(json_type(rec, '$.\"userIdentity\".\"type\"') <> 'NULL', "
                       "false) AND NOT COALESCE((rec ->> '$.\"userIdentity\".\"type\"') = 'Root' "
                       "AND json_type(rec, '$.\"userIdentity\".\"type\"') = 'VARCHAR', false)))\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\nroot_login.off_network\t-- not translatable: cidr() with an IPv6 "
                       "prefix"),
            std::string::npos)
      << r.out;
}

TEST(ExplainSql, ExcludesThePlanFlags) {
  TempDir tmp;
  const std::string rb = tmp.file("root.tb", kPack);
  EXPECT_EQ(run_trailbook("explain --sql --ir " + rb).exit_code, 2);
}

}  // namespace
