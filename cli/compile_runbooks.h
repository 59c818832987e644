#pragma once
// Shared by the verbs that compile runbooks: read them, report diagnostics to stderr.
#include <string>
#include <vector>

#include "compiler/driver/compiler.h"

namespace tb::cli {

// Adds the runbooks found under `paths`. Returns false (after printing why) when a path cannot
// be read or holds no runbook.
bool load_runbooks(driver::Compilation& compilation, const std::vector<std::string>& paths);

// Sets the --param overrides ("name=value") and the --deny warning codes. Returns false (after
// printing why) on an assignment without '=', a name given twice, or a code that is not a
// warning's.
bool set_compile_options(driver::Compilation& compilation, const std::vector<std::string>& params,
                         const std::vector<std::string>& deny = {});

// Prints the --param names that no runbook declares, as errors on stderr.
void print_unknown_params(const driver::Compilation& compilation);

// Prints every diagnostic of the compilation to stderr, then a count line if there are errors,
// and the --param names that no runbook declares.
void print_diagnostics(const driver::Compilation& compilation);

}  // namespace tb::cli
