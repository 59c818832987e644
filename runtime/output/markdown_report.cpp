#include "runtime/output/markdown_report.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "runtime/output/markdown_table.h"
#include "runtime/output/value_format.h"

namespace tb::runtime {

namespace {

std::string plural(uint64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Most severe first; severities the report does not know go last.
int severity_rank(const std::string& severity) {
  static constexpr std::array<std::string_view, 5> kOrder = {"critical", "high", "medium", "low",
                                                             "info"};
  const auto found = std::find(kOrder.begin(), kOrder.end(), severity);
  return static_cast<int>(found - kOrder.begin());
}

std::string string_in(const tb_value* slots, uint32_t slot) {
  if (slot == UINT32_MAX || slots[slot].kind != TB_STRING) return {};
  return std::string(slots[slot].str, slots[slot].len);
}

void widen_range(std::string& first, std::string& last, const std::string& time) {
  if (time.empty()) return;
  if (first.empty() || time < first) first = time;
  if (last.empty() || time > last) last = time;
}

// The `top` most frequent values, most frequent first (ties by value, for a stable report).
std::vector<std::pair<std::string, uint64_t>> top_values(
    const std::unordered_map<std::string, uint64_t>& counts, size_t top) {
  std::vector<std::pair<std::string, uint64_t>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (sorted.size() > top) sorted.resize(top);
  return sorted;
}

// Columns whose cells are all numbers (bare, unlike text in code spans), or empty: right-aligned.
std::vector<bool> numeric_columns(size_t columns,
                                  const std::vector<std::vector<std::string>>& rows) {
  std::vector<bool> numeric(columns, !rows.empty());
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size() && i < columns; ++i) {
      const std::string& cell = row[i];
      if (!cell.empty() &&
          (cell[0] == '`' || cell == "null" || cell == "true" || cell == "false")) {
        numeric[i] = false;
      }
    }
  }
  return numeric;
}

std::string human_bytes(uint64_t n) {
  if (n >= 1'000'000) return fmt::format("{:.1f} MB", n / 1e6);
  return fmt::format("{:.1f} kB", n / 1e3);
}

}  // namespace

MarkdownReport::MarkdownReport(const ScanPlan& plan, ReportOptions options)
    : plan_(plan),
      options_(std::move(options)),
      results_(plan.queries.size()),
      runbook_of_query_(plan.queries.size(), SIZE_MAX) {
  for (const ReportRunbook& info : options_.runbooks) {
    RunbookState state;
    state.info = &info;
    runbooks_.push_back(std::move(state));
  }
  for (const QueryPlan& q : plan.queries) {
    auto found = std::find_if(runbooks_.begin(), runbooks_.end(),
                              [&](const RunbookState& rb) { return rb.info->name == q.runbook; });
    if (found == runbooks_.end()) continue;  // not described: left out of the report
    found->queries.push_back(&q);
    runbook_of_query_[q.index] = static_cast<size_t>(found - runbooks_.begin());
  }
  const std::vector<std::string>& names = report_context_fields();
  std::array<uint32_t*, 5> slots = {&arn_, &principal_, &invoked_by_, &address_, &region_};
  for (const OutputColumn& c : plan.context) {
    const auto found = std::find(names.begin(), names.end(), c.name);
    if (found != names.end()) *slots[static_cast<size_t>(found - names.begin())] = c.slot;
  }
}

void MarkdownReport::finding(const Finding& f) {
  count_record(f);
  QueryResults& r = results_[f.query->index];
  if (r.header.empty()) {
    for (const OutputColumn& c : f.query->columns) r.header.push_back(markdown_plain(c.name));
  }
  if (r.count++ >= options_.max_rows) return;
  std::vector<std::string> cells;
  for (const OutputColumn& c : f.query->columns) cells.push_back(markdown_cell(f.slots[c.slot]));
  r.rows.push_back(std::move(cells));
}

void MarkdownReport::row_match(const Finding& f) {
  count_record(f);
}

