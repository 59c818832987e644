#include "cli/scan_output.h"

#include "cli/report_runbooks.h"
#include "cli/terminal.h"
#include "runtime/output/csv_writer.h"
#include "runtime/output/finding_writers.h"

namespace tb::cli {

std::string output_format(const ScanArgs& args) {
  if (!args.format.empty()) return args.format;
  return args.output.empty() && is_terminal(stdout) ? "table" : "jsonl";
}

void request_context_fields(driver::Compilation& compilation, const std::string& format) {
  if (format != "markdown") return;
  driver::CompileOptions options = compilation.options();
  options.context_fields = runtime::report_context_fields();
  compilation.set_options(std::move(options));
}

ScanOutput make_scan_output(const std::string& format, const ScanArgs& args,
                            const driver::Compilation& compilation,
                            const driver::CompiledPack& pack, std::FILE* out) {
  ScanOutput output;
  if (format == "markdown") {
    runtime::ReportOptions options;
    options.inputs = args.inputs;
    options.runbooks = report_runbooks(compilation, pack.checked);
    options.max_rows = args.max_rows;
    auto report = std::make_unique<runtime::MarkdownReport>(pack.plan, std::move(options));
    output.report = report.get();
    output.sink = std::move(report);
  } else if (format == "csv") {
    output.sink = runtime::make_csv_writer(pack.plan, out);
  } else {
    output.sink = runtime::make_finding_writer(
        format == "table" ? runtime::OutputFormat::Table : runtime::OutputFormat::JsonLines, out);
  }
  return output;
}

}  // namespace tb::cli
