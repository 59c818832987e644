// Expected rows of embedded tests, and the query shapes the driver hands the runtime.
#include <gtest/gtest.h>

#include "compiler/driver/compiler.h"
#include "compiler/driver/query_shape.h"
#include "compiler/driver/test_rows.h"

namespace {

using tb::driver::parse_expected_rows;
using tb::driver::Row;
using tb::driver::rows_equal;
using tb::driver::rows_json;
using tb::runtime::aggregate::Value;

const std::vector<std::string> kHeader = {"ip", "n", "events"};

TEST(ExpectedRows, KeysFillTheirColumnsAndLeftOutKeysAreMissing) {
  std::string error;
  auto rows = parse_expected_rows(R"([{"n": 2, "ip": "10.0.0.1"}, {"events": ["A", "B"]}])",
                                  kHeader, error);
  ASSERT_TRUE(rows) << error;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0][0].kind, TB_STRING);
  EXPECT_EQ((*rows)[0][1].kind, TB_INT);
  EXPECT_EQ((*rows)[0][2].kind, TB_MISSING);
  EXPECT_EQ((*rows)[1][2].kind, TB_ARRAY);
  EXPECT_EQ(rows_json(*rows, kHeader), R"([{"ip": "10.0.0.1", "n": 2}, {"events": ["A","B"]}])");
}

TEST(ExpectedRows, BadShapesAreReportedNotGuessed) {
  std::string error;
  EXPECT_FALSE(parse_expected_rows("[{\"ip\": 1", kHeader, error));
  EXPECT_NE(error.find("not valid JSON"), std::string::npos) << error;
  EXPECT_FALSE(parse_expected_rows("{\"ip\": 1}", kHeader, error));
  EXPECT_NE(error.find("JSON array of objects"), std::string::npos) << error;
  EXPECT_FALSE(parse_expected_rows("[1]", kHeader, error));
  EXPECT_EQ(error, "expected row 1 is not a JSON object");
  EXPECT_FALSE(parse_expected_rows(R"([{}, {"count": 1}])", kHeader, error));
  EXPECT_EQ(error,
            "expected row 2 has a column 'count' that the query does not output (its columns: "
            "ip, n, events)");
}

TEST(ExpectedRows, CellsCompareByValueAndObjectsIgnoreWhitespace) {
  const Row a = {Value::of_int(1), Value::null_value(), Value::of_json(TB_OBJECT, "{ \"k\" : 1 }")};
  const Row b = {Value::of_double(1.0), Value::null_value(),
                 Value::of_json(TB_OBJECT, "{\"k\":1}")};
  EXPECT_TRUE(rows_equal({a}, {b}));
  Row missing = b;
  missing[1] = Value{};  // missing is not null
  EXPECT_FALSE(rows_equal({a}, {missing}));
  Row other = b;
  other[0] = Value::of_string("1");  // type-strict
  EXPECT_FALSE(rows_equal({a}, {other}));
  EXPECT_FALSE(rows_equal({a}, {a, a}));  // order and count matter
}

// The checked query of a one-runbook pack.
tb::check::CheckedQuery checked_query(const std::string& clauses) {
  tb::driver::Compilation c;
  c.add_source("q.tb", "runbook q {\n  title \"q\"\n  severity low\n" + clauses + "\n}\n");
  auto pack = c.check();
  EXPECT_TRUE(pack) << "does not check: " << clauses;
  return pack ? pack->runbooks.at(0).queries.at(0) : tb::check::CheckedQuery{};
}

TEST(QueryShape, KeyColumnsIndexTheKeysAndHiddenColumnsFollow) {
  const auto q = checked_query(
      "where eventName == \"x\"\n select sourceIPAddress, awsRegion, count() as n\n"
      " group by awsRegion, sourceIPAddress\n having max(eventTime) != null\n order by n desc");
  const auto shape = tb::driver::query_shape(q, "q");
  ASSERT_EQ(shape.columns.size(), 4u);
  EXPECT_EQ(shape.columns[0].source, tb::runtime::aggregate::OutputColumn::Source::Key);
  EXPECT_EQ(shape.columns[0].slot, 1u);  // sourceIPAddress is the second key
  EXPECT_EQ(shape.columns[1].slot, 0u);
  EXPECT_TRUE(shape.columns[3].hidden);
  EXPECT_EQ(shape.columns[3].aggregate, tb::runtime::aggregate::AggregateKind::Max);
  ASSERT_TRUE(shape.having);
  // `!= null` is the null test "has a value", as in where.
  EXPECT_EQ(shape.having->kind, tb::runtime::aggregate::RowPredicate::Kind::Test);
  EXPECT_EQ(shape.having->null_test, tb::runtime::aggregate::NullTest::IsNotNull);
  ASSERT_EQ(shape.order.size(), 1u);
  EXPECT_EQ(shape.order[0].column, 2u);
  EXPECT_TRUE(shape.order[0].descending);
}

TEST(QueryShape, DurationsInHavingCompareAsSeconds) {
  const auto q = checked_query(
      "param gap: duration = 2h\n where eventName == \"x\"\n select count() as n\n"
      " having n > gap");
  const auto shape = tb::driver::query_shape(q, "q");
  ASSERT_TRUE(shape.having);
  EXPECT_EQ(shape.having->constant.kind, TB_INT);
  EXPECT_EQ(shape.having->constant.i, 7200);
}

}  // namespace
