#pragma once
// Where scan and run write results, by --format: jsonl, table, csv, or the markdown report.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "compiler/driver/compiler.h"
#include "runtime/exec/scanner.h"
#include "runtime/output/markdown_report.h"

namespace tb::cli {

// The format to write: --format, or by default a table when stdout is a terminal and is where
// the output goes, JSON lines otherwise.
std::string output_format(const ScanArgs& args);

// Asks the compilation for the fields the format needs every match to carry (the report's
// actors, addresses and regions; driver::CompileOptions::context_fields).
void request_context_fields(driver::Compilation& compilation, const std::string& format);

struct ScanOutput {
  std::unique_ptr<runtime::FindingSink> sink;
  runtime::MarkdownReport* report = nullptr;  // the sink, for markdown: written after the scan
};

ScanOutput make_scan_output(const std::string& format, const ScanArgs& args,
                            const driver::Compilation& compilation,
                            const driver::CompiledPack& pack, std::FILE* out);

}  // namespace tb::cli
