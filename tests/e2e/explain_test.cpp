// End to end: `trailbook explain` prints the plan of a pack exactly, its LLVM IR before and after
// the JIT's optimisation, and its host assembly; compile errors exit 2.
#include <string>

#include <gtest/gtest.h>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/temp_dir.h"

using tb::e2e::run_trailbook;
using tb::e2e::RunResult;
using tb::e2e::TempDir;

namespace {

// any(), a regex, a CIDR set, and everything that can follow `where`.
const char* kDeletes = R"(runbook bucket_deletes {
  title "Bucket deletes from outside"
  severity medium
  where eventSource == "s3.amazonaws.com" and eventName matches "^Delete"
    and sourceIPAddress not in cidr("10.0.0.0/8", "192.168.0.0/16")
    and any(resources, r => r.type == "AWS::S3::Bucket") and eventTime >= 2026-11-01T00:00:00Z
  select eventName, count() as n, max(eventTime) as last_seen
  group by eventName
  having n >= 2
  order by n desc, eventName
  limit 5
}
)";

TEST(Explain, PlanPrintsQueriesFieldLoadsAndObjects) {
  TempDir tmp;
  const std::string rb = tmp.file("deletes.tb", kDeletes);
  const RunResult r = run_trailbook("explain " + rb);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, R"(runbook bucket_deletes
  query 0 main
    where
      and
        eventSource@0 == "s3.amazonaws.com"
        sourceIPAddress@2 not in cidr#1("10.0.0.0/8", "192.168.0.0/16")
        eventTime@5 >= time#2 2026-11-01T00:00:00Z
        any resources@4
          r.type@4.0 == "AWS::S3::Bucket"
        eventName@1 matches regex#0 "^Delete"
    columns
      0 eventName: key eventName@1
      1 n: aggregate count()
      2 last_seen: aggregate max(eventTime@5)
    group by eventName@1
    having n >= 2
    order by n desc, eventName
    limit 5
fields
  0 eventSource: string
  1 eventName: string
  2 sourceIPAddress: string
  3 resources: array
  4 resources: array, elements: 0 type
  5 eventTime: timestamp
  6 eventID: string
prefilter (a record lacking a query's literals is not parsed)
  query 0: `"s3.amazonaws.com"` & `"AWS::S3::Bucket"`
partition bounds (an S3-layout file outside every query's bounds is not read)
  query 0: eventTime >= 2026-11-01T00:00:00Z
objects
  0 regex "^Delete"
  1 cidr "10.0.0.0/8", "192.168.0.0/16"
  2 time 2026-11-01T00:00:00Z
)");
  // --plan is the default, and the text is stable.
  EXPECT_EQ(run_trailbook("explain --plan " + rb).out, r.out);
}

TEST(Explain, IrDefinesTheKernelAndJitOptChangesIt) {
  TempDir tmp;
  const std::string rb = tmp.file("deletes.tb", kDeletes);
  const RunResult o0 = run_trailbook("explain --ir --jit-opt 0 " + rb);
  const RunResult o2 = run_trailbook("explain --ir --jit-opt 2 " + rb);
  ASSERT_EQ(o0.exit_code, 0) << o0.err;
  ASSERT_EQ(o2.exit_code, 0) << o2.err;
  EXPECT_NE(o0.out.find("define"), std::string::npos);
  EXPECT_NE(o0.out.find("@tb_pack_kernel("), std::string::npos) << o0.out;
  EXPECT_NE(o2.out.find("@tb_pack_kernel("), std::string::npos) << o2.out;
  EXPECT_NE(o0.out, o2.out);
  // Without --jit-opt the IR is shown as lowered, which -O0 leaves alone.
  EXPECT_EQ(run_trailbook("explain --ir " + rb).out, o0.out);
}

TEST(Explain, AsmHasTheKernelLabel) {
  TempDir tmp;
  const std::string rb = tmp.file("deletes.tb", kDeletes);
  const RunResult r = run_trailbook("explain --asm " + rb);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("tb_pack_kernel:"), std::string::npos) << r.out;
}

TEST(Explain, CompileErrorsExit2WithDiagnostics) {
  TempDir tmp;
  const std::string rb = tmp.file("bad.tb", R"(runbook bad {
  title "Bad"
  severity low
  where eventNme == "x"
}
)");
  for (const char* mode : {"--plan", "--ir", "--asm"}) {
    const RunResult r = run_trailbook(std::string("explain ") + mode + " " + rb);
    EXPECT_EQ(r.exit_code, 2) << mode;
    EXPECT_NE(r.err.find("[TB2001]"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "") << mode;
  }
}

TEST(Explain, PlanAndIrAreExclusive) {
  TempDir tmp;
  const std::string rb = tmp.file("deletes.tb", kDeletes);
  EXPECT_EQ(run_trailbook("explain --plan --ir " + rb).exit_code, 2);
}

}  // namespace
