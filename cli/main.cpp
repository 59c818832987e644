// trailbook: compile CloudTrail audit runbooks and scan logs with them.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/input_options.h"

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
  scan_cmd->add_option("runbooks", scan.runbooks, "Runbook files or directories (*.tb)")
      ->required();
  scan_cmd
      ->add_option("-i,--input", scan.inputs,
                   "CloudTrail files or directories (.json, .json.gz, .jsonl), walked recursively")
      ->required();
  scan_cmd->add_option("--format", scan.format, "Output: table (default on a terminal) or jsonl")
      ->check(CLI::IsMember({"table", "jsonl"}));
  scan_cmd->add_option("-o,--output", scan.output, "Write findings to FILE instead of stdout");
  scan_cmd->add_flag("--stats", scan.stats,
                     "Print compile times, bytes, records/s, MB/s and peak memory on stderr");
  scan_cmd->add_flag("--fail-on-findings", scan.fail_on_findings, "Exit 1 when anything matched");
  scan_cmd->add_flag("-q,--quiet", scan.quiet, "Print only the summary line on stderr");
  scan_cmd->add_option("--jit-opt", scan.jit_opt, "LLVM optimisation level for kernels (0-3)")
      ->check(CLI::Range(0, 3));
  scan_cmd->add_option("--param", scan.params, "Override a runbook parameter: name=value");
  scan_cmd->add_flag("!--no-jit-cache", scan.jit_cache,
                     "Compile kernels afresh instead of reusing them from "
                     "$XDG_CACHE_HOME/trailbook (or $TRAILBOOK_CACHE_DIR)");
  scan_cmd->add_flag("--validate", scan.validate,
                     "Parse every record whole and report damage anywhere in it (slower); by "
                     "default only what the runbooks read is validated");
  scan_cmd->add_flag("!--no-prefilter", scan.prefilter,
                     "Parse every record, instead of skipping those whose raw bytes lack every "
                     "literal the runbooks require");
  scan_cmd
      ->add_option("-j,--threads", scan.threads,
                   "Scanning threads (default: one per core); the output is the same for any")
      ->check(CLI::Range(1, 1024));
  scan_cmd
      ->add_option("--engine", scan.engine,
                   "jit (compiled kernels, default) or interp (the reference interpreter)")
      ->check(CLI::IsMember({"jit", "interp"}));
  scan_cmd
      ->add_option("--memory-limit", scan.memory_limit_mib,
                   "MiB that group by and order by may hold (default 4096)")
      ->check(CLI::Range(1, 1 << 24));

  add_input_options(*scan_cmd, scan);

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
