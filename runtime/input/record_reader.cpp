#include "runtime/input/record_reader.h"

#include <array>
#include <cstring>
#include <utility>

namespace tb::runtime {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kRecordsKey = "\"Records\"";

bool is_ws(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

const char* skip_ws(const char* p, const char* end) {
  while (p < end && is_ws(*p)) ++p;
  return p;
}

const char* trim_end(const char* begin, const char* end) {
  while (end > begin && is_ws(end[-1])) --end;
  return end;
}

// `p` is at an opening quote. Returns the byte after the closing quote, or null if the input ends
// first. memchr does the skipping; a quote counts as escaped when an odd run of backslashes
// precedes it.
const char* skip_string(const char* p, const char* end) {
  const char* content = p + 1;
  for (const char* q = content; q < end; ++q) {
    q = static_cast<const char*>(std::memchr(q, '"', static_cast<size_t>(end - q)));
    if (q == nullptr) return nullptr;
    const char* run = q;
    while (run > content && run[-1] == '\\') --run;
    if (((q - run) & 1) == 0) return q + 1;
  }
  return nullptr;
}

enum ByteClass : unsigned char { kPlain, kQuote, kOpen, kClose };

constexpr std::array<unsigned char, 256> kByteClass = [] {
  std::array<unsigned char, 256> table{};
  table['"'] = kQuote;
  table['{'] = table['['] = kOpen;
  table['}'] = table[']'] = kClose;
  return table;
}();

// Scans from `p`, `depth` levels deep, to the byte after the bracket that brings the depth back to
// zero; null if the input ends first. Bracket kinds are not matched against each other: a
// mismatch only makes a malformed record, which the parser rejects.
const char* skip_to_depth_zero(const char* p, const char* end, uint64_t depth) {
  while (p < end) {
    switch (kByteClass[static_cast<unsigned char>(*p)]) {
      case kPlain:
        ++p;
        break;
      case kQuote:
        p = skip_string(p, end);
        if (p == nullptr) return nullptr;
        break;
      case kOpen:
        ++depth;
        ++p;
        break;
      default:  // kClose
        ++p;
        if (--depth == 0) return p;
        break;
    }
  }
  return nullptr;
}

// A number or literal (or junk) ends where a delimiter or whitespace starts.
const char* skip_scalar(const char* p, const char* end) {
  while (p < end && !is_ws(*p) && *p != ',' && *p != ']' && *p != '}' &&
         kByteClass[static_cast<unsigned char>(*p)] == kPlain) {
    ++p;
  }
  return p;
}

// Whether a JSON-lines record that runs to the end of the input stops mid-value.
bool ends_inside_value(const char* p, const char* end) {
  if (*p == '{' || *p == '[') return skip_to_depth_zero(p, end, 0) == nullptr;
  if (*p == '"') return skip_string(p, end) == nullptr;
  return false;
}

// Counts '\n' eight bytes at a time: a byte of x is zero exactly where the input has '\n'.
uint64_t count_newlines(const char* p, const char* end) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7full;
  uint64_t count = 0;
  while (end - p >= 8) {
    // Per-byte tallies stay below 256 as long as at most 31 words go into one sum.
    uint64_t tallies = 0;
    for (int i = 0; i < 31 && end - p >= 8; ++i, p += 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      const uint64_t x = word ^ (kOnes * '\n');
      const uint64_t nonzero = ((x & kLow7) + kLow7) | x;  // high bit set where the byte != 0
      tallies += (~nonzero >> 7) & kOnes;
    }
    count += (tallies * kOnes) >> 56;
  }
  for (; p < end; ++p) count += *p == '\n';
  return count;
}

std::string at_byte(size_t offset) {
  return " at byte " + std::to_string(offset);
}

}  // namespace

std::string_view input_format_name(InputFormat format) {
  switch (format) {
    case InputFormat::Empty:
      return "empty";
    case InputFormat::CloudTrailDelivery:
      return "CloudTrail delivery file";
    case InputFormat::JsonArray:
      return "JSON array";
    case InputFormat::JsonLines:
      return "JSON lines";
  }
  return "unknown";
}

