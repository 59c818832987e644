#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::runtime {

enum class InputFormat {
  Empty,               // nothing but whitespace (and maybe a BOM)
  CloudTrailDelivery,  // {"Records": [ {...}, ... ]}, as CloudTrail writes to S3
  JsonArray,           // [ {...}, ... ]
  JsonLines,           // one record per line; also anything that is neither of the above
};

// "empty", "CloudTrail delivery file", "JSON array", "JSON lines".
std::string_view input_format_name(InputFormat format);

struct RawRecord {
  std::string_view bytes;  // the record's JSON text, pointing into the input
  uint64_t index =
      0;              // 0-based ordinal of the record in the file (jq's .Records[i], or line order)
  uint64_t line = 0;  // 1-based line where the record starts
  uint64_t offset = 0;   // byte offset where the record starts
  bool cut_off = false;  // the input ended inside this record (truncated file): skip it and say so
};

// Splits one file's bytes into raw records without parsing them: only string boundaries and
// bracket depth are tracked, so a later stage can parse each record in place (and reject any
// that is not a JSON object, with a message). Nothing is dropped silently: every byte that is not
// structure ends up in some record, or in document_problem().
//
// The format is detected from the content, whatever the file is called. Concatenated documents
// ({"Records":[...]}{"Records":[...]} or [...][...], e.g. from `cat`) are read as one stream.
class RecordReader {
 public:
  explicit RecordReader(std::string_view bytes);  // bytes must outlive the reader

  // Reads `bytes` as JSON lines, whatever they hold, numbering records from `first_index`, lines
  // from `first_line` and offsets from `base_offset`: one chunk of a file read in chunks.
  static RecordReader lines(std::string_view bytes, uint64_t first_index, uint64_t first_line,
                            uint64_t base_offset);
  // Where the next record and line would be numbered (after a chunk: where the next starts).
  uint64_t next_index() const { return next_index_; }
  uint64_t next_line() const { return line_; }

  InputFormat format() const { return format_; }

  // Fills `out` with the next record; false at the end (or at a document problem).
  bool next(RawRecord& out);

  // After next() returned false: a problem with the document itself rather than with one record,
  // e.g. "the Records array is not closed (file truncated?)". Record numbers in messages are
  // RawRecord::index values.
  const std::optional<std::string>& document_problem() const { return problem_; }

 private:
  enum class State { kDone, kLines, kFirstElement, kElement, kAfterElement, kAfterArray };

  bool next_line(RawRecord& out);
  bool next_element(RawRecord& out);
  bool open_next_document();
  bool open_delivery_document(size_t brace);
  void emit(RawRecord& out, size_t begin, size_t end, bool cut_off);
  uint64_t line_of(size_t offset);
  bool fail(std::string message);
  std::string not_closed() const;

  RecordReader(std::string_view bytes, uint64_t first_index, uint64_t first_line,
               uint64_t base_offset);

  const char* begin_;
  size_t size_;
  uint64_t base_offset_ = 0;
  size_t pos_ = 0;
  InputFormat format_ = InputFormat::Empty;
  State state_ = State::kDone;
  uint64_t next_index_ = 0;
  size_t lines_counted_to_ = 0;  // line_of() has counted the newlines before this offset
  uint64_t line_ = 1;            // the line at lines_counted_to_ (or at pos_, for JSON lines)
  std::optional<std::string> problem_;
};

}  // namespace tb::runtime
