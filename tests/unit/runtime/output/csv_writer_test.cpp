// The CSV writer, read back with RFC 4180's rules: quoted fields with commas, quotes, CR and LF
// come back byte for byte; one header; each query's values land under its own column names.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "runtime/output/csv_writer.h"
#include "tests/unit/runtime/output/output_test_support.h"

namespace {

using tb::runtime::Finding;
using tb::runtime::QueryPlan;
using tb::runtime::ScanPlan;
namespace aggregate = tb::runtime::aggregate;

using Table = std::vector<std::vector<std::string>>;
using tb::test::str;

// An RFC 4180 reader: records end at CRLF outside quotes; a quoted field runs to the quote
// not followed by another, "" inside it being one quote. Fails the test on anything else.
Table read_csv(const std::string& text) {
  Table rows;
  std::vector<std::string> row;
  std::string field;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      for (++i;; ++i) {
        if (i >= text.size()) {
          ADD_FAILURE() << "unterminated quoted field";
          return rows;
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            ++i;
          } else {
            ++i;
            break;
          }
        } else {
          field += text[i];
        }
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r') {
        if (text[i] == '"' || text[i] == '\n') ADD_FAILURE() << "bare quote or LF at " << i;
        field += text[i++];
      }
    }
    row.push_back(std::move(field));
    field.clear();
    if (i < text.size() && text[i] == ',') {
      ++i;
    } else if (text.compare(i, 2, "\r\n") == 0) {
      i += 2;
      rows.push_back(std::move(row));
      row.clear();
    } else {
      ADD_FAILURE() << "field not followed by a comma or CRLF at " << i;
      return rows;
    }
  }
  if (!row.empty()) ADD_FAILURE() << "last record without CRLF";
  return rows;
}

// Query 0 streams (slots: 0 eventTime, 1 eventID, 2 eventName, 3 actor, 4 file); query 1
// groups by actor and counts.
struct Fixture {
  Fixture() {
    plan.event_time_slot = 0;
    plan.event_id_slot = 1;
    plan.queries.resize(2);
    QueryPlan& main = plan.queries[0];
    main.index = 0;
    main.runbook = "iam";
    main.severity = "medium";
    main.query = "main";
    main.columns = {{"eventTime", 0}, {"eventName", 2}, {"actor", 3}, {"file", 4}};
    QueryPlan& by_actor = plan.queries[1];
    by_actor.index = 1;
    by_actor.runbook = "iam";
    by_actor.severity = "medium";
    by_actor.query = "by_actor";
    aggregate::QueryShape shape;
    shape.columns = {{"actor", aggregate::OutputColumn::Source::Key, 0},
                     {"n", aggregate::OutputColumn::Source::Aggregate, 0},
                     {"hidden_max", aggregate::OutputColumn::Source::Aggregate, 0}};
    shape.columns[2].hidden = true;
    by_actor.shape = shape;
  }
  ScanPlan plan;
};

std::string write_csv(const Fixture& fx, const std::vector<std::vector<tb_value>>& findings,
                      const std::vector<aggregate::Row>& rows) {
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = ::open_memstream(&buffer, &size);
  {
    auto writer = tb::runtime::make_csv_writer(fx.plan, out);
    uint64_t index = 0;
    for (const auto& slots : findings) {
      writer->finding({&fx.plan.queries[0], "logs/a,b.json", index++, slots.data(), &fx.plan});
    }
    writer->rows(fx.plan.queries[1], rows);
    writer->finish();
  }
  std::fclose(out);
  std::string text(buffer, size);
  std::free(buffer);
  return text;
}

TEST(CsvField, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(tb::runtime::csv_field("plain text"), "plain text");
  EXPECT_EQ(tb::runtime::csv_field(""), "");
  EXPECT_EQ(tb::runtime::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(tb::runtime::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(tb::runtime::csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(tb::runtime::csv_field("cr\rhere"), "\"cr\rhere\"");
}

TEST(CsvWriter, OneHeaderWithTheLeadingColumnsThenEveryQuerysColumns) {
  Fixture fx;
  const Table t = read_csv(write_csv(fx, {}, {}));
  ASSERT_EQ(t.size(), 1u);
  // eventTime shares the leading column; a column named file is told apart; hidden columns and
  // names seen before add nothing.
  EXPECT_EQ(t[0],
            (std::vector<std::string>{"runbook", "query", "severity", "file", "record", "eventTime",
                                      "eventID", "eventName", "actor", "fields.file", "n"}));
}

TEST(CsvWriter, ValuesWithCommasQuotesAndLineBreaksReadBackExactly) {
  Fixture fx;
  const std::string nasty = "a,\"b\"\r\nc\nd";
  tb_value null{};
  null.kind = TB_NULL;
  tb_value object{};
  object.kind = TB_OBJECT;
  object.str = "{\"k\": [1, 2]}";
  object.len = 13;
  const std::vector<tb_value> first = {str("2026-11-03T01:10:00Z"), str("id-1"), str(nasty), null,
                                       object};
  const std::vector<tb_value> second = {tb_value{}, tb_value{}, str("Get"), str("bob"), tb_value{}};
  aggregate::Row alice = {aggregate::Value::of_string("alice, \"the admin\""),
                          aggregate::Value::of_int(3)};
  const Table t = read_csv(write_csv(fx, {first, second}, {alice}));
  ASSERT_EQ(t.size(), 4u);
  for (const auto& row : t) ASSERT_EQ(row.size(), t[0].size());
  EXPECT_EQ(t[1], (std::vector<std::string>{"iam", "main", "medium", "logs/a,b.json", "0",
                                            "2026-11-03T01:10:00Z", "id-1", nasty, "null",
                                            "{\"k\":[1,2]}", ""}));
  EXPECT_EQ(t[2], (std::vector<std::string>{"iam", "main", "medium", "logs/a,b.json", "1", "", "",
                                            "Get", "bob", "", ""}));
  // A result row: no file, record, time or id; its columns under their names.
  EXPECT_EQ(t[3], (std::vector<std::string>{"iam", "by_actor", "medium", "", "", "", "", "",
                                            "alice, \"the admin\"", "", "3"}));
}

}  // namespace
