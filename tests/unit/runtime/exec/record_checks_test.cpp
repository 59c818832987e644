#include "runtime/exec/record_checks.h"

#include <gtest/gtest.h>

#include <string>

#include "runtime/exec/cloudtrail_shape.h"
#include "runtime/input/padded_buffer.h"

namespace tb::runtime {
namespace {

TEST(RecordChecks, NestingDepthSkipsStrings) {
  EXPECT_EQ(nesting_depth("1"), 0u);
  EXPECT_EQ(nesting_depth("{}"), 1u);
  EXPECT_EQ(nesting_depth(R"({"a":[{"b":[]}],"c":{}})"), 4u);
  EXPECT_EQ(nesting_depth(R"({"a":"[[[[\"{{{"})"), 1u);
}

TEST(RecordChecks, FirstInvalidUtf8) {
  EXPECT_EQ(first_invalid_utf8("plain"), 5u);
  EXPECT_EQ(first_invalid_utf8("\xC3\xA9t\xC3\xA9"), 5u);  // été
  EXPECT_EQ(first_invalid_utf8("ab\xFF"), 2u);             // never UTF-8
  EXPECT_EQ(first_invalid_utf8("ab\xC3("), 2u);            // a lead without its tail
  EXPECT_EQ(first_invalid_utf8("a\xC0\xAF"), 1u);          // overlong '/'
  EXPECT_EQ(first_invalid_utf8("a\xED\xA0\x80"), 1u);      // a UTF-16 surrogate
  EXPECT_EQ(first_invalid_utf8("\xF0\x9F\x98\x80!\xF4\x90\x80\x80"), 5u);  // past U+10FFFF
  EXPECT_EQ(first_invalid_utf8("ok\xE2\x82"), 2u);                         // cut at the end
}

TEST(RecordChecks, Messages) {
  EXPECT_EQ(too_deep_message(), "the record nests deeper than 65535 levels");
  EXPECT_EQ(oversize_message(2000, 1024),
            "the record is 2000 bytes, over the 1024-byte limit (--max-record-size)");
  EXPECT_EQ(record_error_message(simdjson::UTF8_ERROR, "{\"a\":\"\xFF\"}"),
            "invalid UTF-8 at byte 6 of the record");
  EXPECT_EQ(record_error_message(simdjson::DEPTH_ERROR, "{}"), too_deep_message());
}

// The check reads its input in place, so it gets simdjson's padding like the scanner's buffers.
std::optional<std::string> shape(const std::string& first, const std::string& whole) {
  PaddedBuffer buffer;
  buffer.resize(whole.size());
  std::copy(whole.begin(), whole.end(), buffer.data());
  const std::string_view all = buffer.view();
  CloudTrailShapeCheck check;
  return check.problem(all.substr(0, first.size()), all);
}

TEST(CloudTrailShape, AnyCloudTrailKeyIsEnough) {
  const std::string r = R"({"x":1,"eventSource":"s3.amazonaws.com"})";
  EXPECT_FALSE(shape(r, r));
  const std::string escaped = R"({"event\u004eame":"x"})";  // eventName, escaped
  EXPECT_FALSE(shape(escaped, escaped));
}

TEST(CloudTrailShape, NamesWhatItFound) {
  const std::string foo = R"({"foo":1,"bar":{"eventName":"nested does not count"}})";
  EXPECT_EQ(shape(foo, foo),
            "not a CloudTrail log: the first record has none of eventVersion, eventTime, "
            "eventName, eventSource (its keys: foo, bar)");
  EXPECT_EQ(shape("{}", "{}"),
            "not a CloudTrail log: the first record has none of eventVersion, eventTime, "
            "eventName, eventSource (it has no keys)");
  const std::string many = R"({"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7})";
  EXPECT_EQ(shape(many, many),
            "not a CloudTrail log: the first record has none of eventVersion, eventTime, "
            "eventName, eventSource (its keys: a, b, c, d, e, f, ...)");
  EXPECT_EQ(shape("\"text\"", "\"text\""),
            "not a CloudTrail log: the first record is a string, not an object");
}

TEST(CloudTrailShape, APrettyPrintedDocumentIsReadFromItsFirstLine) {
  const std::string doc = "{\n  \"name\": \"x\",\n  \"version\": \"1\"\n}\n";
  EXPECT_EQ(shape("{", doc),
            "not a CloudTrail log: the first record has none of eventVersion, eventTime, "
            "eventName, eventSource (its keys: name, version)");
  const std::string record = "{\n  \"eventName\": \"x\"\n}\n";
  EXPECT_FALSE(shape("{", record));
}

TEST(CloudTrailShape, DamageIsLeftToTheScan) {
  EXPECT_FALSE(shape(R"({"foo" 1})", R"({"foo" 1})"));
  EXPECT_FALSE(shape("{\"foo\":1", "{\"foo\":1"));
  EXPECT_FALSE(shape("nonsense", "nonsense"));
}

}  // namespace
}  // namespace tb::runtime
