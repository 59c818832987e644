#pragma once
// Writers for findings: JSON lines for pipes and files, an aligned table for terminals.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "runtime/exec/scanner.h"

namespace tb::runtime {

enum class OutputFormat { JsonLines, Table };

std::unique_ptr<FindingSink> make_finding_writer(OutputFormat format, std::FILE* out);

}  // namespace tb::runtime
