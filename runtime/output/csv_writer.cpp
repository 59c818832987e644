#include "runtime/output/csv_writer.h"

#include <algorithm>
#include <array>
#include <vector>

#include "runtime/output/value_format.h"

namespace tb::runtime {

namespace {

constexpr std::array<std::string_view, 7> kLeading = {"runbook", "query",     "severity", "file",
                                                      "record",  "eventTime", "eventID"};
constexpr size_t kFile = 3, kRecord = 4, kEventTime = 5, kEventId = 6;

class CsvWriter final : public FindingSink {
 public:
  CsvWriter(const ScanPlan& plan, std::FILE* out) : out_(out), columns_(plan.queries.size()) {
    header_.assign(kLeading.begin(), kLeading.end());
    for (const QueryPlan& q : plan.queries) {
      std::vector<size_t>& to = columns_[q.index];
      if (q.shape) {
        for (const aggregate::OutputColumn& c : q.shape->columns) {
          if (!c.hidden) to.push_back(column_for(c.name));
        }
      } else {
        for (const OutputColumn& c : q.columns) to.push_back(column_for(c.name));
      }
    }
    write_line(header_);
  }

  void finding(const Finding& f) override {
    std::vector<std::string> cells = begin(*f.query);
    cells[kFile] = std::string(f.file);
    cells[kRecord] = std::to_string(f.record_index);
    cells[kEventTime] = text_value(f.slots[f.plan->event_time_slot]);
    cells[kEventId] = text_value(f.slots[f.plan->event_id_slot]);
    const std::vector<size_t>& to = columns_[f.query->index];
    for (size_t i = 0; i < f.query->columns.size() && i < to.size(); ++i) {
      cells[to[i]] = text_value(f.slots[f.query->columns[i].slot]);
    }
    write_line(cells);
  }

  void rows(const QueryPlan& query, const std::vector<aggregate::Row>& rows) override {
    const std::vector<size_t>& to = columns_[query.index];
    for (const aggregate::Row& row : rows) {
      std::vector<std::string> cells = begin(query);
      for (size_t i = 0; i < row.size() && i < to.size(); ++i) cells[to[i]] = text_value(row[i]);
      write_line(cells);
    }
  }

  void finish() override { std::fflush(out_); }

 private:
  // The CSV column of an output column name, added on first use.
  size_t column_for(const std::string& name) {
    if (name == kLeading[kEventTime]) return kEventTime;
    if (name == kLeading[kEventId]) return kEventId;
    const bool leading = std::find(kLeading.begin(), kLeading.end(), name) != kLeading.end();
    const std::string heading = leading ? "fields." + name : name;
    const auto found = std::find(header_.begin() + kLeading.size(), header_.end(), heading);
    if (found != header_.end()) return static_cast<size_t>(found - header_.begin());
    header_.push_back(heading);
    return header_.size() - 1;
  }

  std::vector<std::string> begin(const QueryPlan& q) const {
    std::vector<std::string> cells(header_.size());
    cells[0] = q.runbook;
    cells[1] = q.query;
    cells[2] = q.severity;
    return cells;
  }

  void write_line(const std::vector<std::string>& cells) {
    line_.clear();
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line_ += ',';
      line_ += csv_field(cells[i]);
    }
    line_ += "\r\n";
    std::fwrite(line_.data(), 1, line_.size(), out_);
  }

  std::FILE* out_;
  std::vector<std::string> header_;
  std::vector<std::vector<size_t>> columns_;  // by query index: its output columns' CSV columns
  std::string line_;
};

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::unique_ptr<FindingSink> make_csv_writer(const ScanPlan& plan, std::FILE* out) {
  return std::make_unique<CsvWriter>(plan, out);
}

}  // namespace tb::runtime
