#include "runtime/input/record_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace tb::runtime {
namespace {

struct Split {
  InputFormat format;
  std::vector<RawRecord> records;
  std::vector<std::string> texts;
  std::optional<std::string> problem;
};

Split split(std::string_view bytes) {
  RecordReader reader(bytes);
  Split out{reader.format(), {}, {}, {}};
  RawRecord record;
  while (reader.next(record)) {
    out.records.push_back(record);
    out.texts.emplace_back(record.bytes);
  }
  EXPECT_FALSE(reader.next(record)) << "next() must stay false once it returned false";
  out.problem = reader.document_problem();
  return out;
}

using Texts = std::vector<std::string>;

// Checks the bookkeeping every record must satisfy: it really sits at its offset.
void expect_consistent(std::string_view input, const Split& s) {
  for (size_t i = 0; i < s.records.size(); ++i) {
    const RawRecord& r = s.records[i];
    EXPECT_EQ(r.index, i);
    EXPECT_EQ(r.bytes.data(), input.data() + r.offset) << "record " << i;
    const auto newlines = std::count(input.begin(), input.begin() + r.offset, '\n');
    EXPECT_EQ(r.line, static_cast<uint64_t>(newlines) + 1) << "record " << i;
  }
}

TEST(RecordReaderTest, CompactDeliveryFile) {
  const std::string_view in = R"({"Records":[{"a":1},{"b":2}]})";
  const Split s = split(in);
  EXPECT_EQ(s.format, InputFormat::CloudTrailDelivery);
  EXPECT_EQ(s.texts, (Texts{R"({"a":1})", R"({"b":2})"}));
  EXPECT_EQ(s.records[0].offset, 12u);
  EXPECT_EQ(s.records[1].offset, 20u);
  EXPECT_EQ(s.records[1].line, 1u);
  EXPECT_FALSE(s.records[1].cut_off);
  EXPECT_FALSE(s.problem) << *s.problem;
  expect_consistent(in, s);
}

TEST(RecordReaderTest, PrettyPrintedDeliveryFile) {
  const std::string_view in =
      "{\n"
      "  \"Records\" :\n"
      "  [\n"
      "    {\n"
      "      \"eventName\": \"A\"\n"
      "    } ,\n"
      "    {\"eventName\": \"B\"}\n"
      "  ]\n"
      "}\n";
  const Split s = split(in);
  EXPECT_EQ(s.format, InputFormat::CloudTrailDelivery);
  EXPECT_EQ(s.texts, (Texts{"{\n      \"eventName\": \"A\"\n    }", R"({"eventName": "B"})"}));
  EXPECT_EQ(s.records[0].line, 4u);
  EXPECT_EQ(s.records[1].line, 7u);
  EXPECT_EQ(s.records[0].offset, in.find("{\n      "));
  EXPECT_FALSE(s.problem) << *s.problem;
  expect_consistent(in, s);
}

TEST(RecordReaderTest, OtherKeysAfterRecordsAreIgnored) {
  const std::string_view in = R"({"Records":[{"a":1}],"x":{"y":[1,"]}"]},"z":2})";
  const Split s = split(in);
  EXPECT_EQ(s.format, InputFormat::CloudTrailDelivery);
  EXPECT_EQ(s.texts, (Texts{R"({"a":1})"}));
  EXPECT_FALSE(s.problem) << *s.problem;
}

TEST(RecordReaderTest, ObjectWhoseFirstKeyIsNotRecordsIsJsonLines) {
  const std::string_view in = "{\"eventName\":\"A\",\"Records\":[]}\n{\"eventName\":\"B\"}\n";
  const Split s = split(in);
  EXPECT_EQ(s.format, InputFormat::JsonLines);
  EXPECT_EQ(s.texts, (Texts{R"({"eventName":"A","Records":[]})", R"({"eventName":"B"})"}));
  EXPECT_FALSE(s.problem);
}

TEST(RecordReaderTest, JsonArrayWithNestedArraysAndWhitespace) {
  const std::string_view in = " [ {\"a\":[1,[2,{\"b\":[]}]]} ,\n\t{\"c\":\"]\"}\n]\n";
  const Split s = split(in);
  EXPECT_EQ(s.format, InputFormat::JsonArray);
  EXPECT_EQ(s.texts, (Texts{R"({"a":[1,[2,{"b":[]}]]})", R"({"c":"]"})"}));
  EXPECT_EQ(s.records[0].offset, 3u);
  EXPECT_EQ(s.records[1].line, 2u);
  EXPECT_FALSE(s.problem) << *s.problem;
  expect_consistent(in, s);
}

