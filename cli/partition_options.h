#pragma once
// The scan options about time and partitions: --since, --until and --no-partition-pruning, and
// what --stats says of them.
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "compiler/driver/compiler.h"
#include "runtime/exec/scanner.h"

namespace tb::cli {

void add_partition_options(CLI::App& command, ScanArgs& args);

// Reads --since/--until against the compilation's now() and adds the window to its options.
// Returns false, after printing why, when a bound cannot be read or the window is empty.
bool set_time_window(driver::Compilation& compilation, const ScanArgs& args);

// --stats: how many files partition pruning skipped, and each query's bounds.
void print_partition_stats(const runtime::ScanPlan& plan, const runtime::ScanSummary& s);

}  // namespace tb::cli
