#include "cli/scan_options.h"

namespace tb::cli {

void add_scan_options(CLI::App& command, ScanArgs& args, const std::string& format_help,
                      const std::vector<std::string>& formats) {
  command.add_option("runbooks", args.runbooks, "Runbook files or directories (*.tb)")->required();
  command
      .add_option("-i,--input", args.inputs,
                  "CloudTrail files or directories (.json, .json.gz, .jsonl), walked recursively")
      ->required();
  command.add_option("--format", args.format, format_help)->check(CLI::IsMember(formats));
  command.add_option("-o,--output", args.output, "Write findings to FILE instead of stdout");
  command.add_flag("--stats", args.stats,
                   "Print compile times, bytes, records/s, MB/s and peak memory on stderr");
  command.add_flag("--fail-on-findings", args.fail_on_findings, "Exit 1 when anything matched");
  command.add_flag("-q,--quiet", args.quiet, "Print only the summary line on stderr");
  command.add_option("--jit-opt", args.jit_opt, "LLVM optimisation level for kernels (0-3)")
      ->check(CLI::Range(0, 3));
  command.add_option("--param", args.params, "Override a runbook parameter: name=value");
  command.add_flag("!--no-jit-cache", args.jit_cache,
                   "Compile kernels afresh instead of reusing them from "
                   "$XDG_CACHE_HOME/trailbook (or $TRAILBOOK_CACHE_DIR)");
  command.add_flag("--validate", args.validate,
                   "Parse every record whole and report damage anywhere in it (slower); by "
                   "default only what the runbooks read is validated");
  command.add_flag("!--no-prefilter", args.prefilter,
                   "Parse every record, instead of skipping those whose raw bytes lack every "
                   "literal the runbooks require");
  command.add_flag("--prefilter-per-query", args.prefilter_per_query,
                   "When some query requires no literal (so every record is parsed), still skip "
                   "each other query for records lacking its literals; pays only where few "
                   "records hold any");
  command
      .add_option("-j,--threads", args.threads,
                  "Scanning threads (default: one per core); the output is the same for any")
      ->check(CLI::Range(1, 1024));
  command
      .add_option("--engine", args.engine,
                  "jit (compiled kernels, default) or interp (the reference interpreter)")
      ->check(CLI::IsMember({"jit", "interp"}));
  command
      .add_option("--memory-limit", args.memory_limit_mib,
                  "MiB that group by and order by may hold (default 4096)")
      ->check(CLI::Range(1, 1 << 24));
}

}  // namespace tb::cli
