// How values are written: JSON strings escaped so any JSON parser reads back the same bytes, raw
// objects and arrays minified without touching their strings, and plain text table cells.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "runtime/output/value_format.h"

namespace {

using tb::runtime::append_json_string;
using tb::runtime::append_json_value;
using tb::runtime::append_minified_json;
using tb::runtime::text_value;

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}
std::string minified(std::string_view raw) {
  std::string out;
  append_minified_json(out, raw);
  return out;
}
std::string json_value(const tb_value& v) {
  std::string out;
  append_json_value(out, v);
  return out;
}

tb_value make(tb_kind kind) {
  tb_value v{};
  v.kind = kind;
  return v;
}
tb_value text(tb_kind kind, std::string_view s) {
  tb_value v = make(kind);
  v.str = s.data();
  v.len = static_cast<uint32_t>(s.size());
  return v;
}
tb_value integer(int64_t i) {
  tb_value v = make(TB_INT);
  v.i = i;
  return v;
}
tb_value dbl(double d) {
  tb_value v = make(TB_DOUBLE);
  v.d = d;
  return v;
}
tb_value boolean(bool b) {
  tb_value v = make(TB_BOOL);
  v.b = b;
  return v;
}

// Parses `json` (one value) with simdjson's DOM parser, which validates it fully.
simdjson::dom::element parse(simdjson::dom::parser& parser, const std::string& json) {
  simdjson::dom::element e;
  const auto error = parser.parse(json).get(e);
  EXPECT_EQ(error, simdjson::SUCCESS) << json;
  return e;
}

TEST(JsonString, ShortEscapesAndQuotes) {
  EXPECT_EQ(json_string(""), R"("")");
  EXPECT_EQ(json_string("plain"), R"("plain")");
  EXPECT_EQ(json_string("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(json_string("l1\nl2\r\tx"), R"("l1\nl2\r\tx")");
  EXPECT_EQ(json_string("/"), R"("/")");  // a slash needs no escape
}

TEST(JsonString, EveryControlCharacterIsEscaped) {
  for (int c = 0; c < 0x20; ++c) {
    const std::string out = json_string(std::string(1, static_cast<char>(c)));
    // Nothing below 0x20 may appear raw between the quotes (RFC 8259 section 7).
    for (size_t i = 1; i + 1 < out.size(); ++i) {
      EXPECT_GE(static_cast<unsigned char>(out[i]), 0x20u) << "character " << c;
    }
    EXPECT_EQ(out[1], '\\') << c;
  }
  EXPECT_EQ(json_string(std::string("\0", 1)), R"("\u0000")");
  EXPECT_EQ(json_string("\x01\x1f"), R"("\u0001\u001f")");
  EXPECT_EQ(json_string("\b\f"), R"("\u0008\u000c")");
  EXPECT_EQ(json_string("\x7f"), "\"\x7f\"");  // DEL is not a control character in JSON
}

TEST(JsonString, NonAsciiPassesThroughUnchanged) {
  const std::string s = "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80";
  EXPECT_EQ(json_string(s), "\"" + s + "\"");
}

TEST(JsonString, AJsonParserReadsBackTheSameBytes) {
  simdjson::dom::parser parser;
  std::string all_ascii;
  for (int c = 0; c < 0x80; ++c) all_ascii += static_cast<char>(c);
  const std::vector<std::string> inputs = {
      all_ascii,
      std::string("nul\0inside", 10),
      "\\\\\"\"\\",
      "\\u0041 is not an escape here",
      "trailing backslash\\",
      "\xc3\xa9\n\xe2\x80\xa8",  // é, newline, U+2028
  };
  for (const std::string& s : inputs) {
    const std::string json = json_string(s);
    std::string_view back;
    ASSERT_EQ(parse(parser, json).get_string().get(back), simdjson::SUCCESS) << json;
    EXPECT_EQ(back, s) << json;
  }
}

TEST(MinifiedJson, PrettyPrintedObjectBecomesOneLine) {
  const std::string pretty =
      "{\n"
      "  \"Version\": \"2012-10-17\",\r\n"
      "  \"Statement\": [\n"
      "\t{ \"Effect\" : \"Allow\", \"Action\": [ \"s3:Get*\" , \"s3:List*\" ] }\n"
      "  ],\n"
      "  \"n\": -1.5e3, \"t\": true, \"z\": null\n"
      "}";
  EXPECT_EQ(minified(pretty),
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*",)"
            R"("s3:List*"]}],"n":-1.5e3,"t":true,"z":null})");
}

TEST(MinifiedJson, StringContentsAreNotTouched) {
  EXPECT_EQ(minified(R"({ "k" : "a  b\tc" })"), R"({"k":"a  b\tc"})");
  // An escaped quote does not end the string, so the spaces after it are kept.
  EXPECT_EQ(minified(R"([ "say \"  hi \"  ", 1 ])"), R"(["say \"  hi \"  ",1])");
  // An escaped backslash does end on the quote that follows it.
  EXPECT_EQ(minified(R"([ "dir\\" , "x y" ])"), R"(["dir\\","x y"])");
  EXPECT_EQ(minified(R"({ "a b" : { "c  d" : [ ] } })"), R"({"a b":{"c  d":[]}})");
  EXPECT_EQ(minified("[ \"\xc2\xa0 nbsp \xc2\xa0\" ]"), "[\"\xc2\xa0 nbsp \xc2\xa0\"]");
}

TEST(MinifiedJson, AlreadyMinifiedIsUnchanged) {
  const std::string s = R"({"a":[1,2,{"b":"c d"}],"e":"\\\""})";
  EXPECT_EQ(minified(s), s);
  EXPECT_EQ(minified("{}"), "{}");
  EXPECT_EQ(minified(" [ ] "), "[]");
}