void MarkdownReport::rows(const QueryPlan& query, const std::vector<aggregate::Row>& rows) {
  QueryResults& r = results_[query.index];
  r.header.clear();
  for (const aggregate::OutputColumn& c : query.shape->columns) {
    if (!c.hidden) r.header.push_back(markdown_plain(c.name));
  }
  r.count = rows.size();
  for (size_t i = 0; i < rows.size() && i < options_.max_rows; ++i) {
    std::vector<std::string> cells;
    for (const aggregate::Value& v : rows[i]) cells.push_back(markdown_cell(v));
    r.rows.push_back(std::move(cells));
  }
}

// Findings of one record come together, query after query, so a runbook counts a record once
// however many of its queries matched it.
void MarkdownReport::count_record(const Finding& f) {
  const std::string time = string_in(f.slots, f.plan->event_time_slot);
  widen_range(first_, last_, time);
  const size_t index = runbook_of_query_[f.query->index];
  if (index == SIZE_MAX) return;
  RunbookState& rb = runbooks_[index];
  if (rb.records > 0 && rb.last_record == f.record_index && rb.last_file == f.file) return;
  rb.last_file.assign(f.file);
  rb.last_record = f.record_index;
  ++rb.records;
  widen_range(rb.first, rb.last, time);
  std::string actor = string_in(f.slots, arn_);
  if (actor.empty()) actor = string_in(f.slots, principal_);
  if (actor.empty()) actor = string_in(f.slots, invoked_by_);
  if (!actor.empty()) ++rb.actors[actor];
  if (std::string a = string_in(f.slots, address_); !a.empty()) ++rb.addresses[a];
  if (std::string r = string_in(f.slots, region_); !r.empty()) ++rb.regions[r];
}

uint64_t MarkdownReport::results(const RunbookState& rb) const {
  uint64_t n = 0;
  for (const QueryPlan* q : rb.queries) n += results_[q->index].count;
  return n;
}

std::string MarkdownReport::render_header(const ScanSummary& s, size_t with_results) const {
  std::string inputs;
  for (const std::string& input : options_.inputs) {
    inputs += (inputs.empty() ? "" : ", ") + markdown_text_cell(input);
  }
  std::string out = "# trailbook investigation report\n\n";
  out += fmt::format("- **Inputs:** {}\n", inputs);
  out += fmt::format(
      "- **Files:** {} ({}){}{}\n", s.files, human_bytes(s.bytes),
      s.files_with_problems > 0 ? fmt::format("; {} with problems", s.files_with_problems) : "",
      s.digest_files_skipped > 0 ? fmt::format("; {} digest files ignored", s.digest_files_skipped)
                                 : "");
  out += fmt::format("- **Records:** {} read = {} matched + {} not matched + {} skipped\n",
                     s.records_read, s.records_matched, s.records_unmatched, s.records_skipped);
  if (!first_.empty()) {
    out += fmt::format("- **Matched records from** {} **to** {}\n", first_, last_);
  }
  out += fmt::format(
      "- **Runbooks:** {}, {} of them with results (listed first, most severe first); "
      "{} findings and rows in all\n",
      runbooks_.size(), with_results, s.findings);
  if (s.incomplete()) {
    out += fmt::format(
        "\n> **Warning: the result is incomplete.** {} records skipped and {} files with "
        "problems (details on stderr){}.\n",
        s.records_skipped, s.files_with_problems,
        s.query_failures.empty() ? "" : "; some queries could not finish");
    for (const std::string& failure : s.query_failures) {
      out += fmt::format("> - {}\n", markdown_plain(failure));
    }
  }
  return out;
}

