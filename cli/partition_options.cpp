#include "cli/partition_options.h"

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace tb::cli {

namespace {

// An instant, a date or a duration before `now`; nothing (after printing why) for other text.
bool read_time_bound(std::string_view flag, const std::string& text, const semantics::Instant& now,
                     std::optional<semantics::Instant>& out) {
  if (text.empty()) return true;
  out = driver::parse_time_bound(text, now);
  if (out) return true;
  fmt::print(stderr,
             "trailbook: error: {} {}: expected an instant (2026-11-01T00:00:00Z), a date "
             "(2026-11-01) or a duration ago (24h, 7d)\n",
             flag, text);
  return false;
}

}  // namespace

void add_partition_options(CLI::App& command, ScanArgs& args) {
  command
      .add_option("--since", args.since,
                  "Only records with eventTime at or after TIME: 2026-11-01T00:00:00Z, "
                  "2026-11-01 (midnight UTC) or a duration ago (24h, 7d)")
      ->option_text("TIME");
  command
      .add_option("--until", args.until,
                  "Only records with eventTime before TIME (same forms as --since)")
      ->option_text("TIME");
  command.add_flag("!--no-partition-pruning", args.partition_pruning,
                   "Read every file, instead of skipping files of the S3 layout "
                   "(AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/) whose account, region or "
                   "delivery time no query can match");
}

bool set_time_window(driver::Compilation& compilation, const ScanArgs& args) {
  driver::CompileOptions options = compilation.options();
  driver::EventTimeWindow& window = options.window;
  if (!read_time_bound("--since", args.since, options.now, window.since) ||
      !read_time_bound("--until", args.until, options.now, window.until)) {
    return false;
  }
  if (window.since && window.until &&
      semantics::compare(window.since->view(), *window.until) >= 0) {
    fmt::print(stderr, "trailbook: error: --since {} is not before --until {}\n",
               semantics::format_rfc3339(*window.since), semantics::format_rfc3339(*window.until));
    return false;
  }
  compilation.set_options(std::move(options));
  return true;
}

void print_partition_stats(const runtime::ScanPlan& plan, const runtime::ScanSummary& s) {
  if (plan.partition_bounds.empty()) {
    fmt::print(stderr, "trailbook: stats: partition pruning: off (--no-partition-pruning)\n");
    return;
  }
  fmt::print(stderr, "trailbook: stats: partition pruning: {} of {} files pruned; bounds:\n",
             s.files_pruned, s.files + s.files_pruned);
  for (size_t q = 0; q < plan.queries.size(); ++q) {
    const runtime::QueryPlan& query = plan.queries[q];
    fmt::print(stderr, "  {}.{}: {}\n", query.runbook, query.query,
               runtime::describe(plan.partition_bounds[q]));
  }
}

}  // namespace tb::cli
