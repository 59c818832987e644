#pragma once
// Source text of runbook files and the spans that point into them. Positions are byte offsets;
// lines and columns are only computed when a diagnostic is rendered, and what users see counts
// code points (`code_point_column`).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tb {

using FileId = uint32_t;

// A half-open byte range [begin, end) in one source file.
struct Span {
  FileId file = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct LineCol {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in bytes
};

// Whether a byte of UTF-8 text continues a code point rather than starting one.
inline bool is_utf8_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}
// The number of code points in UTF-8 text: its bytes that start one.
uint32_t count_code_points(std::string_view text);

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }
  std::string_view slice(Span span) const;

  LineCol location(uint32_t offset) const;
  // The 1-based column of `offset` in code points, as an editor shows it: after "josé" it is 5,
  // not 6. Bytes past the end of the line's text (a line break) do not count.
  uint32_t code_point_column(uint32_t offset) const;
  // The text of a 1-based line, without its line break.
  std::string_view line_text(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

// Owns every file of a compilation; FileIds index into it.
class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return *files_.at(id); }
  size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace tb
