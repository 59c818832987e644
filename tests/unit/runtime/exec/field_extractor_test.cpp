// Projection-only parsing: the extractor reads exactly the requested paths into slots and keeps
// missing, null and values apart (semantics R1).
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "runtime/exec/field_extractor.h"

namespace {

using tb::runtime::FieldExtractor;

std::vector<tb::runtime::FieldSpec> specs(const std::vector<std::vector<std::string>>& paths) {
  std::vector<tb::runtime::FieldSpec> out;
  for (const auto& p : paths) out.push_back({p, false, {}});
  return out;
}

// Holds one record with simdjson's padding after it, as the input stage does.
class Extraction {
 public:
  Extraction(const std::vector<std::vector<std::string>>& fields, const std::string& record)
      : extractor_(specs(fields)), buffer_(record + std::string(64, '\0')), slots_(fields.size()) {
    error_ = extractor_.extract(std::string_view(buffer_.data(), record.size()), buffer_.size(),
                                slots_.data());
  }
  const std::string& error() const { return error_; }
  const tb_value& operator[](size_t slot) const { return slots_.at(slot); }
  std::string text(size_t slot) const { return std::string(slots_[slot].str, slots_[slot].len); }

 private:
  FieldExtractor extractor_;
  std::string buffer_;
  std::vector<tb_value> slots_;
  std::string error_;
};

TEST(FieldExtractor, TopLevelAndNestedFields) {
  Extraction e({{"eventName"}, {"userIdentity", "type"}, {"userIdentity", "arn"}},
               R"({"eventName":"PutRolePolicy","userIdentity":{"type":"IAMUser","x":1}})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_STRING);
  EXPECT_EQ(e.text(0), "PutRolePolicy");
  EXPECT_EQ(e[1].kind, TB_STRING);
  EXPECT_EQ(e.text(1), "IAMUser");
  EXPECT_EQ(e[2].kind, TB_MISSING);
}

TEST(FieldExtractor, MissingNullAndEmptyStringAreThreeThings) {
  Extraction e({{"a"}, {"b"}, {"c"}}, R"({"b":null,"c":""})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_MISSING);
  EXPECT_EQ(e[1].kind, TB_NULL);
  EXPECT_EQ(e[2].kind, TB_STRING);
  EXPECT_EQ(e[2].len, 0u);
}

TEST(FieldExtractor, StepsThroughNonObjectsAreMissing) {
  Extraction e({{"s", "x"}, {"a", "x"}, {"n", "x"}, {"o", "x"}},
               R"({"s":"str","a":[{"x":1}],"n":null,"o":{"x":true}})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_MISSING);
  EXPECT_EQ(e[1].kind, TB_MISSING);  // no implicit array flattening
  EXPECT_EQ(e[2].kind, TB_MISSING);
  EXPECT_EQ(e[3].kind, TB_BOOL);
  EXPECT_EQ(e[3].b, 1u);
}

TEST(FieldExtractor, NumbersKeepTheirKind) {
  Extraction e({{"i"}, {"neg"}, {"d"}, {"big"}, {"exp"}},
               R"({"i":1688990121000,"neg":-1,"d":1688560107.857,"big":18446744073709551615,)"
               R"("exp":1e2})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_INT);
  EXPECT_EQ(e[0].i, 1688990121000);
  EXPECT_EQ(e[1].kind, TB_INT);
  EXPECT_EQ(e[1].i, -1);
  EXPECT_EQ(e[2].kind, TB_DOUBLE);
  EXPECT_DOUBLE_EQ(e[2].d, 1688560107.857);
  EXPECT_EQ(e[3].kind, TB_DOUBLE);  // above int64
  EXPECT_EQ(e[4].kind, TB_DOUBLE);
  EXPECT_EQ(e[4].d, 100.0);
}

// simdjson 3.0's On-Demand number parsing goes wrong on numbers with a fraction or an exponent
// and more significant digits than its fast path takes: number::get_double() gives 0 (simdjson
// issue 2099), get_double() overflows on a long fraction after "0." (issue 2093). The DOM
// parser, and so the interpreter, reads the correctly rounded value (R5).
TEST(FieldExtractor, LongDecimalNumbersKeepTheirValue) {
  Extraction e({{"max"}, {"big"}, {"frac"}, {"neg"}, {"zero"}, {"tiny"}},
               R"({"max":9223372036854775807.0,"big":12345678901234567890.5,)"
               R"("frac":1000000000.000000001,"neg":-18446744073709551616.25e-3,)"
               R"("zero":0.30000000000000000000000000001,"tiny":0.95000000000000000000})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_DOUBLE);
  EXPECT_EQ(e[0].d, 9223372036854775807.0);
  EXPECT_EQ(e[1].kind, TB_DOUBLE);
  EXPECT_EQ(e[1].d, 12345678901234567890.5);
  EXPECT_EQ(e[2].kind, TB_DOUBLE);
  EXPECT_EQ(e[2].d, 1000000000.000000001);
  EXPECT_EQ(e[3].kind, TB_DOUBLE);
  EXPECT_EQ(e[3].d, -18446744073709551616.25e-3);
  EXPECT_EQ(e[4].kind, TB_DOUBLE);
  EXPECT_EQ(e[4].d, 0.30000000000000000000000000001);
  EXPECT_EQ(e[5].kind, TB_DOUBLE);
  EXPECT_EQ(e[5].d, 0.95);
}

TEST(FieldExtractor, ObjectsAndArraysAreRawJson) {
  Extraction e({{"o"}, {"a"}}, R"({"o": {"k": [1, 2]}, "a": [ "x" , {} ]})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_OBJECT);
  EXPECT_EQ(e.text(0), R"({"k": [1, 2]})");
  EXPECT_EQ(e[1].kind, TB_ARRAY);
  EXPECT_EQ(e.text(1), R"([ "x" , {} ])");
}

TEST(FieldExtractor, EscapedKeysMatchAfterUnescaping) {
  Extraction e({{"eventName"}, {"a\"b"}}, R"({"\u0065ventName":"X","a\"b":1})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_STRING);
  EXPECT_EQ(e.text(0), "X");
  EXPECT_EQ(e[1].kind, TB_INT);
}

TEST(FieldExtractor, StringValuesAreUnescaped) {
  Extraction e({{"s"}}, R"({"s":"a\u0026b\n\"c\""})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e.text(0), "a&b\n\"c\"");
}

TEST(FieldExtractor, AFieldReadWholeAndBelow) {
  Extraction e({{"userIdentity"}, {"userIdentity", "type"}},
               R"({"userIdentity":{"type":"Root","arn":"arn:aws:iam::1:root"}})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_OBJECT);
  EXPECT_EQ(e.text(0), R"({"type":"Root","arn":"arn:aws:iam::1:root"})");
  EXPECT_EQ(e[1].kind, TB_STRING);
  EXPECT_EQ(e.text(1), "Root");
}

// any(resources, r => r == ... or r.type == ...) reads each element whole and below; the fields
// below come from a second parse of the element, and must outlive the next element's.
TEST(FieldExtractor, ElementsReadWholeAndBelowKeepEveryElementsStrings) {
  FieldExtractor x({{{"resources"}, true, {{}, {"type"}}}});
  std::vector<tb_value> slots(1);
  const std::string record =
      R"({"resources":[{"type":"first"},{"type":"sec\u006fnd"},{"type":"third"}]})";
  const std::string buffer = record + std::string(64, '\0');
  ASSERT_EQ(x.extract(std::string_view(buffer.data(), record.size()), buffer.size(), slots.data()),
            "");
  ASSERT_EQ(slots[0].kind, TB_ARRAY);
  ASSERT_EQ(slots[0].len, 3u);
  const tb_value* elems = slots[0].elems;  // two values an element: itself, then its type
  std::vector<std::string> types;
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(elems[2 * i].kind, TB_OBJECT) << i;
    ASSERT_EQ(elems[2 * i + 1].kind, TB_STRING) << i;
    types.emplace_back(elems[2 * i + 1].str, elems[2 * i + 1].len);
  }
  EXPECT_EQ(types, (std::vector<std::string>{"first", "second", "third"}));
}

TEST(FieldExtractor, ExtractorIsReusableAcrossRecords) {
  FieldExtractor x(specs({{"k"}}));
  std::vector<tb_value> slots(1);
  const std::string a = R"({"k":"first"})" + std::string(64, '\0');
  const std::string b = R"({"other":1})" + std::string(64, '\0');
  ASSERT_EQ(x.extract(std::string_view(a.data(), 13), a.size(), slots.data()), "");
  EXPECT_EQ(slots[0].kind, TB_STRING);
  ASSERT_EQ(x.extract(std::string_view(b.data(), 11), b.size(), slots.data()), "");
  EXPECT_EQ(slots[0].kind, TB_MISSING);  // nothing left over from the previous record
}

TEST(FieldExtractor, BadRecordsGiveReasons) {
  EXPECT_NE(Extraction({{"a"}}, R"({"a": tru})").error(), "");
  EXPECT_NE(Extraction({{"a"}}, R"({"a": "unterminated})").error(), "");
  EXPECT_NE(Extraction({{"a"}}, "{\"a\": \"\xff\"}").error(), "");  // invalid UTF-8
  EXPECT_NE(Extraction({{"a"}}, "[1,2]").error().find("not a JSON object"), std::string::npos);
  EXPECT_NE(Extraction({{"a"}}, R"({"a":1} x)").error(), "");  // trailing content
}

// ---- more coverage ------------------------------------------------------------------------------

TEST(FieldExtractor, StepsThroughEveryKindOfNonObjectAreMissing) {
  Extraction e({{"n", "x"}, {"t", "x"}, {"f", "x"}, {"i", "x"}, {"d", "x"}, {"e", "x"}, {"a", "x"}},
               R"({"n":null,"t":true,"f":false,"i":1,"d":1.5,"e":[],"a":[{"x":1},{"x":2}]})");
  ASSERT_EQ(e.error(), "");
  for (size_t i = 0; i < 7; ++i) EXPECT_EQ(e[i].kind, TB_MISSING) << i;
}

TEST(FieldExtractor, DeepPathsAndSiblings) {
  Extraction e({{"a", "b", "c", "d"}, {"a", "b", "x"}, {"a", "y"}, {"z"}},
               R"({"z":0,"a":{"y":"Y","b":{"x":[],"c":{"d":"D","e":1}},"q":{"d":2}}})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_STRING);
  EXPECT_EQ(e.text(0), "D");
  EXPECT_EQ(e[1].kind, TB_ARRAY);
  EXPECT_EQ(e.text(1), "[]");
  EXPECT_EQ(e.text(2), "Y");
  EXPECT_EQ(e[3].kind, TB_INT);
  EXPECT_EQ(e[3].i, 0);
}

TEST(FieldExtractor, KeyOrderAndWhitespaceDoNotMatter) {
  Extraction a({{"x", "y"}, {"k"}}, R"({"k":"v","x":{"y":1}})");
  Extraction b({{"x", "y"}, {"k"}}, "{ \"x\" :\n\t{ \"y\" : 1 } ,\r\n  \"k\" : \"v\" }");
  ASSERT_EQ(a.error(), "");
  ASSERT_EQ(b.error(), "");
  for (size_t i = 0; i < 2; ++i) EXPECT_EQ(a[i].kind, b[i].kind) << i;
  EXPECT_EQ(b[0].i, 1);
  EXPECT_EQ(b.text(1), "v");
}

TEST(FieldExtractor, EscapedKeysAtEveryLevel) {
  // userIdentity / type spelt with escapes, including a surrogate-free \u escape in the middle.
  Extraction e({{"userIdentity", "type"}, {"eventName"}, {"A"}, {"\xc3\xa9"}, {"s:x"}},
               R"({"user\u0049dentity":{"\u0074ype":"Root"},"event\u004eame":"N",)"
               R"("\u0041":1,"\u00e9":2,"s\u003ax":3})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e.text(0), "Root");
  EXPECT_EQ(e.text(1), "N");
  EXPECT_EQ(e[2].kind, TB_INT);
  EXPECT_EQ(e[3].kind, TB_INT);
  EXPECT_EQ(e[3].i, 2);
  EXPECT_EQ(e[4].i, 3);
}

TEST(FieldExtractor, KeysAreCaseSensitiveAndExact) {
  Extraction e({{"eventName"}}, R"({"EventName":"a","eventname":"b","eventName ":"c"})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_MISSING);
}

TEST(FieldExtractor, EveryStringEscapeIsDecoded) {
  Extraction e({{"s"}, {"t"}}, R"({"s":"\"\\\/\b\f\n\r\t\u0000\u00e9\ud83d\ude00","t":"caf)"
                               "\xc3\xa9\"}");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e.text(0), std::string("\"\\/\b\f\n\r\t\0\xc3\xa9\xf0\x9f\x98\x80", 15));
  EXPECT_EQ(e[0].len, 15u);
  EXPECT_EQ(e.text(1), "caf\xc3\xa9");
}

TEST(FieldExtractor, IntegersDoublesAndTheInt64Boundary) {
  Extraction e({{"max"}, {"min"}, {"above"}, {"uint64max"}, {"one"}, {"zero"}, {"neg"}, {"frac"}},
               R"({"max":9223372036854775807,"min":-9223372036854775808,)"
               R"("above":9223372036854775808,"uint64max":18446744073709551615,"one":1.0,)"
               R"("zero":0,"neg":-1.5e-3,"frac":0.1})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_INT);
  EXPECT_EQ(e[0].i, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(e[1].kind, TB_INT);
  EXPECT_EQ(e[1].i, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(e[2].kind, TB_DOUBLE);
  EXPECT_EQ(e[2].d, 9223372036854775808.0);
  EXPECT_EQ(e[3].kind, TB_DOUBLE);
  EXPECT_EQ(e[3].d, 18446744073709551616.0);  // 2^64 - 1 rounds to 2^64
  EXPECT_EQ(e[4].kind, TB_DOUBLE);  // written as a float: still the number 1 (R4 compares values)
  EXPECT_EQ(e[4].d, 1.0);
  EXPECT_EQ(e[5].kind, TB_INT);
  EXPECT_EQ(e[6].kind, TB_DOUBLE);
  EXPECT_EQ(e[6].d, -1.5e-3);
  EXPECT_EQ(e[7].d, 0.1);
}

TEST(FieldExtractor, BooleansAreZeroOrOne) {
  Extraction e({{"t"}, {"f"}}, R"({"t":true,"f":false})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_BOOL);
  EXPECT_EQ(e[0].b, 1u);
  EXPECT_EQ(e[1].kind, TB_BOOL);
  EXPECT_EQ(e[1].b, 0u);
}

TEST(FieldExtractor, ReadWholeAndBelowAtThreeLevels) {
  Extraction e(
      {{"u"}, {"u", "s"}, {"u", "s", "i", "t"}, {"u", "k"}, {"u", "s", "i"}, {"v"}, {"v", "x"}},
      R"({"u":{"k":"K","s":{"i":{"t":"Role","a":"\u0041"},"o":1}},"v":"str"})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_OBJECT);
  EXPECT_EQ(e.text(0), R"({"k":"K","s":{"i":{"t":"Role","a":"\u0041"},"o":1}})");
  EXPECT_EQ(e[1].kind, TB_OBJECT);
  EXPECT_EQ(e.text(1), R"({"i":{"t":"Role","a":"\u0041"},"o":1})");
  EXPECT_EQ(e[2].kind, TB_STRING);
  EXPECT_EQ(e.text(2), "Role");
  EXPECT_EQ(e.text(3), "K");
  EXPECT_EQ(e.text(4), R"({"t":"Role","a":"\u0041"})");  // raw text keeps escapes
  // Read whole and below, but the value is not an object: whole is the value, below is missing.
  EXPECT_EQ(e[5].kind, TB_STRING);
  EXPECT_EQ(e.text(5), "str");
  EXPECT_EQ(e[6].kind, TB_MISSING);
}

TEST(FieldExtractor, StringsFromBothParsesStayValidTogether) {
  // userIdentity is read whole (and re-parsed for its fields); eventName comes from the first
  // parse. Every string must still hold its bytes after extract() returns.
  Extraction e({{"eventName"}, {"userIdentity"}, {"userIdentity", "arn"}, {"userIdentity", "type"}},
               R"({"eventName":"Get\u0041","userIdentity":{"type":"I\u0041MUser","arn":"a\nb"}})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e.text(0), "GetA");
  EXPECT_EQ(e.text(2), "a\nb");
  EXPECT_EQ(e.text(3), "IAMUser");
}

TEST(FieldExtractor, WhitespaceAfterTheRecordIsFine) {
  EXPECT_EQ(Extraction({{"a"}}, "{\"a\":1}  \r\n\t").error(), "");
  EXPECT_EQ(Extraction({{"a"}}, "  {\"a\":1}").error(), "");
}

TEST(FieldExtractor, NonObjectRecordsAreNotObjects) {
  for (const std::string& record : {std::string("\"str\""), std::string("42"), std::string("null"),
                                    std::string("true"), std::string("[]")}) {
    const std::string error = Extraction({{"a"}}, record).error();
    EXPECT_NE(error.find("not a JSON object"), std::string::npos) << record << ": " << error;
  }
}

TEST(FieldExtractor, MalformedJsonInTheFieldsThatAreReadIsAnError) {
  for (const std::string& record :
       {std::string(R"({"a": tru})"), std::string(R"({"a": nul})"), std::string(R"({"a": 01})"),
        std::string(R"({"a": "\q"})"), std::string(R"({"a": "\ud800"})"),
        std::string(R"({"a": [1,})"), std::string(R"({"a": 1,})"), std::string(R"({"a" 1})"),
        std::string(R"({"a": 1)"), std::string(R"({"a": {"b": 1})"), std::string("{\"a\": 1e999}"),
        std::string("{\"a\": \"x\ty\"}")}) {
    EXPECT_NE(Extraction({{"a"}}, record).error(), "") << record;
  }
}

// A record that is not valid JSON is malformed whichever fields the pack reads (R12: a record is
// a line that is a JSON object). Otherwise whether a record counts as skipped depends on the
// runbooks, and a broken delivery file scans "complete" with exit status 0.
TEST(FieldExtractor, MalformedJsonInFieldsThatAreNotReadIsAnError) {
  GTEST_SKIP() << "BUG: FieldExtractor::extract accepts records whose damage is in a value the "
                  "pack does not read (simdjson On-Demand skips unread values without validating "
                  "them), e.g. {\"x\": tru, \"a\": 1} reading only a";
  for (const std::string& record :
       {std::string(R"({"x": tru, "a": 1})"), std::string(R"({"x": nul, "a": 1})"),
        std::string(R"({"x": 01, "a": 1})"), std::string(R"({"x": "\q", "a": 1})"),
        std::string(R"({"x": [1, 2 3], "a": 1})"), std::string(R"({"x": {"y" 1}, "a": 1})"),
        std::string(R"({"a": 1, "x": fals})"), std::string(R"({"a": 1, "x": -})")}) {
    EXPECT_NE(Extraction({{"a"}}, record).error(), "") << record;
  }
}

// An object or array read whole is handed on as raw JSON text (and printed in JSON lines), so it
// must be valid JSON: otherwise the output is not JSON, or the minifier changes it ([1 2] → [12]).
TEST(FieldExtractor, ObjectsAndArraysReadWholeMustBeValidJson) {
  GTEST_SKIP() << "BUG: FieldExtractor returns the raw text of an object or array without "
                  "validating it: {\"a\":[1 2]}, {\"a\":[tru]}, {\"a\":{\"y\":nul}}, {\"a\":[1,]} "
                  "extract without error as TB_ARRAY/TB_OBJECT";
  for (const std::string& record : {std::string(R"({"a":[1 2]})"), std::string(R"({"a":[tru]})"),
                                    std::string(R"({"a":{"y":nul}})"), std::string(R"({"a":[1,]})"),
                                    std::string(R"({"a":{"y":1,}})"),
                                    std::string(R"({"a":["\q"]})"), std::string(R"({"a":[01]})")}) {
    EXPECT_NE(Extraction({{"a"}}, record).error(), "") << record;
  }
}

// R5: integers outside int64 are binary64 numbers; R12: no field value makes a record malformed.
TEST(FieldExtractor, IntegersBeyondInt64AndUint64AreDoubles) {
  GTEST_SKIP() << "BUG: an integer below INT64_MIN or above UINT64_MAX in a field that is read "
                  "makes extract() fail with 'Problem while parsing a number', so the record is "
                  "skipped as malformed instead of read as a double";
  Extraction e({{"below"}, {"above"}, {"huge"}},
               R"({"below":-9223372036854775809,"above":18446744073709551616,)"
               R"("huge":-123456789012345678901234567890})");
  ASSERT_EQ(e.error(), "");
  EXPECT_EQ(e[0].kind, TB_DOUBLE);
  EXPECT_EQ(e[0].d, -9223372036854775808.0);
  EXPECT_EQ(e[1].kind, TB_DOUBLE);
  EXPECT_EQ(e[1].d, 18446744073709551616.0);
  EXPECT_EQ(e[2].kind, TB_DOUBLE);
  EXPECT_EQ(e[2].d, -123456789012345678901234567890.0);
}

}  // namespace
