// The finding writers: one JSON object per line (missing fields left out, null kept), and aligned
// tables for terminals.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "runtime/output/finding_writers.h"

namespace {

using tb::runtime::Finding;
using tb::runtime::OutputFormat;
using tb::runtime::QueryPlan;
using tb::runtime::ScanPlan;

tb_value text(tb_kind kind, std::string_view s) {
  tb_value v{};
  v.kind = kind;
  v.str = s.data();
  v.len = static_cast<uint32_t>(s.size());
  return v;
}
tb_value str(std::string_view s) {
  return text(TB_STRING, s);
}

// Runs a writer over findings and returns what it printed.
class Capture {
 public:
  explicit Capture(OutputFormat format) {
    file_ = ::open_memstream(&buffer_, &size_);
    writer_ = tb::runtime::make_finding_writer(format, file_);
  }
  ~Capture() { std::free(buffer_); }
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;

  void add(const Finding& f) { writer_->finding(f); }
  std::string finish() {
    writer_->finish();
    std::fclose(file_);
    return std::string(buffer_, size_);
  }

 private:
  char* buffer_ = nullptr;
  size_t size_ = 0;
  std::FILE* file_ = nullptr;
  std::unique_ptr<tb::runtime::FindingSink> writer_;
};

// A plan with slots: 0 eventTime, 1 eventID, 2.. the selected columns.
struct Fixture {
  Fixture() {
    plan.event_time_slot = 0;
    plan.event_id_slot = 1;
    main.runbook = "iam";
    main.title = "IAM changes";
    main.severity = "medium";
    main.query = "main";
    main.columns = {{"eventName", 2}, {"actor", 3}, {"req", 4}, {"n", 5}};
    named = main;
    named.query = "by_ip";
    named.columns = {{"ip", 2}};
  }
  Finding finding(const QueryPlan& q, const std::vector<tb_value>& slots, uint64_t index) const {
    Finding f;
    f.query = &q;
    f.file = file;
    f.record_index = index;
    f.slots = slots.data();
    f.plan = &plan;
    return f;
  }
  ScanPlan plan;
  QueryPlan main, named;
  std::string file = "logs/a \"b\".json";
};

TEST(JsonLinesWriter, OneObjectPerFindingWithMissingLeftOutAndNullKept) {
  Fixture fx;
  tb_value n{};
  n.kind = TB_DOUBLE;
  n.d = 1.5;
  tb_value null{};
  null.kind = TB_NULL;
  const std::vector<tb_value> full = {str("2023-07-10T12:00:00Z"),
                                      str("id-1"),
                                      str("Put\"Role\"\n"),
                                      null,
                                      text(TB_OBJECT, "{ \"roleName\" : \"r\" }"),
                                      n};
  const std::vector<tb_value> sparse = {tb_value{}, tb_value{}, str("x"),
                                        tb_value{}, tb_value{}, tb_value{}};
  Capture c(OutputFormat::JsonLines);
  c.add(fx.finding(fx.main, full, 7));
  c.add(fx.finding(fx.named, sparse, 8));
  const std::string out = c.finish();
  EXPECT_EQ(out,
            R"({"runbook":"iam","query":"main","severity":"medium","file":"logs/a \"b\".json",)"
            R"("record":7,"eventID":"id-1","eventTime":"2023-07-10T12:00:00Z","fields":{)"
            R"("eventName":"Put\"Role\"\n","actor":null,"req":{"roleName":"r"},"n":1.5}})"
            "\n"
            R"({"runbook":"iam","query":"by_ip","severity":"medium","file":"logs/a \"b\".json",)"
            R"("record":8,"fields":{"ip":"x"}})"
            "\n");
  // Each line is valid JSON.
  simdjson::dom::parser parser;
  size_t start = 0;
  for (size_t end; (end = out.find('\n', start)) != std::string::npos; start = end + 1) {
    simdjson::dom::element e;
    EXPECT_EQ(parser.parse(out.substr(start, end - start)).get(e), simdjson::SUCCESS);
  }
}

TEST(TableWriter, OneTablePerQueryWithAHeaderAndRows) {
  Fixture fx;
  const std::vector<tb_value> a = {tb_value{},   tb_value{}, str("PutRolePolicy"),
                                   str("alice"), tb_value{}, tb_value{}};
  const std::vector<tb_value> b = {tb_value{}, tb_value{}, str("AttachRolePolicy"),
                                   tb_value{}, tb_value{}, tb_value{}};
  Capture c(OutputFormat::Table);
  c.add(fx.finding(fx.main, a, 0));
  c.add(fx.finding(fx.named, b, 1));
  c.add(fx.finding(fx.main, b, 12));
  const std::string out = c.finish();
  EXPECT_EQ(out,
            "\niam (medium): IAM changes \xe2\x80\x94 2 matches\n"
            "  record         eventName         actor  req  n\n"
            "  a \"b\".json#0   PutRolePolicy     alice\n"
            "  a \"b\".json#12  AttachRolePolicy\n"
            "\niam.by_ip (medium): IAM changes \xe2\x80\x94 1 match\n"
            "  record        ip\n"
            "  a \"b\".json#1  AttachRolePolicy\n");
}

TEST(TableWriter, LongCellsAreCutToSixtyColumns) {
  Fixture fx;
  const std::string long_text(80, 'x');
  const std::vector<tb_value> s = {tb_value{}, tb_value{}, str(long_text),
                                   tb_value{}, tb_value{}, tb_value{}};
  Capture c(OutputFormat::Table);
  c.add(fx.finding(fx.main, s, 0));
  const std::string out = c.finish();
  EXPECT_NE(out.find(std::string(59, 'x') + "\xe2\x80\xa6"), std::string::npos) << out;
  EXPECT_EQ(out.find(std::string(60, 'x')), std::string::npos) << out;
}

TEST(TableWriter, CutCellsRemainValidUtf8) {
  Fixture fx;
  std::string accents;
  for (int i = 0; i < 40; ++i) accents += "\xc3\xa9";
  const std::vector<tb_value> s = {tb_value{}, tb_value{}, str(accents),
                                   tb_value{}, tb_value{}, tb_value{}};
  Capture c(OutputFormat::Table);
  c.add(fx.finding(fx.main, s, 0));
  const std::string out = c.finish();
  EXPECT_TRUE(simdjson::validate_utf8(out.data(), out.size())) << out;
}

// CloudTrail strings such as userAgent and sourceIPAddress are set by whoever calls AWS. Printed
// raw to a terminal they can move the cursor, rewrite the title, or forge table rows.
TEST(TableWriter, ControlCharactersFromTheDataAreNotPrintedRaw) {
  Fixture fx;
  const std::vector<tb_value> s = {
      tb_value{},  tb_value{}, str("ua\x1b]0;pwned\x07"), str("1.2.3.4\nfake row"),
      str("a\rb"), tb_value{}};
  Capture c(OutputFormat::Table);
  c.add(fx.finding(fx.main, s, 0));
  const std::string out = c.finish();
  for (char ch : {'\x1b', '\x07', '\r'}) {
    EXPECT_EQ(out.find(ch), std::string::npos) << static_cast<int>(ch) << " in:\n" << out;
  }
  EXPECT_EQ(out.find("\nfake row"), std::string::npos) << out;
}

}  // namespace
