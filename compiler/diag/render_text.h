#pragma once
// Renders diagnostics for a terminal: location, message, the source line and a caret under the
// span.
#include <string>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_file.h"

namespace tb {

struct TextRenderOptions {
  bool color = false;
};

std::string render_text(const SourceManager& sources, const Diagnostic& d,
                        const TextRenderOptions& options = {});

}  // namespace tb
