// End to end: `trailbook test` runs the tests embedded in runbooks and reports each failure with
// its file, line and why; exit 0 when all pass, 1 when one fails, 2 when a runbook does not
// compile.
#include <string>

#include <gtest/gtest.h>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/temp_dir.h"

using tb::e2e::run_trailbook;
using tb::e2e::RunResult;
using tb::e2e::TempDir;

namespace {

const char* kLogins = R"(
runbook failed_logins {
  title "failed logins"
  severity low
  param threshold: int = 2
  param window: duration = 1h
  where eventName == "ConsoleLogin" and errorMessage == "Failed authentication"
    and eventTime >= now() - window
  select sourceIPAddress as ip, count() as attempts
  group by sourceIPAddress
  having attempts >= threshold
  order by attempts desc

  test "two failures from one address" {
    now 2026-11-01T12:00:00Z
    record {"eventName": "ConsoleLogin", "errorMessage": "Failed authentication",
            "sourceIPAddress": "198.51.100.7", "eventTime": "2026-11-01T11:30:00Z"}
    record {"eventName": "ConsoleLogin", "errorMessage": "Failed authentication",
            "sourceIPAddress": "198.51.100.7", "eventTime": "2026-11-01T11:40:00Z"}
    record {"eventName": "ConsoleLogin", "errorMessage": "Failed authentication",
            "sourceIPAddress": "203.0.113.9", "eventTime": "2026-11-01T11:50:00Z"}
    expect rows [{"ip": "198.51.100.7", "attempts": 2}]
  }
  test "old failures are outside the window" {
    now 2026-11-02T12:00:00Z
    record {"eventName": "ConsoleLogin", "errorMessage": "Failed authentication",
            "sourceIPAddress": "198.51.100.7", "eventTime": "2026-11-01T11:30:00Z"}
    expect no match
    expect rows []
  }
  test "a wider window and a lower threshold" {
    now 2026-11-02T12:00:00Z
    param window = 2d
    param threshold = 1
    record {"eventName": "ConsoleLogin", "errorMessage": "Failed authentication",
            "sourceIPAddress": "198.51.100.7", "eventTime": "2026-11-01T11:30:00Z"}
    expect match
    expect rows [{"ip": "198.51.100.7", "attempts": 1}]
  }
}
)";

TEST(TestVerb, PassingTestsExitZeroWithTheTotals) {
  TempDir tmp;
  const std::string rb = tmp.file("logins.tb", kLogins);
  const RunResult r = run_trailbook("test " + rb);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "3 passed, 0 failed\n") << r.err;
  const RunResult verbose = run_trailbook("test -v " + tmp.path());
  EXPECT_EQ(verbose.exit_code, 0);
  EXPECT_NE(verbose.out.find("ok   " + rb + ":14: failed_logins: two failures from one address"),
            std::string::npos)
      << verbose.out;
}

TEST(TestVerb, AFailedExpectationNamesItsLineAndWhatHappened) {
  TempDir tmp;
  const std::string rb = tmp.file("root.tb", R"(runbook root_use {
  title "root use"
  severity low
  where userIdentity.type == "Root"
  select eventName
  test "root signs in" {
    record {"userIdentity": {"type": "Root"}, "eventName": "ConsoleLogin"}
    expect match
    expect rows [{"eventName": "GetUser"}]
  }
  test "an IAM user" {
    record {"userIdentity": {"type": "IAMUser"}}
    record {"userIdentity": {"type": "Root"}}
    expect no match
  }
  test "unknown column" {
    record {"userIdentity": {"type": "Root"}}
    expect rows [{"event": "x"}]
  }
}
)");
  const RunResult r = run_trailbook("test " + rb);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL " + rb +
                       ":6: root_use: root signs in\n"
                       "  line 9: query 'main' gave other rows\n"
                       "    expected: [{\"eventName\": \"GetUser\"}]\n"
                       "    actual:   [{\"eventName\": \"ConsoleLogin\"}]\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("FAIL " + rb +
                       ":11: root_use: an IAM user\n"
                       "  line 14: expected query 'main' not to match; record 2 did\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("has a column 'event' that the query does not output (its columns: "
                       "eventName)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("0 passed, 3 failed\n"), std::string::npos) << r.out;
}

TEST(TestVerb, ARunbookThatDoesNotCompileIsAUsageErrorAndOtherFilesStillRun) {
  TempDir tmp;
  tmp.file("good.tb", kLogins);
  tmp.file("bad.tb", "runbook bad {\n  where eventNme == \"x\"\n}\n");
  const RunResult r = run_trailbook("test " + tmp.path());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("eventNme"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("bad.tb: does not compile"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3 passed, 0 failed"), std::string::npos) << r.out;
}

TEST(TestVerb, ATestRecordThatIsNotJsonIsACompileErrorAtItsByte) {
  TempDir tmp;
  const std::string rb = tmp.file("broken.tb", R"(runbook broken {
  title "broken"
  severity low
  where eventName == "x"
  test "typo" {
    record {"eventName": tru}
    expect match
  }
}
)");
  const RunResult r = run_trailbook("test " + rb);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find(rb + ":6:26: error"), std::string::npos) << r.err;
}

// Constructs that once failed in real runbooks: list<T> params, keyword aliases, `expect main`,
// comments inside a test's JSON, null tests in having.
TEST(TestVerb, ListParamsKeywordAliasesCommentsAndNullTestsInHaving) {
  TempDir tmp;
  const std::string rb = tmp.file("nets.tb", R"(param nets: list<cidr> = ["10.0.0.0/8"]
runbook internal {
  title "Calls from internal networks"
  severity low
  where sourceIPAddress in cidr(nets)
  select sourceIPAddress as group, count() as n, max(errorCode) as last_error
  group by sourceIPAddress
  having last_error is missing and exists n
  test "internal" {
    record {"sourceIPAddress": "10.1.2.3", # where the call came from
            "eventName": "GetUser"}
    record {"sourceIPAddress": "10.9.9.9", "errorCode": "AccessDenied"}
    record {"sourceIPAddress": "172.16.0.1"}
    expect main rows [{"group": "10.1.2.3", "n": 1}]
  }
  test "a wider list" {
    param nets = ["10.0.0.0/8", "172.16.0.0/12"]
    record {"sourceIPAddress": "172.16.0.1"}
    expect rows [{"group": "172.16.0.1", "n": 1}]
  }
}
)");
  RunResult r = run_trailbook("test " + rb);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "2 passed, 0 failed\n") << r.err;
  // A CloudTrail record has eventName (a file of bare {"sourceIPAddress":...} is not a log).
  const std::string input =
      tmp.file("log.jsonl", "{\"eventName\":\"GetUser\",\"sourceIPAddress\":\"192.168.1.1\"}\n");
  r = run_trailbook("scan " + rb + " -i " + input +
                    " --format jsonl --param nets=172.16.0.0/12,192.168.0.0/16");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"row\":{\"group\":\"192.168.1.1\",\"n\":1}"), std::string::npos) << r.out;
  r = run_trailbook("scan " + rb + " -i " + input + " --param nets=10.0.0.0/8,bogus");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bogus is not an IP address"), std::string::npos) << r.err;
}

TEST(TestVerb, FilesWithoutTestsAreCounted) {
  TempDir tmp;
  const std::string rb =
      tmp.file("plain.tb",
               "runbook plain {\n  title \"t\"\n  severity low\n  where eventName == \"x\"\n}\n");
  const RunResult r = run_trailbook("test " + rb);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "0 passed, 0 failed (1 runbook in files without tests)\n");
}

}  // namespace
