#include <sys/resource.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/compile_runbooks.h"
#include "cli/exit_codes.h"
#include "cli/input_options.h"
#include "cli/partition_options.h"
#include "cli/progress_meter.h"
#include "cli/scan_output.h"
#include "cli/terminal.h"
#include "compiler/interp/interp_evaluator.h"
#include "compiler/jit/object_cache.h"
#include "runtime/exec/scanner.h"

namespace tb::cli {

namespace {

// Input problems go to stderr as they happen, each with its file and record. After many, the
// rest are only counted (the summary has the totals), so a broken corpus cannot flood a terminal.
class StderrProblems final : public runtime::ProblemSink {
 public:
  explicit StderrProblems(ProgressMeter* meter) : meter_(meter) {}

  void problem(const runtime::ScanProblem& p) override {
    if (meter_ == nullptr) {
      print(p);
    } else {
      meter_->print_above([&] { print(p); });
    }
  }

 private:
  void print(const runtime::ScanProblem& p) {
    if (++count_ > kMaxShown) {
      if (count_ == kMaxShown + 1) {
        fmt::print(stderr, "trailbook: warning: more input problems; see the summary\n");
      }
      return;
    }
    if (p.has_record) {
      fmt::print(stderr, "trailbook: warning: {}: record {} (line {}): {}; skipped\n", p.file,
                 p.record_index, p.line, p.message);
    } else {
      fmt::print(stderr, "trailbook: warning: {}: {}\n", p.file, p.message);
    }
  }

 private:
  static constexpr size_t kMaxShown = 100;
  ProgressMeter* meter_;
  size_t count_ = 0;
};

// Where the time and memory went: compile stages, then the scan itself.
void print_stats(const driver::CompileTimes& t, const runtime::ScanSummary& s, bool prefilter_on) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double seconds = s.seconds > 0 ? s.seconds : 1e-9;
  fmt::print(stderr,
             "trailbook: stats: compile: parse {:.1f} ms, check {:.1f} ms, lower {:.1f} ms, "
             "jit {:.1f} ms ({})\n",
             t.parse * 1e3, t.check * 1e3, t.lower * 1e3, t.jit * 1e3,
             t.from_cache ? "kernel from the cache" : "compiled");
  fmt::print(stderr,
             "trailbook: stats: scan: {} bytes, {} records in {:.3f} s: {:.1f} MB/s, {:.0f} "
             "records/s; peak RSS {:.1f} MB\n",
             s.bytes, s.records_read, s.seconds, s.bytes / seconds / 1e6, s.records_read / seconds,
             usage.ru_maxrss / 1024.0);
  fmt::print(stderr, "trailbook: stats: prefilter: {} of {} records ({:.1f}%) skipped unparsed{}\n",
             s.records_prefiltered, s.records_read,
             s.records_read > 0 ? 100.0 * s.records_prefiltered / s.records_read : 0.0,
             prefilter_on ? "" : " (off: some query requires no literal, or --no-prefilter)");
}

std::string human_bytes(uint64_t n) {
  if (n >= 10'000'000) return fmt::format("{:.0f} MB", n / 1e6);
  if (n >= 1'000'000) return fmt::format("{:.1f} MB", n / 1e6);
  return fmt::format("{:.1f} kB", n / 1e3);
}

void print_summary(const runtime::ScanSummary& s, const runtime::ScanPlan& plan, bool quiet) {
  if (!quiet) {
    for (size_t q = 0; q < plan.queries.size(); ++q) {
      const auto& query = plan.queries[q];
      const std::string name =
          query.query == "main" ? query.runbook : query.runbook + "." + query.query;
      const std::string rows = query.shape ? fmt::format(" -> {} row{}", s.rows_per_query[q],
                                                         s.rows_per_query[q] == 1 ? "" : "s")
                                           : "";
      fmt::print(stderr, "  {:<40} {:>8} match{}{}\n", name, s.matches_per_query[q],
                 s.matches_per_query[q] == 1 ? "" : "es", rows);
    }
  }
  fmt::print(
      stderr,
      "trailbook: {} file{} ({}), {} records in {:.2f} s: {} matched, {} not matched, "
      "{} skipped{}{}{}\n",
      s.files, s.files == 1 ? "" : "s", human_bytes(s.bytes), s.records_read, s.seconds,
      s.records_matched, s.records_unmatched, s.records_skipped,
      s.files_with_problems > 0 ? fmt::format("; {} file{} with problems", s.files_with_problems,
                                              s.files_with_problems == 1 ? "" : "s")
                                : "",
      s.digest_files_skipped > 0 ? fmt::format("; {} digest file{} ignored", s.digest_files_skipped,
                                               s.digest_files_skipped == 1 ? "" : "s")
                                 : "",
      s.files_pruned > 0 ? fmt::format("; {} file{} pruned by partition", s.files_pruned,
                                       s.files_pruned == 1 ? "" : "s")
                         : "");
  for (const std::string& failure : s.query_failures) {
    fmt::print(stderr, "trailbook: error: {}\n", failure);
  }
  if (s.incomplete()) {
    fmt::print(stderr, "trailbook: the result is incomplete: {}\n",
               !s.query_failures.empty() ? "a query could not finish"
               : s.stopped               ? "stopped at the first input problem (--strict)"
                                         : "some input could not be read");
  }
}

}  // namespace

