// Fuzzes the input stage after loading: RecordReader splits arbitrary bytes into records and the
// field extractor (runtime/exec/field_extractor) parses each one in place, as the scanner does.
// Invariants: records lie inside the input, in order, without overlap, numbered 0, 1, 2... with
// the line they start on; only the last can be cut off; a JSON-lines file read in two chunks
// (the scanner's streaming path) gives the same records as read whole; and where simdjson's DOM
// parser accepts a record, the extractor does too and reads the same strings.
#include <simdjson.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/exec/field_extractor.h"
#include "runtime/input/padded_buffer.h"
#include "runtime/input/record_reader.h"

namespace {

using tb::runtime::FieldSpec;
using tb::runtime::InputFormat;
using tb::runtime::PaddedBuffer;
using tb::runtime::RawRecord;
using tb::runtime::RecordReader;

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_record_reader: invariant broken: %s\n", what);
  std::abort();
}

// What the detections read most: plain strings, nested strings, objects read whole, and an array
// that any/all iterate, both whole and by element (the extractor's second parse).
enum Slot : uint32_t { kEventName, kArn, kUserType, kRequest, kResources, kResourceElements };

std::vector<FieldSpec> fields() {
  std::vector<FieldSpec> f(6);
  f[kEventName].steps = {"eventName"};
  f[kArn].steps = {"userIdentity", "arn"};
  f[kUserType].steps = {"userIdentity", "type"};
  f[kRequest].steps = {"requestParameters"};
  f[kResources].steps = {"resources"};
  f[kResourceElements].steps = {"resources"};
  f[kResourceElements].elements = true;
  f[kResourceElements].element_fields = {{"ARN"}, {"type"}};
  return f;
}

struct Seen {
  std::string_view bytes;
  uint64_t index, line, offset;
  bool cut_off;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> read_all(RecordReader& reader, const char* base) {
  std::vector<Seen> out;
  RawRecord r;
  while (reader.next(r)) {
    out.push_back({r.bytes, r.index, r.line, r.offset, r.cut_off});
    require(r.offset == static_cast<uint64_t>(r.bytes.data() - base), "offset is where it starts");
  }
  RawRecord after;
  require(!reader.next(after), "a finished reader stays finished");
  return out;
}

void check_records(const std::vector<Seen>& records, std::string_view input) {
  size_t end_of_previous = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    const Seen& r = records[i];
    require(r.index == i, "records are numbered 0, 1, 2...");
    require(!r.bytes.empty(), "a record is never empty");
    require(r.offset >= end_of_previous, "records are in order and do not overlap");
    require(r.offset + r.bytes.size() <= input.size(), "a record lies inside the input");
    end_of_previous = r.offset + r.bytes.size();
    const auto newlines = std::count(input.begin(), input.begin() + r.offset, '\n');
    require(r.line == 1 + static_cast<uint64_t>(newlines), "line is where the record starts");
    require(!r.cut_off || i + 1 == records.size(), "only the last record can be cut off");
  }
}

// The scanner's streaming path: the same bytes as JSON lines in two chunks cut after a newline.
void check_chunked(const std::vector<Seen>& whole, std::string_view input) {
  const size_t cut = input.rfind('\n', input.size() / 2);
  const size_t first_size = cut == std::string_view::npos ? 0 : cut + 1;
  RecordReader first = RecordReader::lines(input.substr(0, first_size), 0, 1, 0);
  std::vector<Seen> chunked = read_all(first, input.data());
  RecordReader second = RecordReader::lines(input.substr(first_size), first.next_index(),
                                            first.next_line(), first_size);
  RawRecord r;
  while (second.next(r)) chunked.push_back({r.bytes, r.index, r.line, r.offset, r.cut_off});
  require(chunked == whole, "JSON lines read in chunks are the records read whole");
}

// The last value of `key` in `object` (the extractor lets a repeated key's last value win).
std::optional<simdjson::dom::element> last_field(simdjson::dom::object object,
                                                 std::string_view key) {
  std::optional<simdjson::dom::element> found;
  for (auto field : object) {
    if (field.key == key) found = field.value;
  }
  return found;
}

