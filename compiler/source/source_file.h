#pragma once
// Source text of runbook files and the spans that point into them. Positions are byte offsets;
// lines and columns are only computed when a diagnostic is rendered.
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

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }
  std::string_view slice(Span span) const;

  LineCol location(uint32_t offset) const;
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
