#pragma once
// Compile options for tests that pin evaluation on generated or edge-case conditions, which may
// contradict themselves on purpose: the semantic lint would refuse them.
#include "compiler/driver/compiler.h"

namespace tb::testing {

inline driver::CompileOptions unlinted(driver::CompileOptions options = {}) {
  options.lint = false;
  return options;
}

}  // namespace tb::testing
