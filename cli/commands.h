#pragma once
// One function per verb; main.cpp only wires them to the command line.
#include <string>
#include <vector>

namespace tb::cli {

struct CheckArgs {
  std::vector<std::string> runbooks;
  std::vector<std::string> params;  // --param name=value
  std::string format = "human";     // human (stderr), json or sarif (stdout)
  std::vector<std::string> deny;    // --deny CODE: that warning is an error
};
int run_check(const CheckArgs& args);

struct ScanArgs {
  std::vector<std::string> runbooks;
  std::vector<std::string> inputs;
  // "", "jsonl", "table", "csv" or "markdown" (run); "" picks by whether stdout is a terminal
  std::string format;
  std::string output;  // --output FILE; empty: stdout
  bool fail_on_findings = false;
  bool quiet = false;
  unsigned jit_opt = 2;
  std::vector<std::string> params;   // --param name=value
  std::string engine = "jit";        // "jit" or "interp" (the reference interpreter)
  size_t memory_limit_mib = 4096;    // for group tables and rows kept for order by
  unsigned threads = 0;              // -j; 0: one per core
  bool jit_cache = true;             // keep compiled kernels on disk (--no-jit-cache: off)
  bool stats = false;                // --stats: compile times, throughput, peak memory
  bool prefilter = true;             // skip records from their raw bytes (--no-prefilter: off)
  bool prefilter_per_query = false;  // --prefilter-per-query: skip queries too (scan_plan.h)
  bool validate = false;             // --validate: parse every record whole, report any damage
  // Input limits and what an input problem does (cli/input_options.h).
  std::string max_decompressed_size = "16G";  // gzip/zstd bomb guard
  std::string max_record_size = "16M";        // longer records are skipped unparsed
  bool strict = false;                        // stop at the first input problem
  bool allow_partial = false;                 // exit 0 when input was skipped
  size_t max_rows = 20;                       // run --format markdown: result rows shown per query
  // Time window and partition pruning (cli/partition_options.h).
  std::string since, until;       // an instant, a date or a duration ago; empty: no bound
  bool partition_pruning = true;  // skip S3-layout files no query can match
};
int run_scan(const ScanArgs& args);
// trailbook run: a scan whose output is by default a markdown investigation report.
int run_report(const ScanArgs& args);

struct TestArgs {
  std::vector<std::string> runbooks;
  bool verbose = false;   // a line for every test, not only the failures
  bool coverage = false;  // list runbooks without tests and queries no test names
  std::string junit;      // write a JUnit XML report here
  unsigned jit_opt = 2;
};
int run_test(const TestArgs& args);

struct FmtArgs {
  std::vector<std::string> paths;  // files, directories (*.tb), or "-": stdin to stdout
  bool check = false;              // rewrite nothing; list the files that would change
};
int run_fmt(const FmtArgs& args);

struct DocArgs {
  std::string topic;                  // "diagnostics" or "runbooks"
  std::vector<std::string> runbooks;  // for "runbooks": files or directories (default runbooks/)
};
int run_doc(const DocArgs& args);

struct ExplainArgs {
  std::vector<std::string> runbooks;
  bool ir = false;                  // --ir: the lowered LLVM IR instead of the plan
  bool assembly = false;            // --asm: the host assembly of the optimised kernel
  bool sql = false;                 // --sql: each query's where as a DuckDB condition
  bool sql_columns = false;         // --sql-columns: the same over top-level JSON columns
  int jit_opt = -1;                 // -1: --ir as lowered, --asm at the JIT's default (2)
  std::vector<std::string> params;  // --param name=value
};
int run_explain(const ExplainArgs& args);

}  // namespace tb::cli