void require_same_string(const tb_value& slot, std::optional<simdjson::dom::element> value,
                         const char* what) {
  if (!value || !value->is_string()) return;
  require(slot.kind == TB_STRING, what);
  require(std::string_view(slot.str, slot.len) == std::string_view(*value), what);
}

// Where the DOM parser reads the record as an object, the extractor must read it too, and the
// same strings.
void check_against_dom(std::string_view record, const std::string& error, const tb_value* slots) {
  static simdjson::dom::parser dom;
  simdjson::dom::element doc;
  if (dom.parse(record.data(), record.size(), true).get(doc) != simdjson::SUCCESS) return;
  if (!doc.is_object()) {
    require(!error.empty(), "a record that is not an object is rejected");
    return;
  }
  require(error.empty(), "a record simdjson's DOM accepts is extracted");
  const simdjson::dom::object object = doc.get_object().value_unsafe();
  require_same_string(slots[kEventName], last_field(object, "eventName"), "eventName as DOM");
  const auto identity = last_field(object, "userIdentity");
  if (identity && identity->is_object()) {
    require_same_string(slots[kArn], last_field(identity->get_object().value_unsafe(), "arn"),
                        "userIdentity.arn as DOM");
  }
}

// Touches every byte a slot points at, so that ASan sees a dangling or out-of-range pointer.
uint64_t touch(const tb_value& v, std::string_view record, uint32_t width) {
  uint64_t sum = v.kind;
  if (width > 0 && v.kind != TB_ARRAY) return sum;  // any/all over a non-array: no elements
  if (v.kind == TB_STRING || v.kind == TB_OBJECT || (v.kind == TB_ARRAY && width == 0)) {
    for (uint32_t i = 0; i < v.len; ++i) sum += static_cast<unsigned char>(v.str[i]);
  }
  if (v.kind == TB_OBJECT || (v.kind == TB_ARRAY && width == 0)) {
    // Raw JSON is a slice of the record itself.
    require(v.str >= record.data() && v.str + v.len <= record.data() + record.size(),
            "raw JSON lies inside the record");
  }
  if (v.kind == TB_ARRAY && width > 0) {
    for (uint64_t i = 0; i < uint64_t{v.len} * width; ++i) sum += touch(v.elems[i], record, 0);
  }
  return sum;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The file loader hands the reader a padded buffer; the extractor parses records in place.
  PaddedBuffer buffer;
  buffer.resize(size);
  if (size > 0) std::memcpy(buffer.data(), data, size);
  const std::string_view input = buffer.view();

  RecordReader reader(input);
  const std::vector<Seen> records = read_all(reader, input.data());
  check_records(records, input);
  if (reader.format() == InputFormat::JsonLines) check_chunked(records, input);
  if (reader.format() == InputFormat::Empty) require(records.empty(), "empty input, no records");

  static tb::runtime::FieldExtractor extractor(fields());
  std::vector<tb_value> slots(extractor.slot_count());
  const char* buffer_end = buffer.data() + buffer.size() + PaddedBuffer::kPadding;
  uint64_t parsed = 0, malformed = 0, cut_off = 0;
  volatile uint64_t sink = 0;
  for (const Seen& r : records) {
    if (r.cut_off) {
      ++cut_off;
      continue;
    }
    const auto capacity = static_cast<size_t>(buffer_end - r.bytes.data());
    const std::string error = extractor.extract(r.bytes, capacity, slots.data());
    error.empty() ? ++parsed : ++malformed;
    for (uint32_t s = 0; s < slots.size(); ++s) {
      sink = sink + touch(slots[s], r.bytes, s == kResourceElements ? 2 : 0);
    }
    check_against_dom(r.bytes, error, slots.data());
  }
  require(parsed + malformed + cut_off == records.size(), "every record is counted once");
  return 0;
}