std::string MarkdownReport::render_runbook(const RunbookState& rb, const ScanSummary& s) const {
  const ReportRunbook& info = *rb.info;
  std::string out =
      fmt::format("\n## {}\n\n", markdown_plain(info.title.empty() ? info.name : info.title));
  out += fmt::format("{}severity **{}** · runbook `{}` · {} matched",
                     info.id.empty() ? "" : fmt::format("`{}` · ", info.id), info.severity,
                     info.name, plural(rb.records, "record", "records"));
  if (!rb.first.empty()) out += fmt::format(", from {} to {}", rb.first, rb.last);
  out += "\n";
  if (!info.description.empty()) out += "\n" + info.description + "\n";

  std::vector<std::vector<std::string>> queries;
  for (const QueryPlan* q : rb.queries) {
    const auto question = info.questions.find(q->query);
    const QueryResults& r = results_[q->index];
    queries.push_back({"`" + q->query + "`",
                       question == info.questions.end() ? "" : markdown_plain(question->second),
                       std::to_string(s.matches_per_query[q->index]),
                       q->shape ? plural(r.count, "row", "rows") : std::to_string(r.count)});
  }
  out += "\n" + markdown_table({"query", "question", "records matched", "results"}, queries,
                               {false, false, true, true});

  const auto actors = top_values(rb.actors, options_.top);
  const auto addresses = top_values(rb.addresses, options_.top);
  const auto regions = top_values(rb.regions, options_.top);
  const size_t tops = std::max({actors.size(), addresses.size(), regions.size()});
  if (tops > 0) {
    std::vector<std::vector<std::string>> rows(tops, std::vector<std::string>(6));
    auto fill = [&](const auto& values, size_t column) {
      for (size_t i = 0; i < values.size(); ++i) {
        rows[i][column] = markdown_text_cell(values[i].first);
        rows[i][column + 1] = std::to_string(values[i].second);
      }
    };
    fill(actors, 0);
    fill(addresses, 2);
    fill(regions, 4);
    out += fmt::format("\nTop {} among the records matched:\n\n", options_.top);
    out += markdown_table({"actor", "records", "source IP", "records", "region", "records"}, rows,
                          {false, true, false, true, false, true});
  }

  for (const QueryPlan* q : rb.queries) {
    const QueryResults& r = results_[q->index];
    if (r.count == 0) continue;
    out += fmt::format(
        "\n### `{}`: {}\n\n", q->query,
        q->shape ? plural(r.count, "row", "rows") : plural(r.count, "finding", "findings"));
    out += markdown_table(r.header, r.rows, numeric_columns(r.header.size(), r.rows));
    if (r.count > r.rows.size()) {
      out += fmt::format("\n… and {} more (--max-rows shows more; --format jsonl or csv all)\n",
                         r.count - r.rows.size());
    }
  }
  return out;
}

// A runbook without results, on one line; records its queries matched but that no row came of
// (a having, or a limit 0) are worth a mention.
std::string MarkdownReport::render_quiet(const RunbookState& rb, const ScanSummary& s) const {
  uint64_t matched = 0;
  for (const QueryPlan* q : rb.queries) matched += s.matches_per_query[q->index];
  return fmt::format("- `{}` ({}): {}{}\n", rb.info->name, rb.info->severity,
                     markdown_plain(rb.info->title),
                     matched > 0 ? fmt::format(" ({} matched, no row came of them)",
                                               plural(rb.records, "record", "records"))
                                 : "");
}

void MarkdownReport::write(std::FILE* out, const ScanSummary& summary) const {
  std::vector<const RunbookState*> loud, quiet;
  for (const RunbookState& rb : runbooks_) (results(rb) > 0 ? loud : quiet).push_back(&rb);
  std::stable_sort(loud.begin(), loud.end(), [](const RunbookState* a, const RunbookState* b) {
    return severity_rank(a->info->severity) < severity_rank(b->info->severity);
  });
  std::string text = render_header(summary, loud.size());
  for (const RunbookState* rb : loud) text += render_runbook(*rb, summary);
  if (!quiet.empty()) {
    text += fmt::format("\n## Runbooks without results\n\n");
    for (const RunbookState* rb : quiet) text += render_quiet(*rb, summary);
  }
  std::fwrite(text.data(), 1, text.size(), out);
  std::fflush(out);
}

}  // namespace tb::runtime
