#pragma once
// trailbook run's investigation report: markdown an engineer can paste into a ticket. A header
// with the inputs, the time range of the matched records and the totals; then per runbook
// with results (most severe first, then in pack order) its metadata, its queries with their
// counts, the top actors, source addresses and regions of the records it matched, and each
// query's results as a table (at most `max_rows` rows); the runbooks without results at the end.
#include <cstdio>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/exec/scanner.h"

namespace tb::runtime {

// The fields the report counts, to be carried by every match (ScanPlan::context). The actor is
// the ARN, else the principal id, else the service that acted (invokedBy).
inline const std::vector<std::string>& report_context_fields() {
  static const std::vector<std::string> fields = {"userIdentity.arn", "userIdentity.principalId",
                                                  "userIdentity.invokedBy", "sourceIPAddress",
                                                  "awsRegion"};
  return fields;
}

// What the report says about a runbook beyond its QueryPlans.
struct ReportRunbook {
  std::string name;  // as in QueryPlan::runbook
  std::string id;
  std::string title;
  std::string severity;
  std::string description;
  std::map<std::string, std::string> questions;  // query name -> the comment written above it
};

struct ReportOptions {
  std::vector<std::string> inputs;
  std::vector<ReportRunbook> runbooks;  // in pack order
  size_t max_rows = 20;                 // result rows shown per query
  size_t top = 5;                       // actors, addresses and regions shown per runbook
};

class MarkdownReport final : public FindingSink {
 public:
  MarkdownReport(const ScanPlan& plan, ReportOptions options);

  void finding(const Finding& f) override;
  void row_match(const Finding& f) override;
  void rows(const QueryPlan& query, const std::vector<aggregate::Row>& rows) override;

  // The report, once the scan is done.
  void write(std::FILE* out, const ScanSummary& summary) const;

 private:
  struct QueryResults {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // the first max_rows, as markdown cells
    uint64_t count = 0;                          // findings, or result rows
  };
  using Counts = std::unordered_map<std::string, uint64_t>;
  struct RunbookState {
    const ReportRunbook* info = nullptr;
    std::vector<const QueryPlan*> queries;
    uint64_t records = 0;     // distinct records its queries matched
    std::string first, last;  // eventTime of those records
    Counts actors, addresses, regions;
    std::string last_file;  // the record counted last, so that each counts once
    uint64_t last_record = 0;
  };

  void count_record(const Finding& f);
  std::string render_header(const ScanSummary& summary, size_t with_results) const;
  std::string render_runbook(const RunbookState& rb, const ScanSummary& summary) const;
  std::string render_quiet(const RunbookState& rb, const ScanSummary& summary) const;
  uint64_t results(const RunbookState& rb) const;

  const ScanPlan& plan_;
  ReportOptions options_;
  std::vector<QueryResults> results_;     // by query index
  std::vector<RunbookState> runbooks_;    // in pack order
  std::vector<size_t> runbook_of_query_;  // by query index: index into runbooks_
  // Slots of report_context_fields() in the plan's context; UINT32_MAX when absent.
  uint32_t arn_ = UINT32_MAX, principal_ = UINT32_MAX, invoked_by_ = UINT32_MAX;
  uint32_t address_ = UINT32_MAX, region_ = UINT32_MAX;
  std::string first_, last_;  // eventTime range of every matched record
};

}  // namespace tb::runtime
