#pragma once
// What trailbook run's report says about each runbook: its metadata from the checked pack, and
// for each query the question it answers, from the comment written above it.
#include <string>
#include <vector>

#include "compiler/driver/compiler.h"
#include "runtime/output/markdown_report.h"

namespace tb::cli {

std::vector<runtime::ReportRunbook> report_runbooks(const driver::Compilation& compilation,
                                                    const check::CheckedPack& pack);

// Triple-quoted text without its common indentation and surrounding blank lines, so that
// markdown does not take an indented description for a code block.
std::string dedent(const std::string& text);

}  // namespace tb::cli
