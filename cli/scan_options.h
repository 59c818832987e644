#pragma once
// The options that scan and run share; only the choices of --format differ.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace tb::cli {

void add_scan_options(CLI::App& command, ScanArgs& args, const std::string& format_help,
                      const std::vector<std::string>& formats);

}  // namespace tb::cli