RecordReader::RecordReader(std::string_view bytes) : begin_(bytes.data()), size_(bytes.size()) {
  const size_t start = bytes.starts_with(kBom) ? kBom.size() : 0;
  const char* end = begin_ + size_;
  const char* first = skip_ws(begin_ + start, end);
  if (first == end) return;  // Empty
  const size_t at = static_cast<size_t>(first - begin_);
  if (*first == '[') {
    format_ = InputFormat::JsonArray;
    pos_ = at + 1;
    state_ = State::kFirstElement;
  } else if (*first == '{' && (open_delivery_document(at) || problem_)) {
    // A problem here means "Records" came first but no array followed: still a delivery file.
    format_ = InputFormat::CloudTrailDelivery;
  } else {
    // Anything else is taken line by line, so the parser can say what is wrong with each line.
    format_ = InputFormat::JsonLines;
    pos_ = start;
    state_ = State::kLines;
  }
}

RecordReader::RecordReader(std::string_view bytes, uint64_t first_index, uint64_t first_line,
                           uint64_t base_offset)
    : begin_(bytes.data()),
      size_(bytes.size()),
      base_offset_(base_offset),
      format_(InputFormat::JsonLines),
      state_(State::kLines),
      next_index_(first_index),
      line_(first_line) {
  // The first chunk of a file skips a byte order mark, as reading the file whole does.
  if (base_offset == 0 && bytes.starts_with(kBom)) pos_ = kBom.size();
}

RecordReader RecordReader::lines(std::string_view bytes, uint64_t first_index, uint64_t first_line,
                                 uint64_t base_offset) {
  return RecordReader(bytes, first_index, first_line, base_offset);
}

// `brace` is at a '{'. Starts reading its Records array if "Records" is the first key. Returns
// false otherwise, with a problem set when the key is there but no array follows it.
bool RecordReader::open_delivery_document(size_t brace) {
  const char* end = begin_ + size_;
  const char* p = skip_ws(begin_ + brace + 1, end);
  if (static_cast<size_t>(end - p) < kRecordsKey.size() ||
      std::memcmp(p, kRecordsKey.data(), kRecordsKey.size()) != 0) {
    return false;
  }
  p = skip_ws(p + kRecordsKey.size(), end);
  if (p == end || *p != ':') {
    fail("expected ':' after \"Records\"" + at_byte(static_cast<size_t>(p - begin_)));
    return false;
  }
  p = skip_ws(p + 1, end);
  if (p == end || *p != '[') {
    fail("expected '[' after \"Records\":" + at_byte(static_cast<size_t>(p - begin_)));
    return false;
  }
  pos_ = static_cast<size_t>(p - begin_) + 1;
  state_ = State::kFirstElement;
  return true;
}

bool RecordReader::next(RawRecord& out) {
  switch (state_) {
    case State::kDone:
      return false;
    case State::kLines:
      return next_line(out);
    default:
      return next_element(out);
  }
}

bool RecordReader::next_line(RawRecord& out) {
  const char* end = begin_ + size_;
  while (pos_ < size_) {
    const char* line_begin = begin_ + pos_;
    const auto* newline = static_cast<const char*>(
        std::memchr(line_begin, '\n', static_cast<size_t>(end - line_begin)));
    const char* line_end = newline != nullptr ? newline : end;
    const uint64_t line = line_;
    pos_ = static_cast<size_t>(line_end - begin_) + (newline != nullptr ? 1 : 0);
    if (newline != nullptr) ++line_;
    const char* text = skip_ws(line_begin, line_end);
    const char* text_end = trim_end(text, line_end);
    if (text == text_end) continue;  // blank lines are not records
    out.bytes = std::string_view(text, static_cast<size_t>(text_end - text));
    out.index = next_index_++;
    out.line = line;
    out.offset = base_offset_ + static_cast<uint64_t>(text - begin_);
    // Only the last line can have been cut by truncation, and only if it lacks its newline.
    out.cut_off = newline == nullptr && ends_inside_value(text, text_end);
    return true;
  }
  state_ = State::kDone;
  return false;
}

