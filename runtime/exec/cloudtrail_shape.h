#pragma once
// Whether a file holds CloudTrail records at all, decided from its first record: a package.json
// or some other JSON document given by mistake is reported once, as a file, instead of being
// counted record by record as "not matched".
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace tb::runtime {

class CloudTrailShapeCheck {
 public:
  // `first` is the file's first record; `from_first` runs from its start to the end of the bytes
  // at hand (with simdjson's padding after them), for a first record that spans lines (a
  // pretty-printed document read as JSON lines). Returns why the file is not a CloudTrail log,
  // or nothing when it may be one; a first record that is not valid JSON is left to the scan,
  // which reports it with its location.
  std::optional<std::string> problem(std::string_view first, std::string_view from_first);

 private:
  // Outer nothing: cannot tell (unreadable JSON); inner: the problem, or none.
  using Verdict = std::optional<std::optional<std::string>>;
  Verdict verdict_on(std::string_view text, size_t readable);
  static Verdict object_problem(simdjson::ondemand::object object);

  simdjson::ondemand::parser parser_;
};

}  // namespace tb::runtime