int run_scan(const ScanArgs& args) {
  const std::string format = output_format(args);
  driver::Compilation compilation;
  if (!set_compile_options(compilation, args.params)) return kExitUsage;
  if (!set_time_window(compilation, args)) return kExitUsage;
  request_context_fields(compilation, format);
  if (!load_runbooks(compilation, args.runbooks)) return kExitUsage;
  std::string jit_error;
  const std::string cache = args.jit_cache ? jit::ObjectCache::default_dir() : std::string();
  auto pack = compilation.compile(jit::JitOptions{args.jit_opt, cache}, jit_error);
  print_diagnostics(compilation);
  if (!pack) {
    if (!jit_error.empty()) fmt::print(stderr, "trailbook: error: JIT: {}\n", jit_error);
    return kExitUsage;
  }
  if (!args.prefilter) pack->plan.prefilter.reset();
  pack->plan.prefilter_per_query = args.prefilter_per_query;
  if (!args.partition_pruning) pack->plan.partition_bounds.clear();
  pack->plan.validate = args.validate;
  if (args.engine == "interp") {
    const check::CheckedPack* checked = &pack->checked;
    pack->plan.make_evaluator = [checked] { return interp::make_interp_evaluator(*checked); };
  }

  // --output: findings go to a file (JSON lines unless --format says otherwise), written in full
  // before the summary says the scan is done.
  std::FILE* out = stdout;
  if (!args.output.empty()) {
    out = std::fopen(args.output.c_str(), "wb");
    if (out == nullptr) {
      fmt::print(stderr, "trailbook: error: cannot write {}: {}\n", args.output,
                 std::strerror(errno));
      return kExitUsage;
    }
  }
  ScanOutput output = make_scan_output(format, args, compilation, *pack, out);
  // Progress on stderr while the scan runs, when a person is watching it.
  runtime::ScanProgress progress;
  std::optional<ProgressMeter> meter;
  runtime::ScanOptions options;
  if (!args.quiet && is_terminal(stderr)) {
    options.progress = &progress;
    meter.emplace(progress, stderr);
  }
  StderrProblems problems(meter ? &*meter : nullptr);
  options.memory_limit = args.memory_limit_mib << 20;
  options.threads = args.threads;
  options.load.max_decompressed_bytes = *parse_size(args.max_decompressed_size);  // validated
  options.max_record_bytes = *parse_size(args.max_record_size);
  options.strict = args.strict;
  const runtime::ScanSummary summary =
      runtime::scan(pack->plan, args.inputs, *output.sink, problems, options);
  if (meter) meter->stop();
  if (output.report != nullptr) output.report->write(out, summary);
  if (out != stdout && std::fclose(out) != 0) {
    fmt::print(stderr, "trailbook: error: writing {} failed: {}\n", args.output,
               std::strerror(errno));
    return kExitUsage;
  }
  // The report has the counts per query; stderr keeps only the summary line.
  print_summary(summary, pack->plan, args.quiet || format == "markdown");
  if (args.stats) {
    print_stats(pack->times, summary,
                pack->plan.prefilter != nullptr &&
                    (pack->plan.prefilter->spec().skips_records() || args.prefilter_per_query));
    print_partition_stats(pack->plan, summary);
  }

  // --allow-partial accepts skipped input, not a query that could not finish.
  if (summary.incomplete() && !(args.allow_partial && summary.query_failures.empty())) {
    return kExitIncomplete;
  }
  if (args.fail_on_findings && summary.findings > 0) return kExitFindings;
  return kExitOk;
}

}  // namespace tb::cli