bool RecordReader::next_element(RawRecord& out) {
  const char* end = begin_ + size_;
  for (;;) {
    switch (state_) {
      case State::kFirstElement:
      case State::kElement: {
        const char* p = skip_ws(begin_ + pos_, end);
        const size_t at = static_cast<size_t>(p - begin_);
        if (p == end) return fail(not_closed());
        if (*p == ']') {
          if (state_ == State::kElement) return fail("expected a record after ','" + at_byte(at));
          pos_ = at + 1;
          state_ = State::kAfterArray;
          continue;
        }
        const char* value_end;
        if (*p == '{' || *p == '[') {
          value_end = skip_to_depth_zero(p, end, 0);
        } else if (*p == '"') {
          value_end = skip_string(p, end);
        } else if (*p == ',' || *p == '}') {
          return fail("expected a record" + at_byte(at) + ", found '" + *p + "'");
        } else {
          value_end = skip_scalar(p, end);
          if (value_end == end) value_end = nullptr;  // "12" at the very end may have been "123"
        }
        if (value_end == nullptr) {
          emit(out, at, static_cast<size_t>(trim_end(p, end) - begin_), true);
          fail(not_closed());
          return true;
        }
        emit(out, at, static_cast<size_t>(value_end - begin_), false);
        pos_ = static_cast<size_t>(value_end - begin_);
        state_ = State::kAfterElement;
        return true;
      }
      case State::kAfterElement: {
        const char* p = skip_ws(begin_ + pos_, end);
        const size_t at = static_cast<size_t>(p - begin_);
        if (p == end) return fail(not_closed());
        if (*p == ',' || *p == ']') {
          pos_ = at + 1;
          state_ = *p == ',' ? State::kElement : State::kAfterArray;
          continue;
        }
        return fail("expected ',' or ']' after record " + std::to_string(next_index_ - 1) +
                    at_byte(at));
      }
      case State::kAfterArray:
        if (!open_next_document()) return false;
        continue;
      default:
        return false;
    }
  }
}

// After the records array closed: finish this document and start the next one, if any.
bool RecordReader::open_next_document() {
  const char* end = begin_ + size_;
  const char* p = begin_ + pos_;
  if (format_ == InputFormat::CloudTrailDelivery) {
    // Other keys of the top object (after Records) are of no interest; skip to its '}'.
    p = skip_to_depth_zero(p, end, 1);
    if (p == nullptr) {
      return fail("the top-level object is not closed after the Records array (file truncated?)");
    }
  }
  p = skip_ws(p, end);
  const size_t at = static_cast<size_t>(p - begin_);
  if (p == end) {
    state_ = State::kDone;
    return false;
  }
  if (format_ == InputFormat::JsonArray && *p == '[') {
    pos_ = at + 1;
    state_ = State::kFirstElement;
    return true;
  }
  if (format_ == InputFormat::CloudTrailDelivery && *p == '{') {
    if (open_delivery_document(at)) return true;
    if (problem_) return false;
  }
  return fail("unexpected data after the end of the document" + at_byte(at));
}

void RecordReader::emit(RawRecord& out, size_t begin, size_t end, bool cut_off) {
  out.bytes = std::string_view(begin_ + begin, end - begin);
  out.index = next_index_++;
  out.line = line_of(begin);
  out.offset = begin;
  out.cut_off = cut_off;
}

// Offsets only move forward, so each byte is counted once over the whole file.
uint64_t RecordReader::line_of(size_t offset) {
  line_ += count_newlines(begin_ + lines_counted_to_, begin_ + offset);
  lines_counted_to_ = offset;
  return line_;
}

bool RecordReader::fail(std::string message) {
  if (!problem_) problem_ = std::move(message);
  state_ = State::kDone;
  return false;
}

std::string RecordReader::not_closed() const {
  return format_ == InputFormat::CloudTrailDelivery
             ? "the Records array is not closed (file truncated?)"
             : "the JSON array is not closed (file truncated?)";
}

}  // namespace tb::runtime
