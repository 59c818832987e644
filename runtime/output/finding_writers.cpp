#include "runtime/output/finding_writers.h"

#include <algorithm>

#include <fmt/format.h>

#include "runtime/aggregate/value_json.h"
#include "runtime/output/display_text.h"
#include "runtime/output/value_format.h"

namespace tb::runtime {

namespace {

std::string display_name(const QueryPlan& q) {
  return q.query == "main" ? q.runbook : q.runbook + "." + q.query;
}

// The names of the columns a row holds: the shape's visible columns, in order.
std::vector<std::string> row_header(const QueryPlan& q) {
  std::vector<std::string> names;
  for (const aggregate::OutputColumn& c : q.shape->columns) {
    if (!c.hidden) names.push_back(c.name);
  }
  return names;
}

// One JSON object a line. A finding: runbook, query, where the record is, its id and time, and
// the selected fields. A row: runbook, query and the row's columns. A missing value is left
// out; JSON null stays null.
class JsonLinesWriter final : public FindingSink {
 public:
  explicit JsonLinesWriter(std::FILE* out) : out_(out) {}

  void finding(const Finding& f) override {
    begin(*f.query);
    line_ += ",\"file\":";
    append_json_string(line_, f.file);
    line_ += fmt::format(",\"record\":{}", f.record_index);
    append_field("eventID", f.slots[f.plan->event_id_slot]);
    append_field("eventTime", f.slots[f.plan->event_time_slot]);
    line_ += ",\"fields\":{";
    bool first = true;
    for (const OutputColumn& c : f.query->columns) {
      const tb_value& v = f.slots[c.slot];
      if (v.kind == TB_MISSING) continue;
      if (!first) line_ += ',';
      first = false;
      append_json_string(line_, c.name);
      line_ += ':';
      append_json_value(line_, v);
    }
    end();
  }

  void rows(const QueryPlan& query, const std::vector<aggregate::Row>& rows) override {
    const std::vector<std::string> header = row_header(query);
    for (const aggregate::Row& row : rows) {
      begin(query);
      line_ += ",\"row\":{";
      bool first = true;
      for (size_t i = 0; i < row.size() && i < header.size(); ++i) {
        if (row[i].kind == TB_MISSING) continue;
        if (!first) line_ += ',';
        first = false;
        append_json_string(line_, header[i]);
        line_ += ':';
        aggregate::append_value_json(line_, row[i]);
      }
      end();
    }
  }

  void finish() override { std::fflush(out_); }

 private:
  void begin(const QueryPlan& q) {
    line_.clear();
    line_ += "{\"runbook\":";
    append_json_string(line_, q.runbook);
    line_ += ",\"query\":";
    append_json_string(line_, q.query);
    line_ += ",\"severity\":";
    append_json_string(line_, q.severity);
  }

  void end() {
    line_ += "}}\n";
    std::fwrite(line_.data(), 1, line_.size(), out_);
  }

  void append_field(std::string_view name, const tb_value& v) {
    if (v.kind == TB_MISSING) return;
    line_ += ",\"";
    line_ += name;
    line_ += "\":";
    append_json_value(line_, v);
  }

  std::FILE* out_;
  std::string line_;
};

// Rows are held until the end so that columns line up; one table per query, in query order.
class TableWriter final : public FindingSink {
 public:
  explicit TableWriter(std::FILE* out) : out_(out) {}

  void finding(const Finding& f) override {
    Table& t = table_for(*f.query);
    if (t.header.empty()) {
      t.header.push_back("record");
      for (const OutputColumn& c : f.query->columns) t.header.push_back(c.name);
    }
    std::vector<std::string> row;
    row.push_back(escape_control_characters(f.file.substr(f.file.rfind('/') + 1)) + "#" +
                  std::to_string(f.record_index));
    for (const OutputColumn& c : f.query->columns) {
      row.push_back(escape_control_characters(text_value(f.slots[c.slot])));
    }
    t.rows.push_back(std::move(row));
  }

  void rows(const QueryPlan& query, const std::vector<aggregate::Row>& rows) override {
    Table& t = table_for(query);
    t.counts_rows = true;
    t.header = row_header(query);
    for (const aggregate::Row& row : rows) {
      std::vector<std::string> cells;
      for (const aggregate::Value& v : row) {
        cells.push_back(escape_control_characters(text_value(v)));
      }
      t.rows.push_back(std::move(cells));
    }
  }

  void finish() override {
    std::stable_sort(tables_.begin(), tables_.end(), [](const Table& a, const Table& b) {
      return a.query->index < b.query->index;
    });
    for (const Table& t : tables_) print(t);
    std::fflush(out_);
  }

 private:
  struct Table {
    const QueryPlan* query = nullptr;
    bool counts_rows = false;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
  };

  Table& table_for(const QueryPlan& q) {
    for (Table& t : tables_) {
      if (t.query == &q) return t;
    }
    Table t;
    t.query = &q;
    tables_.push_back(std::move(t));
    return tables_.back();
  }

  void print(const Table& t) {
    constexpr size_t kMaxWidth = 60;
    std::vector<size_t> width(t.header.size());
    for (size_t i = 0; i < width.size(); ++i) width[i] = code_points(t.header[i]);
    for (const auto& row : t.rows) {
      for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
        width[i] = std::min(kMaxWidth, std::max(width[i], code_points(row[i])));
      }
    }
    const char* noun = t.counts_rows ? "row" : "match";
    fmt::print(out_, "\n{} ({}): {} — {} {}{}\n", display_name(*t.query), t.query->severity,
               t.query->title, t.rows.size(), noun,
               t.rows.size() == 1 ? "" : (t.counts_rows ? "s" : "es"));
    auto print_row = [&](const std::vector<std::string>& row) {
      std::string line;
      for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
        const std::string cell = cut_to_code_points(row[i], width[i]);
        line += fmt::format("{:<{}}", cell, i + 1 < row.size() ? width[i] + 2 : 0);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      fmt::print(out_, "  {}\n", line);
    };
    print_row(t.header);
    for (const auto& row : t.rows) print_row(row);
  }

  std::FILE* out_;
  std::vector<Table> tables_;
};

}  // namespace

std::unique_ptr<FindingSink> make_finding_writer(OutputFormat format, std::FILE* out) {
  if (format == OutputFormat::Table) return std::make_unique<TableWriter>(out);
  return std::make_unique<JsonLinesWriter>(out);
}

}  // namespace tb::runtime
