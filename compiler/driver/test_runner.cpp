#include "compiler/driver/test_runner.h"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <simdjson.h>

#include "compiler/driver/compiler.h"
#include "compiler/driver/test_rows.h"
#include "compiler/interp/interp_evaluator.h"
#include "runtime/exec/pack_runner.h"

namespace tb::driver {

namespace {

// Test records are few and small; a query that outgrows this is a runaway test.
constexpr size_t kTestMemoryLimit = size_t{256} << 20;

// What one engine made of one test's records, per query of the runbook.
struct Observation {
  std::vector<int64_t> first_match;  // the first matching record (1-based), 0 for none
  std::vector<std::vector<Row>> rows;
  std::string error;  // a record that could not be read, or a query that could not finish

  bool matched(size_t q) const { return first_match[q] != 0; }
};

std::string query_name(const check::CheckedQuery& q) {
  return q.name.empty() ? "main" : q.name;
}

// The names of a query's output columns, as its rows and findings hold them.
std::vector<std::string> header_of(const runtime::QueryPlan& q) {
  std::vector<std::string> names;
  if (q.shape) {
    for (const auto& c : q.shape->columns) {
      if (!c.hidden) names.push_back(c.name);
    }
  } else {
    for (const auto& c : q.columns) names.push_back(c.name);
  }
  return names;
}

uint32_t line_of(const SourceManager& sources, Span span) {
  return sources.file(span.file).location(span.begin).line;
}

// Runs the test's records through `plan` as a scan would: a streaming query's rows are its
// findings' selected fields; the others' come from their operators.
Observation observe(const runtime::ScanPlan& plan, const check::CheckedRunbook& rb,
                    const check::CheckedTest& test, const SourceManager& sources) {
  Observation obs;
  obs.first_match.assign(rb.queries.size(), 0);
  obs.rows.resize(rb.queries.size());
  runtime::aggregate::MemoryBudget budget(kTestMemoryLimit);
  runtime::PackRunner runner(plan, budget);
  std::string buffer;
  std::string error;
  for (size_t r = 0; r < test.records.size(); ++r) {
    const std::string& text = test.records[r].first;
    buffer.assign(text);
    buffer.append(simdjson::SIMDJSON_PADDING, ' ');
    const auto outcome =
        runner.run(std::string_view(buffer.data(), text.size()), buffer.size(), r, error);
    if (outcome == runtime::PackRunner::Outcome::Malformed) {
      obs.error = fmt::format("record {} (line {}) cannot be read: {}", r + 1,
                              line_of(sources, test.records[r].second), error);
      return obs;
    }
    if (outcome != runtime::PackRunner::Outcome::Matched) continue;
    for (size_t q = 0; q < rb.queries.size(); ++q) {
      const runtime::QueryPlan& query = plan.queries[rb.queries[q].index];
      if (!runner.matched(query.index)) continue;
      if (obs.first_match[q] == 0) obs.first_match[q] = static_cast<int64_t>(r + 1);
      if (query.shape) continue;
      Row row;
      for (const auto& c : query.columns) {
        row.push_back(runtime::aggregate::Value::from(runner.slots()[c.slot]));
      }
      obs.rows[q].push_back(std::move(row));
    }
  }
  for (runtime::PackRunner::QueryRows& result : runner.finish()) {
    for (size_t q = 0; q < rb.queries.size(); ++q) {
      if (rb.queries[q].index != result.query->index) continue;
      if (!result.error.empty()) obs.error = result.error;
      obs.rows[q] = std::move(result.rows);
    }
  }
  return obs;
}

// Where the two engines differ, which is a trailbook bug rather than a runbook's.
std::optional<std::string> disagreement(const Observation& jit, const Observation& interp,
                                        const check::CheckedRunbook& rb) {
  if (jit.error.empty() != interp.error.empty()) {
    return fmt::format("the kernel says '{}', the interpreter '{}'", jit.error, interp.error);
  }
  for (size_t q = 0; q < rb.queries.size(); ++q) {
    if (jit.matched(q) != interp.matched(q) || !rows_equal(jit.rows[q], interp.rows[q])) {
      return fmt::format("query '{}' differs", query_name(rb.queries[q]));
    }
  }
  return std::nullopt;
}

void check_expectations(const Observation& obs, const check::CheckedRunbook& rb,
                        const check::CheckedTest& test, const runtime::ScanPlan& plan,
                        const SourceManager& sources, std::vector<std::string>& failures) {
  if (!obs.error.empty()) {
    failures.push_back(obs.error);
    return;
  }
  for (const check::CheckedTest::Expect& x : test.expectations) {
    const check::CheckedQuery& query = rb.queries[x.query];
    const std::string name = query_name(query);
    const uint32_t line = line_of(sources, x.span);
    switch (x.kind) {
      case check::CheckedTest::Expect::Kind::Match:
        if (!obs.matched(x.query)) {
          failures.push_back(
              fmt::format("line {}: expected query '{}' to match; no record matched", line, name));
        }
        break;
      case check::CheckedTest::Expect::Kind::NoMatch:
        if (obs.matched(x.query)) {
          failures.push_back(fmt::format("line {}: expected query '{}' not to match; record {} did",
                                         line, name, obs.first_match[x.query]));
        }
        break;
      case check::CheckedTest::Expect::Kind::Rows: {
        const std::vector<std::string> header = header_of(plan.queries[query.index]);
        std::string error;
        auto expected = parse_expected_rows(x.rows, header, error);
        if (!expected) {
          failures.push_back(fmt::format("line {}: {}", line, error));
        } else if (!rows_equal(*expected, obs.rows[x.query])) {
          failures.push_back(fmt::format(
              "line {}: query '{}' gave other rows\n    expected: {}\n"
              "    actual:   {}",
              line, name, rows_json(*expected, header), rows_json(obs.rows[x.query], header)));
        }
        break;
      }
    }
  }
}

// A compiled pack for one set of test options, kept while the file's tests run.
struct TestPack {
  std::unique_ptr<Compilation> compilation;
  std::unique_ptr<CompiledPack> pack;
  runtime::ScanPlan interp_plan;
};

}  // namespace

FileTestResult run_file_tests(const std::string& file, const jit::JitOptions& jit_options,
                              const std::function<void(const Compilation&)>& report) {
  FileTestResult result;
  result.file = file;
  using NowKey = std::optional<std::pair<int64_t, std::string>>;
  std::map<std::pair<std::map<std::string, std::string>, NowKey>, TestPack> packs;
  auto pack_for = [&](const std::map<std::string, std::string>& params,
                      std::optional<semantics::Instant> now) -> TestPack* {
    const auto key = std::make_pair(
        params, now ? NowKey(std::make_pair(now->seconds, now->fraction)) : NowKey());
    auto it = packs.find(key);
    if (it != packs.end()) return it->second.pack ? &it->second : nullptr;
    TestPack& tp = packs[key];
    tp.compilation = std::make_unique<Compilation>();
    CompileOptions options = tp.compilation->options();
    options.params = params;
    if (now) options.now = *now;
    tp.compilation->set_options(std::move(options));
    tp.compilation->add_file(file);
    tp.pack = tp.compilation->compile(jit_options, result.jit_error);
    report(*tp.compilation);
    if (!tp.pack) {
      result.compile_failed = true;
      return nullptr;
    }
    tp.interp_plan = tp.pack->plan;
    const check::CheckedPack* checked = &tp.pack->checked;
    tp.interp_plan.make_evaluator = [checked] { return interp::make_interp_evaluator(*checked); };
    return &tp;
  };

  TestPack* base = pack_for({}, std::nullopt);
  if (base == nullptr) return result;
  const check::CheckedPack& base_checked = base->pack->checked;
  result.runbooks = base_checked.runbooks.size();
  for (const check::CheckedRunbook& rb : base_checked.runbooks) {
    if (rb.tests.empty()) result.untested_runbooks.push_back(rb.name);
    result.queries += rb.queries.size();
    for (uint32_t q = 0; q < rb.queries.size(); ++q) {
      const bool named = std::any_of(rb.tests.begin(), rb.tests.end(), [&](const auto& t) {
        return std::any_of(t.expectations.begin(), t.expectations.end(),
                           [&](const auto& x) { return x.query == q; });
      });
      if (!named) result.unexercised_queries.push_back(rb.name + "." + query_name(rb.queries[q]));
    }
  }
  for (size_t r = 0; r < base_checked.runbooks.size(); ++r) {
    for (const check::CheckedTest& declared : base_checked.runbooks[r].tests) {
      TestPack* tp = pack_for(declared.params, declared.now);
      if (tp == nullptr) return result;
      const SourceManager& sources = tp->compilation->sources();
      const check::CheckedRunbook& rb = tp->pack->checked.runbooks[r];
      const check::CheckedTest* test = &declared;
      for (const check::CheckedTest& t : rb.tests) {
        if (t.name == declared.name) test = &t;
      }
      TestOutcome outcome;
      outcome.file = file;
      outcome.line = line_of(sources, test->span);
      outcome.runbook = rb.name;
      outcome.test = test->name;
      const Observation jit = observe(tp->pack->plan, rb, *test, sources);
      const Observation interp = observe(tp->interp_plan, rb, *test, sources);
      if (auto why = disagreement(jit, interp, rb)) {
        outcome.failures.push_back("the compiled kernel and the reference interpreter disagree: " +
                                   *why + " (a trailbook bug; please report it)");
      }
      check_expectations(jit, rb, *test, tp->pack->plan, sources, outcome.failures);
      result.tests.push_back(std::move(outcome));
    }
  }
  return result;
}

}  // namespace tb::driver
