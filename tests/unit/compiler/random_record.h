#pragma once
// Random CloudTrail-like records as raw JSON text, for the differential test. Values at the paths
// a pack reads are drawn mostly from the pack's own literals and their near misses (so that many
// predicates come out true), the rest from values of every other kind: null, the empty string,
// numbers at int64 edges, objects and arrays where a string is expected, and so on. Paths are
// sometimes missing or blocked by a non-object on the way (semantics R1).
#include <map>
#include <string>
#include <vector>

#include "tests/unit/compiler/random_json.h"
#include "tests/unit/compiler/test_rng.h"

namespace tb::testing {

// Steps of a JSON path; the step kEach goes into every element of an array.
using JsonPath = std::vector<std::string>;
inline const std::string kEach = "[]";

// Values worth putting at each path that a pack reads.
class Vocabulary {
 public:
  // A path the pack reads, with no favoured values (yet).
  void touch(const JsonPath& path) { paths_[path]; }
  void add(const JsonPath& path, Json value) { paths_[path].push_back(std::move(value)); }
  void add_string(const JsonPath& path, std::string s) { add(path, Json::string(std::move(s))); }
  const std::map<JsonPath, std::vector<Json>>& paths() const { return paths_; }

 private:
  std::map<JsonPath, std::vector<Json>> paths_;
};

class RecordGenerator {
 public:
  RecordGenerator(const Vocabulary& vocabulary, Rng& rng) : vocabulary_(vocabulary), rng_(rng) {}

  // One JSON object inside the record set of semantics R12: no duplicate keys, no lone
  // surrogates, every number within int64, uint64 or double range.
  std::string well_formed();

  // Text that is not a record, damaged where both parsers must notice: the top level is cut
  // off, not an object, followed by more text, or missing a separator; the bytes are not
  // UTF-8, or a string holds a raw control character; or the value of one of `read_keys`
  // (top-level fields that the pack reads whole, when given) is not a JSON value. Damage inside
  // a value that the pack does not read, or reads only below, is not generated: the extractor
  // does not see it (known bugs, pinned by
  // FieldExtractor.MalformedJsonInFieldsThatAreNotReadIsAnError and
  // FieldExtractor.ObjectsAndArraysReadWholeMustBeValidJson).
  std::string malformed(const std::vector<std::string>& read_keys = {});

  // A value of any kind, nested up to `depth` levels.
  Json random_value(int depth);

 private:
  Json record();
  Json pick(const std::vector<Json>& favoured);
  Json deep_value();
  Json new_container(const JsonPath& path, size_t next_step);
  void place(Json& node, const JsonPath& path, size_t step, const std::vector<Json>& favoured);
  void add_noise(Json& object, int depth);

  const Vocabulary& vocabulary_;
  Rng& rng_;
};

}  // namespace tb::testing
