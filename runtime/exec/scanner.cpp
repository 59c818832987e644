#include "runtime/exec/scanner.h"

#include "runtime/abi/scratch.h"

#include <chrono>

#include "runtime/exec/field_extractor.h"
#include "runtime/input/discover.h"
#include "runtime/input/record_reader.h"

namespace tb::runtime {

namespace {

static_assert(PaddedBuffer::kPadding >= simdjson::SIMDJSON_PADDING,
              "records are parsed in place and need simdjson's padding");

class FileScanner {
 public:
  FileScanner(const ScanPlan& plan, FindingSink& findings, ProblemSink& problems,
              ScanSummary& summary)
      : plan_(plan),
        findings_(findings),
        problems_(problems),
        summary_(summary),
        extractor_(plan.fields),
        slots_(plan.fields.size()),
        matched_((plan.queries.size() + 63) / 64 + 1) {}

  void scan_file(const std::string& path, const LoadOptions& options) {
    LoadedFile file = load_file(path, options);
    ++summary_.files;
    summary_.bytes += file.bytes.size();
    bool damaged = false;
    if (file.damage) {
      damaged = true;
      problems_.problem({path, false, 0, 0, *file.damage});
    }
    RecordReader reader(file.bytes.view());
    const char* buffer_end = file.bytes.data() + file.bytes.size() + PaddedBuffer::kPadding;
    RawRecord record;
    while (reader.next(record)) {
      ++summary_.records_read;
      if (record.cut_off) {
        skip(path, record, "the record is cut off: the input ends inside it");
        continue;
      }
      std::string error = extractor_.extract(
          record.bytes, static_cast<size_t>(buffer_end - record.bytes.data()), slots_.data());
      if (!error.empty()) {
        skip(path, record, "malformed record: " + error);
        continue;
      }
      evaluate(path, record);
    }
    if (reader.document_problem()) {
      damaged = true;
      problems_.problem({path, false, 0, 0, *reader.document_problem()});
    }
    if (damaged) ++summary_.files_with_problems;
  }

 private:
  void skip(const std::string& path, const RawRecord& record, std::string message) {
    ++summary_.records_skipped;
    problems_.problem({path, true, record.index, record.line, std::move(message)});
  }

  void evaluate(const std::string& path, const RawRecord& record) {
    scratch_.reset();
    if (plan_.kernel(slots_.data(), matched_.data(), &context_) == 0) {
      ++summary_.records_unmatched;
      return;
    }
    ++summary_.records_matched;
    for (size_t q = 0; q < plan_.queries.size(); ++q) {
      if ((matched_[q / 64] >> (q % 64) & 1) == 0) continue;
      ++summary_.matches_per_query[q];
      findings_.finding({&plan_.queries[q], path, record.index, slots_.data(), &plan_});
    }
  }

  const ScanPlan& plan_;
  FindingSink& findings_;
  ProblemSink& problems_;
  ScanSummary& summary_;
  FieldExtractor extractor_;
  std::vector<tb_value> slots_;
  std::vector<uint64_t> matched_;
  tb_scratch scratch_;
  tb_kernel_context context_{plan_.objects.data(), &scratch_};
};

}  // namespace

ScanSummary scan(const ScanPlan& plan, const std::vector<std::string>& inputs,
                 FindingSink& findings, ProblemSink& problems, const ScanOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  ScanSummary summary;
  summary.matches_per_query.assign(plan.queries.size(), 0);
  DiscoveredInputs found = discover_inputs(inputs);
  summary.digest_files_skipped = found.digest_files_skipped;
  for (const auto& p : found.problems) {
    ++summary.files_with_problems;
    problems.problem({p.path, false, 0, 0, p.message});
  }
  FileScanner scanner(plan, findings, problems, summary);
  for (const InputFile& f : found.files) scanner.scan_file(f.path, options.load);
  findings.finish();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace tb::runtime
