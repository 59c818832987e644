#pragma once
// The scan options about input: size limits and what a problem with the input does to the run.
#include <cstdint>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace tb::cli {

// "64M", "16GiB", "512K", "1000B"; a bare number is MiB. Units are powers of 1024. Nothing when
// the text is not a size.
std::optional<uint64_t> parse_size(const std::string& text);

void add_input_options(CLI::App& command, ScanArgs& args);

}  // namespace tb::cli
