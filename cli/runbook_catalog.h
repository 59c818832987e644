#pragma once
// docs/runbooks.md, generated from the checked runbooks (`trailbook doc runbooks PATHS`): one
// table per folder (investigations, CIS controls, detections) and the coverage of Stratus Red
// Team techniques, from the runbooks' "stratus:<technique>" tags.
#include <string>

#include "compiler/check/checked.h"

namespace tb::cli {

std::string runbook_catalog_markdown(const check::CheckedPack& pack);

}  // namespace tb::cli