TEST(RecordReaderTest, NonObjectElementsAreStillRecords) {
  const std::string_view in = R"([1, "two" ,null,{"x":true},[3], -4.5e3])";
  const Split s = split(in);
  EXPECT_EQ(s.texts, (Texts{"1", "\"two\"", "null", R"({"x":true})", "[3]", "-4.5e3"}));
  EXPECT_FALSE(s.problem) << *s.problem;
}

TEST(RecordReaderTest, EscapedQuotesAndBracketsInsideStrings) {
  const std::string_view in =
      R"({"Records":[{"s":"a\"}{]"},{"t":"\\"},{"u":"x\\\"}]","v":"\\\\"},{"w":"{[\"\\"}]})";
  const Split s = split(in);
  EXPECT_EQ(s.format, InputFormat::CloudTrailDelivery);
  EXPECT_EQ(s.texts, (Texts{R"({"s":"a\"}{]"})", R"({"t":"\\"})", R"({"u":"x\\\"}]","v":"\\\\"})",
                            R"({"w":"{[\"\\"})"}));
  EXPECT_FALSE(s.problem) << *s.problem;
}

TEST(RecordReaderTest, JsonLinesWithCrlfAndBlankLines) {
  const std::string_view in = "{\"a\":1}\r\n\r\n   \t\n  {\"b\":2}  \r\n{\"c\":3}";
  const Split s = split(in);
  EXPECT_EQ(s.format, InputFormat::JsonLines);
  EXPECT_EQ(s.texts, (Texts{R"({"a":1})", R"({"b":2})", R"({"c":3})"}));
  EXPECT_EQ(s.records[1].index, 1u) << "blank lines do not consume an index";
  EXPECT_EQ(s.records[1].line, 4u);
  EXPECT_EQ(s.records[1].offset, in.find("{\"b\""));
  EXPECT_EQ(s.records[2].line, 5u);
  EXPECT_FALSE(s.records[2].cut_off) << "a complete last line without newline is not cut off";
  EXPECT_FALSE(s.problem);
  expect_consistent(in, s);
}

