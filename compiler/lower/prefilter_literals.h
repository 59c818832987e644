#pragma once
// Derives the raw-byte prefilter of a pack (runtime/exec/prefilter.h): per query, literals that
// every record it matches must contain as bytes. Only tests with a single JSON spelling yield a
// literal: `== "v"` and `in [...]` of strings (the quoted value), case-sensitive contains /
// startswith / endswith; negations, numbers, regexes, CIDR, time and case-insensitive tests
// yield none. Values holding `"`, `\` or control characters yield none either (JSON escapes
// them); the runtime parses every record with a `\u` or `\/` escape.
#include "compiler/check/checked.h"
#include "runtime/exec/prefilter.h"

namespace tb::lower {

runtime::PrefilterSpec derive_prefilter(const check::CheckedPack& pack);

}  // namespace tb::lower
