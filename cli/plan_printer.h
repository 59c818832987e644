#pragma once
// `trailbook explain --plan`: a checked pack as deterministic text, so that a runbook author can
// see what the compiler made of each query and which fields the kernel loads.
#include <string>

#include "compiler/check/checked.h"
#include "compiler/source/source_file.h"

namespace tb::cli {

// `sources` gives the text of CIDR sets, which the checked pack keeps only in compiled form.
std::string print_plan(const check::CheckedPack& pack, const SourceManager& sources);

}  // namespace tb::cli