TEST(RecordReaderTest, JsonLinesLastLineCutOff) {
  const std::string_view in = "{\"a\":1}\n{\"b\":\"tru";
  const Split s = split(in);
  EXPECT_EQ(s.texts, (Texts{R"({"a":1})", R"({"b":"tru)"}));
  EXPECT_FALSE(s.records[0].cut_off);
  EXPECT_TRUE(s.records[1].cut_off);
}

TEST(RecordReaderTest, ByteOrderMarkIsSkipped) {
  const std::string_view delivery = "\xEF\xBB\xBF{\"Records\":[{\"a\":1}]}";
  const Split d = split(delivery);
  EXPECT_EQ(d.format, InputFormat::CloudTrailDelivery);
  EXPECT_EQ(d.texts, (Texts{R"({"a":1})"}));

  const std::string_view lines = "\xEF\xBB\xBF{\"a\":1}\n{\"b\":2}\n";
  const Split l = split(lines);
  EXPECT_EQ(l.format, InputFormat::JsonLines);
  EXPECT_EQ(l.texts, (Texts{R"({"a":1})", R"({"b":2})"}));
  EXPECT_EQ(l.records[0].offset, 3u);
  EXPECT_EQ(l.records[0].line, 1u);

  EXPECT_EQ(split("\xEF\xBB\xBF \n").format, InputFormat::Empty);
}

// Found by tests/fuzz/fuzz_record_reader: a large JSON-lines file read in chunks (the scanner's
// streaming path) kept the BOM in its first record, which then failed to parse.
TEST(RecordReaderTest, ByteOrderMarkIsSkippedInTheFirstChunkOnly) {
  const std::string_view first = "\xEF\xBB\xBF{\"a\":1}\n";
  RecordReader chunk = RecordReader::lines(first, 0, 1, 0);
  RawRecord record;
  ASSERT_TRUE(chunk.next(record));
  EXPECT_EQ(record.bytes, R"({"a":1})");
  EXPECT_EQ(record.offset, 3u);
  EXPECT_EQ(record.line, 1u);
  EXPECT_FALSE(chunk.next(record));

  // Later chunks start mid-file: the same bytes there are data, left for the parser to reject.
  RecordReader later = RecordReader::lines(first, 1, 2, 100);
  ASSERT_TRUE(later.next(record));
  EXPECT_EQ(record.bytes, "\xEF\xBB\xBF{\"a\":1}");
  EXPECT_EQ(record.offset, 100u);
}

TEST(RecordReaderTest, EmptyAndWhitespaceOnly) {
  for (std::string_view in : {std::string_view(""), std::string_view(" \n\t\r\n  ")}) {
    const Split s = split(in);
    EXPECT_EQ(s.format, InputFormat::Empty);
    EXPECT_TRUE(s.records.empty());
    EXPECT_FALSE(s.problem);
  }
}

TEST(RecordReaderTest, EmptyArrays) {
  for (std::string_view in : {"[]", " [ \n ] ", "{\"Records\":[]}", "{\"Records\": [ ] }\n"}) {
    const Split s = split(in);
    EXPECT_TRUE(s.records.empty()) << in;
    EXPECT_FALSE(s.problem) << in << ": " << *s.problem;
  }
}

TEST(RecordReaderTest, TruncatedDeliveryFile) {
  const std::string full =
      "{\"Records\": [\n"
      "  {\"eventName\": \"A\", \"tags\": [1, 2]},\n"
      "  {\"eventName\": \"B\"},\n"
      "  {\"eventName\": \"C\", \"requestParameters\": {\"bucketName\": \"x\"}},\n"
      "  {\"eventName\": \"D\"}\n"
      "]}\n";
  const std::string cut = full.substr(0, full.find("\"bucketName\"") + 5);
  const Split s = split(cut);
  EXPECT_EQ(s.format, InputFormat::CloudTrailDelivery);
  ASSERT_EQ(s.records.size(), 3u);
  EXPECT_EQ(s.texts[0], R"({"eventName": "A", "tags": [1, 2]})");
  EXPECT_EQ(s.texts[1], R"({"eventName": "B"})");
  EXPECT_FALSE(s.records[0].cut_off);
  EXPECT_FALSE(s.records[1].cut_off);
  EXPECT_TRUE(s.records[2].cut_off);
  EXPECT_EQ(s.texts[2], R"({"eventName": "C", "requestParameters": {"buck)");
  EXPECT_EQ(s.records[2].index, 2u);
  EXPECT_EQ(s.records[2].line, 4u);
  ASSERT_TRUE(s.problem);
  EXPECT_EQ(*s.problem, "the Records array is not closed (file truncated?)");
  expect_consistent(cut, s);

  // Cut right after a comma: nothing partial to return, but the document is still unclosed.
  const Split after_comma = split(full.substr(0, full.find("{\"eventName\": \"B\"")));
  EXPECT_EQ(after_comma.texts, (Texts{R"({"eventName": "A", "tags": [1, 2]})"}));
  EXPECT_EQ(after_comma.problem, "the Records array is not closed (file truncated?)");

  // Cut after the array closed but before the top object did.
  const Split unclosed_top = split(full.substr(0, full.rfind('}')));
  EXPECT_EQ(unclosed_top.records.size(), 4u);
  ASSERT_TRUE(unclosed_top.problem);
  EXPECT_NE(unclosed_top.problem->find("top-level object is not closed"), std::string::npos);
}

TEST(RecordReaderTest, TruncatedInsideStringAndScalar) {
  const Split in_string = split(R"([{"a":"x\"y)");
  ASSERT_EQ(in_string.records.size(), 1u);
  EXPECT_TRUE(in_string.records[0].cut_off);
  EXPECT_EQ(in_string.texts[0], R"({"a":"x\"y)");
  EXPECT_EQ(in_string.problem, "the JSON array is not closed (file truncated?)");

  const Split in_scalar = split("[1, 23");
  EXPECT_EQ(in_scalar.texts, (Texts{"1", "23"}));
  EXPECT_FALSE(in_scalar.records[0].cut_off);
  EXPECT_TRUE(in_scalar.records[1].cut_off) << "23 may have been 234";
}

TEST(RecordReaderTest, MissingCommaStopsWithAProblem) {
  const Split s = split(R"([{"a":1} {"b":2}])");
  EXPECT_EQ(s.texts, (Texts{R"({"a":1})"}));
  EXPECT_EQ(s.problem, "expected ',' or ']' after record 0 at byte 9");
}

TEST(RecordReaderTest, StrayCommasAreProblems) {
  const Split trailing = split(R"({"Records":[{"a":1},]})");
  EXPECT_EQ(trailing.texts, (Texts{R"({"a":1})"}));
  EXPECT_EQ(trailing.problem, "expected a record after ',' at byte 20");

  const Split leading = split(R"([,{"a":1}])");
  EXPECT_TRUE(leading.records.empty());
  EXPECT_EQ(leading.problem, "expected a record at byte 1, found ','");
}

TEST(RecordReaderTest, RecordsThatIsNotAnArray) {
  const Split s = split(R"({"Records": null})");
  EXPECT_EQ(s.format, InputFormat::CloudTrailDelivery);
  EXPECT_TRUE(s.records.empty());
  EXPECT_EQ(s.problem, "expected '[' after \"Records\": at byte 12");
}

TEST(RecordReaderTest, ConcatenatedDocumentsAreOneStream) {
  const std::string_view delivery =
      "{\"Records\":[{\"a\":1}]}\n{\"Records\":[{\"b\":2},{\"c\":3}]}\n";
  const Split d = split(delivery);
  EXPECT_EQ(d.texts, (Texts{R"({"a":1})", R"({"b":2})", R"({"c":3})"}));
  EXPECT_EQ(d.records[2].index, 2u);
  EXPECT_EQ(d.records[1].line, 2u);
  EXPECT_FALSE(d.problem) << *d.problem;
  expect_consistent(delivery, d);

  const Split arrays = split("[1][2]");
  EXPECT_EQ(arrays.texts, (Texts{"1", "2"}));
  EXPECT_FALSE(arrays.problem);
}

TEST(RecordReaderTest, UnexpectedDataAfterTheDocument) {
  const Split s = split(R"([{"a":1}] x)");
  EXPECT_EQ(s.texts, (Texts{R"({"a":1})"}));
  EXPECT_EQ(s.problem, "unexpected data after the end of the document at byte 10");

  const Split other = split("{\"Records\":[]}\n{\"eventName\":\"A\"}");
  EXPECT_TRUE(other.records.empty());
  EXPECT_EQ(other.problem, "unexpected data after the end of the document at byte 15");
}

TEST(RecordReaderTest, NotJsonBecomesLinesForTheParserToReject) {
  const Split s = split("hello world\r\n\nsecond line\n");
  EXPECT_EQ(s.format, InputFormat::JsonLines);
  EXPECT_EQ(s.texts, (Texts{"hello world", "second line"}));
  EXPECT_EQ(s.records[1].line, 3u);
  EXPECT_FALSE(s.problem);
}

TEST(RecordReaderTest, TruncatedRecordsHeaderIsJsonLinesCutOff) {
  const Split s = split("{\"Rec");
  EXPECT_EQ(s.format, InputFormat::JsonLines);
  ASSERT_EQ(s.records.size(), 1u);
  EXPECT_TRUE(s.records[0].cut_off);
}

TEST(RecordReaderTest, LineNumbersOverManyRecords) {
  // Irregular runs of newlines and long records exercise the word-at-a-time newline counter.
  std::string in = "{\"Records\":[";
  for (int i = 0; i < 500; ++i) {
    if (i > 0) in += ",";
    in += std::string(static_cast<size_t>(i % 7), '\n');
    in += "{\"i\":" + std::to_string(i) + ",\"pad\":\"" +
          std::string(static_cast<size_t>(i % 37), 'p') + "\",\"n\":[\n" +
          std::string(static_cast<size_t>(i % 3), '\n') + "]}";
  }
  in += "]}";
  const Split s = split(in);
  ASSERT_EQ(s.records.size(), 500u);
  EXPECT_FALSE(s.problem) << *s.problem;
  expect_consistent(in, s);
}

TEST(RecordReaderTest, FormatNames) {
  EXPECT_EQ(input_format_name(InputFormat::CloudTrailDelivery), "CloudTrail delivery file");
  EXPECT_EQ(input_format_name(InputFormat::JsonLines), "JSON lines");
}

}  // namespace
}  // namespace tb::runtime
