// Projection-only parsing: the extractor reads exactly the requested paths into slots and keeps
// missing, null and values apart (semantics R1).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "runtime/exec/field_extractor.h"

namespace {

using tb::runtime::FieldExtractor;

// Holds one record with simdjson's padding after it, as the input stage does.
class Extraction {
 public:
  Extraction(std::vector<std::vector<std::string>> fields, const std::string& record)
      : extractor_(fields), buffer_(record + std::string(64, '\0')), slots_(fields.size()) {
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

TEST(FieldExtractor, ExtractorIsReusableAcrossRecords) {
  FieldExtractor x({{"k"}});
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

}  // namespace
