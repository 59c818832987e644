#pragma once
// docs/diagnostics.md is generated from diagnostics.def, so the two cannot drift apart.
#include <string>

namespace tb {

std::string diagnostics_markdown();

}  // namespace tb
