#include "runtime/exec/cloudtrail_shape.h"

#include <algorithm>
#include <array>
#include <vector>

#include "runtime/input/padded_buffer.h"

namespace tb::runtime {
namespace {

namespace ondemand = simdjson::ondemand;

// Every CloudTrail record has these; any one of them is enough to take the file as a log.
constexpr std::array<std::string_view, 4> kCloudTrailKeys = {"eventVersion", "eventTime",
                                                             "eventName", "eventSource"};
constexpr size_t kKeysShown = 6;

std::string_view kind_name(ondemand::json_type type) {
  switch (type) {
    case ondemand::json_type::array:
      return "an array";
    case ondemand::json_type::number:
      return "a number";
    case ondemand::json_type::string:
      return "a string";
    case ondemand::json_type::boolean:
      return "a boolean";
    case ondemand::json_type::null:
      return "null";
    case ondemand::json_type::object:
      return "an object";
  }
  return "not an object";
}

// Whether a document that is not an object reads as the value its first byte announces.
bool reads_whole(ondemand::document& doc, ondemand::json_type type) {
  switch (type) {
    case ondemand::json_type::array: {
      size_t count = 0;
      return doc.count_elements().get(count) == simdjson::SUCCESS;
    }
    case ondemand::json_type::number: {
      double value = 0;
      return doc.get_double().get(value) == simdjson::SUCCESS;
    }
    case ondemand::json_type::string: {
      std::string_view value;
      return doc.get_string().get(value) == simdjson::SUCCESS;
    }
    case ondemand::json_type::boolean: {
      bool value = false;
      return doc.get_bool().get(value) == simdjson::SUCCESS;
    }
    case ondemand::json_type::null: {
      bool value = false;
      return doc.is_null().get(value) == simdjson::SUCCESS && value;
    }
    case ondemand::json_type::object:
      return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> CloudTrailShapeCheck::problem(std::string_view first,
                                                         std::string_view from_first) {
  if (auto verdict = verdict_on(first, from_first.size())) return *verdict;
  if (from_first.size() == first.size()) return std::nullopt;
  // The first line is not a whole value: perhaps a pretty-printed document, so read from there.
  return verdict_on(from_first, from_first.size()).value_or(std::nullopt);
}

// Nothing when `text` cannot be read as one value; else the problem, if any.
CloudTrailShapeCheck::Verdict CloudTrailShapeCheck::verdict_on(std::string_view text,
                                                               size_t readable) {
  // Parsed in place: the caller's buffer has simdjson's padding after `readable` bytes.
  ondemand::document doc;
  ondemand::json_type type;
  if (parser_.iterate(text.data(), text.size(), readable + PaddedBuffer::kPadding).get(doc) ||
      doc.type().get(type)) {
    return std::nullopt;
  }
  if (type != ondemand::json_type::object) {
    if (!reads_whole(doc, type)) return std::nullopt;
    return "not a CloudTrail log: the first record is " + std::string(kind_name(type)) +
           ", not an object";
  }
  ondemand::object object;
  if (doc.get_object().get(object)) return std::nullopt;
  return object_problem(object);
}

// Nothing when the object cannot be read to its end (the scan then reports the damage); else
// the problem when it has none of the CloudTrail keys, or no problem.
CloudTrailShapeCheck::Verdict CloudTrailShapeCheck::object_problem(ondemand::object object) {
  std::vector<std::string> keys;
  size_t count = 0;
  for (auto field_result : object) {
    ondemand::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return std::nullopt;
    if (std::find(kCloudTrailKeys.begin(), kCloudTrailKeys.end(), key) != kCloudTrailKeys.end()) {
      return std::optional<std::string>();
    }
    if (keys.size() < kKeysShown) keys.emplace_back(key);
    ++count;
  }
  std::string listed;
  for (const std::string& key : keys) listed += (listed.empty() ? "" : ", ") + key;
  if (count > keys.size()) listed += ", ...";
  return "not a CloudTrail log: the first record has none of eventVersion, eventTime, "
         "eventName, eventSource (" +
         (count == 0 ? std::string("it has no keys") : "its keys: " + listed) + ")";
}

}  // namespace tb::runtime