TEST(JsonValue, EachKind) {
  EXPECT_EQ(json_value(make(TB_MISSING)), "null");
  EXPECT_EQ(json_value(make(TB_NULL)), "null");
  EXPECT_EQ(json_value(boolean(true)), "true");
  EXPECT_EQ(json_value(boolean(false)), "false");
  EXPECT_EQ(json_value(integer(0)), "0");
  EXPECT_EQ(json_value(integer(-42)), "-42");
  EXPECT_EQ(json_value(integer(std::numeric_limits<int64_t>::min())), "-9223372036854775808");
  EXPECT_EQ(json_value(integer(std::numeric_limits<int64_t>::max())), "9223372036854775807");
  EXPECT_EQ(json_value(text(TB_STRING, "a\"b\n")), R"("a\"b\n")");
  EXPECT_EQ(json_value(text(TB_OBJECT, "{ \"a\" : [ 1 , 2 ] }")), R"({"a":[1,2]})");
  EXPECT_EQ(json_value(text(TB_ARRAY, "[ \"x y\" ,\n {} ]")), R"(["x y",{}])");
}

TEST(JsonValue, DoublesAreValidJsonAndRoundTrip) {
  simdjson::dom::parser parser;
  const double values[] = {0.5,
                           -1.5,
                           100.0,
                           0.1,
                           1688560107.857,
                           1e300,
                           -1e-300,
                           5e-324,
                           9007199254740993.0,
                           18446744073709551615.0,
                           std::numeric_limits<double>::max()};
  for (double d : values) {
    const std::string json = json_value(dbl(d));
    double back = 0;
    ASSERT_EQ(parse(parser, json).get_double().get(back), simdjson::SUCCESS) << json;
    EXPECT_EQ(back, d) << json;
  }
  // The value is kept, not rounded to a few digits.
  EXPECT_EQ(json_value(dbl(1688560107.857)), "1688560107.857");
}

TEST(TextValue, TableCells) {
  EXPECT_EQ(text_value(make(TB_MISSING)), "");
  EXPECT_EQ(text_value(make(TB_NULL)), "null");
  EXPECT_EQ(text_value(text(TB_STRING, "AssumeRole")), "AssumeRole");  // bare: no quotes
  EXPECT_EQ(text_value(text(TB_STRING, "say \"hi\"")), "say \"hi\"");  // nor escapes
  EXPECT_EQ(text_value(text(TB_STRING, "")), "");
  EXPECT_EQ(text_value(boolean(false)), "false");
  EXPECT_EQ(text_value(integer(443)), "443");
  EXPECT_EQ(text_value(dbl(2.5)), "2.5");
  EXPECT_EQ(text_value(text(TB_OBJECT, "{\n  \"type\": \"Root\"\n}")), R"({"type":"Root"})");
  EXPECT_EQ(text_value(text(TB_ARRAY, "[ ]")), "[]");
}

}  // namespace
