// trailbook: compile CloudTrail audit runbooks and scan logs with them.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/input_options.h"
#include "cli/partition_options.h"
#include "cli/scan_options.h"

namespace {

int run(int argc, char** argv) {
  using namespace tb::cli;
  CLI::App app{"trailbook: a compiler for CloudTrail audit runbooks", "trailbook"};
  app.footer(kExitCodeHelp);
  app.require_subcommand(1);
  app.set_version_flag("--version", "trailbook 0.1.0");

  CheckArgs check;
  auto* check_cmd = app.add_subcommand("check", "Compile runbooks and report diagnostics");
  check_cmd->add_option("runbooks", check.runbooks, "Runbook files or directories (*.tb)")
      ->required();
  check_cmd->add_option("--param", check.params, "Override a runbook parameter: name=value");
  check_cmd
      ->add_option("--format", check.format,
                   "human (stderr, default), json or sarif (SARIF 2.1.0; both on stdout)")
      ->check(CLI::IsMember({"human", "json", "sarif"}));
  check_cmd->add_option("--deny", check.deny,
                        "Report this warning as an error, e.g. --deny TB4008 (untyped "
                        "requestParameters); repeatable");

  ScanArgs scan;
  auto* scan_cmd = app.add_subcommand("scan", "Scan CloudTrail logs with compiled runbooks");
  add_scan_options(*scan_cmd, scan,
                   "Output: table (default on a terminal), jsonl (otherwise) or csv",
                   {"table", "jsonl", "csv"});

  ScanArgs run_args;
  auto* run_cmd = app.add_subcommand(
      "run", "Scan CloudTrail logs and write an investigation report (markdown) of the results");
  add_scan_options(*run_cmd, run_args,
                   "Output: markdown (default: a report to paste into a ticket), table, jsonl or "
                   "csv",
                   {"markdown", "table", "jsonl", "csv"});
  run_cmd->add_option("--max-rows", run_args.max_rows,
                      "Result rows the markdown report shows per query (default 20)");

  add_input_options(*scan_cmd, scan);
  add_input_options(*run_cmd, run_args);
  add_partition_options(*scan_cmd, scan);
  add_partition_options(*run_cmd, run_args);

  TestArgs test;
  auto* test_cmd = app.add_subcommand("test", "Run the tests embedded in runbooks");
  test_cmd->add_option("runbooks", test.runbooks, "Runbook files or directories (*.tb)")
      ->required();
  test_cmd->add_flag("-v,--verbose", test.verbose, "Print a line for every test, passed or not");
  test_cmd->add_flag("--coverage", test.coverage,
                     "List runbooks without tests and queries that no test names");
  test_cmd->add_option("--junit", test.junit, "Also write a JUnit XML report to FILE");
  test_cmd->add_option("--jit-opt", test.jit_opt, "LLVM optimisation level for kernels (0-3)")
      ->check(CLI::Range(0, 3));

  FmtArgs fmt_args;
  auto* fmt_cmd = app.add_subcommand("fmt", "Rewrite runbooks in the canonical layout");
  fmt_cmd->add_option("paths", fmt_args.paths, "Runbook files or directories (*.tb); - for stdin")
      ->required();
  fmt_cmd->add_flag("--check", fmt_args.check,
                    "Rewrite nothing; list files that are not formatted, exit 1 if any");

  DocArgs doc;
  auto* doc_cmd = app.add_subcommand("doc", "Print generated reference documentation");
  doc_cmd->add_option("topic", doc.topic, "What to print: diagnostics, or runbooks (a catalog)")
      ->required()
      ->check(CLI::IsMember({"diagnostics", "runbooks"}));
  doc_cmd->add_option(
      "runbooks", doc.runbooks,
      "For runbooks: files or directories (runbooks/); for diagnostics: a folder of "
      "examples (tests/golden/diagnostics)");

  ExplainArgs explain;
  auto* explain_cmd =
      app.add_subcommand("explain", "Show what runbooks compile to: the plan, LLVM IR or assembly");
  explain_cmd->add_option("runbooks", explain.runbooks, "Runbook files or directories (*.tb)")
      ->required();
  bool plan = false;  // the default; a flag only so that it excludes --ir and --asm
  auto* plan_flag =
      explain_cmd->add_flag("--plan", plan, "Queries, predicates and field loads (default)");
  auto* ir_flag = explain_cmd->add_flag("--ir", explain.ir, "The kernel's LLVM IR");
  auto* asm_flag = explain_cmd->add_flag("--asm", explain.assembly, "The kernel's host assembly")
                       ->excludes(plan_flag)
                       ->excludes(ir_flag);
  plan_flag->excludes(ir_flag);
  auto* sql_flag =
      explain_cmd
          ->add_flag(
              "--sql", explain.sql,
              "Each query's where as a DuckDB condition over the record JSON (bench/compare)")
          ->excludes(plan_flag)
          ->excludes(ir_flag)
          ->excludes(asm_flag);
  explain_cmd
      ->add_flag("--sql-columns", explain.sql_columns,
                 "The same over one JSON column per top-level field (DuckDB read_ndjson)")
      ->excludes(plan_flag)
      ->excludes(ir_flag)
      ->excludes(asm_flag)
      ->excludes(sql_flag);
  explain_cmd->add_option("--jit-opt", explain.jit_opt, "Optimise the IR as the JIT does (0-3)")
      ->check(CLI::Range(0, 3));
  explain_cmd->add_option("--param", explain.params, "Override a runbook parameter: name=value");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (check_cmd->parsed()) return run_check(check);
  if (doc_cmd->parsed()) return run_doc(doc);
  if (explain_cmd->parsed()) return run_explain(explain);
  if (fmt_cmd->parsed()) return run_fmt(fmt_args);
  if (test_cmd->parsed()) return run_test(test);
  if (run_cmd->parsed()) return run_report(run_args);
  return run_scan(scan);
}

}  // namespace

int main(int argc, char** argv) {
  // User mistakes are diagnostics; an exception here is a bug, reported rather than a crash.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "trailbook: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "trailbook: internal error\n");
  }
  return tb::cli::kExitUsage;
}
