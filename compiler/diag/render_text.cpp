#include "compiler/diag/render_text.h"

#include <algorithm>

#include <fmt/format.h>

namespace tb {

namespace {

struct Palette {
  std::string_view bold, red, magenta, cyan, green, reset;
};

Palette palette(bool color) {
  if (!color) return {};
  return {"\x1b[1m", "\x1b[1;31m", "\x1b[1;35m", "\x1b[1;36m", "\x1b[1;32m", "\x1b[0m"};
}

std::string_view severity_color(const Palette& p, Severity s) {
  switch (s) {
    case Severity::Error:
      return p.red;
    case Severity::Warning:
      return p.magenta;
    case Severity::Note:
      return p.cyan;
  }
  return p.red;
}

// "path:line:col: " for a span; the column counts code points, as the caret line does.
std::string location_prefix(const SourceManager& sources, Span span) {
  const SourceFile& file = sources.file(span.file);
  return fmt::format("{}:{}:{}: ", file.path(), file.location(span.begin).line,
                     file.code_point_column(span.begin));
}

// The source line and a caret line under the span (the first line of a multi-line span). The
// caret stands under the span's first character and the underline has a mark per code point, so
// that non-ASCII text before or inside the span does not shift them.
std::string snippet(const SourceManager& sources, Span span, const Palette& p) {
  const SourceFile& file = sources.file(span.file);
  const LineCol lc = file.location(span.begin);
  const std::string_view line = file.line_text(lc.line);
  const size_t start = std::min<size_t>(lc.column - 1, line.size());
  const size_t bytes =
      std::min<size_t>(span.end > span.begin ? span.end - span.begin : 1, line.size() - start);
  const size_t width = std::max<size_t>(1, count_code_points(line.substr(start, bytes)));
  std::string caret_line;
  for (size_t i = 0; i < start; ++i) {
    if (is_utf8_continuation(line[i])) continue;
    caret_line += line[i] == '\t' ? '\t' : ' ';
  }
  const std::string gutter = fmt::format("{:>5} | ", lc.line);
  const std::string blank(gutter.size() - 2, ' ');
  return fmt::format("{}{}\n{}| {}{}^{}{}\n", gutter, line, blank, caret_line, p.green,
                     std::string(width - 1, '~'), p.reset);
}

}  // namespace

std::string render_text(const SourceManager& sources, const Diagnostic& d,
                        const TextRenderOptions& options) {
  const Palette p = palette(options.color);
  std::string out =
      fmt::format("{}{}{}{}:{}{} {} [{}]{}\n", p.bold, location_prefix(sources, d.span),
                  severity_color(p, d.severity), severity_name(d.severity), p.reset, p.bold,
                  d.message, d.code(), p.reset);
  out += snippet(sources, d.span, p);
  for (const DiagNote& note : d.notes) {
    std::string where = note.has_span ? location_prefix(sources, note.span) : std::string();
    out += fmt::format("{}{}{}note:{} {}\n", p.bold, where, p.cyan, p.reset, note.message);
  }
  return out;
}

}  // namespace tb
