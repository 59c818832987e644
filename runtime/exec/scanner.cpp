#include "runtime/exec/scanner.h"

#include <fmt/format.h>
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "runtime/exec/cloudtrail_shape.h"
#include "runtime/exec/finding_buffer.h"
#include "runtime/exec/pack_runner.h"
#include "runtime/exec/record_checks.h"
#include "runtime/input/discover.h"
#include "runtime/input/line_pieces.h"
#include "runtime/input/line_stream.h"
#include "runtime/input/record_reader.h"

namespace tb::runtime {

namespace {

static_assert(PaddedBuffer::kPadding >= simdjson::SIMDJSON_PADDING,
              "records are parsed in place and need simdjson's padding");

// Records are numbered (file, byte offset in the file) so that aggregates see input order
// whichever thread read a file or a piece of one: 2^40 bytes a file, 2^24 files.
constexpr int kRecordBits = 40;

// A line of a file read in pieces may run on this far past its piece before it is cut.
constexpr uint64_t kMaxLineOverrun = uint64_t{1} << 30;

// What one worker scans at a time: a whole file, or a piece of a large JSON-lines file.
struct WorkUnit {
  size_t file = 0;                 // index into the discovered files
  std::optional<LinePiece> piece;  // empty: the whole file
  bool first_of_file = true;       // the file's first unit (it counts the file)
};

// Why input in `format` is some other JSON document than CloudTrail, judged by its first record
// (`bytes` need simdjson's padding after them). A record spanning lines of a JSON-lines file is
// judged on the rest of the bytes from there; a first record cut off is not judged.
std::optional<std::string> shape_problem(CloudTrailShapeCheck& check, std::string_view bytes,
                                         InputFormat format) {
  RecordReader reader(bytes);
  RawRecord first;
  if (!reader.next(first) || first.cut_off) return std::nullopt;
  const std::string_view from_first = format == InputFormat::JsonLines
                                          ? bytes.substr(first.bytes.data() - bytes.data())
                                          : first.bytes;
  return check.problem(first.bytes, from_first);
}

// Whether the first record of a JSON-lines head may be CloudTrail. Input that is not is read
// whole instead of in pieces or chunks, so that it is reported and skipped as one
// (FileScanner::scan_loaded).
bool may_be_cloudtrail(const std::string& head) {
  const simdjson::padded_string padded(head);
  CloudTrailShapeCheck check;
  return !shape_problem(check, std::string_view(padded.data(), padded.size()),
                        InputFormat::JsonLines);
}

// Large plain JSON-lines files are cut into pieces so that threads share them and memory stays
// flat; the rest are read whole (gzip cannot be entered in the middle; delivery files are small).
std::vector<WorkUnit> plan_work_units(const std::vector<InputFile>& files,
                                      const LoadOptions& options) {
  std::vector<WorkUnit> units;
  for (size_t f = 0; f < files.size(); ++f) {
    const uint64_t size = files[f].size_bytes;
    std::optional<std::string> head;
    if (size >= options.stream_threshold && options.stream_chunk > 0) {
      head = json_lines_head(files[f].path);
    }
    if (!head || !may_be_cloudtrail(*head)) {
      units.push_back({f, std::nullopt, true});
      continue;
    }
    bool first = true;
    for (const LinePiece& piece : cut_into_pieces(size, options.stream_chunk)) {
      units.push_back({f, piece, first});
      first = false;
    }
  }
  return units;
}

// One worker's state: its own evaluator and query operators, and counts for its files.
class FileScanner {
 public:
  // `stop` is shared by the workers: set at the first input problem under --strict.
  FileScanner(const ScanPlan& plan, aggregate::MemoryBudget& budget, const ScanOptions& options,
              std::atomic<bool>& stop)
      : plan_(plan), runner_(plan, budget), options_(options), stop_(stop) {
    counts_.matches_per_query.assign(plan.queries.size(), 0);
  }

  void scan_file(const std::string& path, uint64_t file_index, FindingSink& findings,
                 ProblemSink& problems) {
    if (stop_) return;  // --strict: an earlier problem ended the scan
    if (path == kStdinName) {
      scan_stdin(file_index, findings, problems);
      return;
    }
    scan_loaded(path, file_index, load_file(path, options_.load), findings, problems);
  }

  // JSON lines on standard input are read in chunks of whole lines (runtime/input/line_stream);
  // anything else there (gzip, zstd, a document) is read whole, up to the decompression cap.
  void scan_stdin(uint64_t file_index, FindingSink& findings, ProblemSink& problems) {
    const std::string path = kStdinName;
    const LoadOptions& options = options_.load;
    LineStream in(STDIN_FILENO, stream_buffer_, options.stream_chunk,
                  std::max<uint64_t>(options_.max_record_bytes * 2, options.stream_chunk));
    const std::string head(in.head());
    if (!is_plain_json_lines(head) || !may_be_cloudtrail(head)) {
      PaddedBuffer raw;
      const bool whole = in.read_rest(raw, options.max_decompressed_bytes);
      LoadedFile file = load_bytes(std::move(raw), options);
      if (!whole && !file.damage) {
        file.damage = fmt::format(
            "standard input is over the {}-byte limit "
            "(--max-decompressed-size); the rest was not read",
            options.max_decompressed_bytes);
      }
      if (in.damage() && !file.damage) file.damage = in.damage();
      scan_loaded(path, file_index, std::move(file), findings, problems);
      return;
    }
    ++counts_.files;
    std::string_view lines;
    uint64_t offset = 0, index = 0, line = 1;
    while (!stopped() && in.next(lines, offset)) {
      counts_.bytes += lines.size();
      RecordReader reader = RecordReader::lines(lines, index, line, offset);
      scan_records(path, file_index, reader,
                   stream_buffer_.data() + stream_buffer_.size() + PaddedBuffer::kPadding, findings,
                   problems);
      index = reader.next_index();
      line = reader.next_line();
    }
    if (in.damage()) {
      problem(problems, {path, false, 0, 0, *in.damage()});
      ++counts_.files_with_problems;
    }
  }

  // A file read whole (and decompressed): its records, or why it could not be read.
  void scan_loaded(const std::string& path, uint64_t file_index, LoadedFile file,
                   FindingSink& findings, ProblemSink& problems) {
    ++counts_.files;
    counts_.bytes += file.bytes.size();
    bool damaged = false;
    if (file.damage) {
      damaged = true;
      problem(problems, {path, false, 0, 0, *file.damage});
    }
    RecordReader reader(file.bytes.view());
    if (!damaged && reader.format() == InputFormat::Empty) {
      // Nothing was lost, so the result stays complete; still worth a word.
      problems.problem({path, false, 0, 0,
                        file.gzip || file.zstd ? "empty file: no records after decompression"
                                               : "empty file: no records"});
    }
    if (const auto why = shape_problem(shape_check_, file.bytes.view(), reader.format());
        why && !damaged) {
      problem(problems, {path, false, 0, 0, *why + "; file skipped"});
      ++counts_.files_with_problems;
      return;
    }
    if (stopped()) {
      ++counts_.files_with_problems;
      return;
    }
    const char* buffer_end = file.bytes.data() + file.bytes.size() + PaddedBuffer::kPadding;
    scan_records(path, file_index, reader, buffer_end, findings, problems);
    if (reader.document_problem()) {
      damaged = true;
      problem(problems, {path, false, 0, 0, *reader.document_problem()});
    }
    if (damaged) ++counts_.files_with_problems;
  }

  // The lines that start inside `piece` of a JSON-lines file, numbered from the piece's start;
  // the writer renumbers them (FileBuffer::replay) once the pieces before are counted.
  void scan_piece(const std::string& path, uint64_t file_index, const LinePiece& piece,
                  bool first_of_file, FileBuffer& out) {
    if (stop_) return;  // --strict: an earlier problem ended the scan
    if (first_of_file) ++counts_.files;
    const PieceBytes got = read_piece(path, piece, stream_buffer_, kMaxLineOverrun);
    const std::string_view lines = stream_buffer_.view().substr(got.skip);
    counts_.bytes += lines.size();
    RecordReader reader = RecordReader::lines(lines, 0, 1, got.offset);
    scan_records(path, file_index, reader,
                 stream_buffer_.data() + stream_buffer_.size() + PaddedBuffer::kPadding, out, out);
    out.set_piece_counts(reader.next_index(), reader.next_line() - 1);
    if (got.damage) {
      problem(out, {path, false, 0, 0, *got.damage});
      piece_damaged_ = true;
    }
  }
  // Records read and matched since the last call, for ScanOptions::progress.
  std::pair<uint64_t, uint64_t> take_progress() {
    const std::pair<uint64_t, uint64_t> out{counts_.records_read - reported_records_,
                                            counts_.records_matched - reported_matched_};
    reported_records_ = counts_.records_read;
    reported_matched_ = counts_.records_matched;
    return out;
  }
  // Whether the last scan_piece() reported damage (cleared by the call).
  bool take_piece_damage() { return std::exchange(piece_damaged_, false); }

  PackRunner& runner() { return runner_; }
  const ScanSummary& counts() const { return counts_; }

 private:
  void scan_records(const std::string& path, uint64_t file_index, RecordReader& reader,
                    const char* buffer_end, FindingSink& findings, ProblemSink& problems) {
    RawRecord record;
    std::string error;
    while (!stopped() && reader.next(record)) {
      ++counts_.records_read;
      if (record.cut_off) {
        skip(path, record, "the record is cut off: the input ends inside it", problems);
        continue;
      }
      if (record.bytes.size() > options_.max_record_bytes) {
        skip(path, record, oversize_message(record.bytes.size(), options_.max_record_bytes),
             problems);
        continue;
      }
      const auto capacity = static_cast<size_t>(buffer_end - record.bytes.data());
      const uint64_t sequence = file_index << kRecordBits | record.offset;
      switch (runner_.run(record.bytes, capacity, sequence, error)) {
        case PackRunner::Outcome::Malformed:
          skip(path, record, "malformed record: " + error, problems);
          break;
        case PackRunner::Outcome::Unmatched:
          ++counts_.records_unmatched;
          break;
        case PackRunner::Outcome::Prefiltered:
          ++counts_.records_unmatched;
          ++counts_.records_prefiltered;
          break;
        case PackRunner::Outcome::Matched:
          report(path, record, findings);
          break;
      }
    }
  }

  void skip(const std::string& path, const RawRecord& record, std::string message,
            ProblemSink& problems) {
    ++counts_.records_skipped;
    problem(problems, {path, true, record.index, record.line, std::move(message)});
  }

  // A problem that makes the result incomplete; under --strict it ends the scan.
  void problem(ProblemSink& problems, const ScanProblem& p) {
    problems.problem(p);
    if (options_.strict) stop_ = true;
  }
  bool stopped() const { return options_.strict && stop_; }

  void report(const std::string& path, const RawRecord& record, FindingSink& findings) {
    ++counts_.records_matched;
    for (size_t q = 0; q < plan_.queries.size(); ++q) {
      if (!runner_.matched(q)) continue;
      ++counts_.matches_per_query[q];
      const Finding finding{&plan_.queries[q], path, record.index, runner_.slots(), &plan_};
      if (plan_.queries[q].shape) {  // its operator has it
        if (plan_.row_matches) findings.row_match(finding);
        continue;
      }
      ++counts_.findings;
      findings.finding(finding);
    }
  }

  const ScanPlan& plan_;
  PackRunner runner_;
  ScanSummary counts_;
  const ScanOptions& options_;
  std::atomic<bool>& stop_;
  CloudTrailShapeCheck shape_check_;
  PaddedBuffer stream_buffer_;  // reused by every piece this worker reads
  bool piece_damaged_ = false;
  uint64_t reported_records_ = 0, reported_matched_ = 0;  // take_progress()
};

void add_counts(ScanSummary& total, const ScanSummary& part) {
  total.files += part.files;
  total.files_with_problems += part.files_with_problems;
  total.bytes += part.bytes;
  total.records_read += part.records_read;
  total.records_matched += part.records_matched;
  total.records_unmatched += part.records_unmatched;
  total.records_prefiltered += part.records_prefiltered;
  total.records_skipped += part.records_skipped;
  total.findings += part.findings;
  for (size_t q = 0; q < part.matches_per_query.size(); ++q) {
    total.matches_per_query[q] += part.matches_per_query[q];
  }
}

// Units (files, or pieces of a large file) go to workers in order; each unit's output waits in a
// FileBuffer until the units before it are written, so the output does not depend on the thread
// count. Workers stay at most `window` units ahead of the writer, so `window` buffers, used in
// turn, hold everything held: memory does not grow with the number of files or their size.
class ParallelScan {
 public:
  ParallelScan(const ScanPlan& plan, const std::vector<InputFile>& files,
               const ScanOptions& options, aggregate::MemoryBudget& budget)
      : plan_(plan),
        files_(files),
        units_(plan_work_units(files, options.load)),
        options_(options),
        budget_(budget) {}

  void run(unsigned threads, FindingSink& findings, ProblemSink& problems, ScanSummary& summary) {
    threads = std::max(1u, std::min<unsigned>(threads, std::max<size_t>(units_.size(), 1)));
    const size_t window = 4 * threads;
    for (size_t i = 0; i < window; ++i) buffers_.push_back(std::make_unique<Slot>(plan_));
    std::vector<std::unique_ptr<FileScanner>> scanners;
    for (unsigned t = 0; t < threads; ++t) {
      scanners.push_back(std::make_unique<FileScanner>(plan_, budget_, options_, stop_));
    }
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
      workers.emplace_back([this, &scanner = *scanners[t], window] { work(scanner, window); });
    }
    uint64_t records_before = 0, lines_before = 0;  // in the file, before this piece
    bool file_damaged = false;
    for (size_t i = 0; i < units_.size(); ++i) {
      Slot& slot = *buffers_[i % window];
      {
        std::unique_lock lock(mutex_);
        done_cv_.wait(lock, [&] { return slot.done; });
      }
      if (units_[i].first_of_file) records_before = lines_before = 0, file_damaged = false;
      const uint64_t records = slot.buffer.piece_records(), lines = slot.buffer.piece_lines();
      slot.buffer.replay(findings, problems, records_before, lines_before);
      records_before += records;
      lines_before += lines;
      if (slot.piece_damaged && !file_damaged) ++summary.files_with_problems;
      file_damaged = file_damaged || slot.piece_damaged;
      {
        std::lock_guard lock(mutex_);
        slot.done = false;  // free for unit i + window
        written_ = i + 1;
      }
      ahead_cv_.notify_all();
    }
    for (std::thread& w : workers) w.join();
    summary.stopped = stop_;
    for (size_t t = 0; t < scanners.size(); ++t) {
      add_counts(summary, scanners[t]->counts());
      if (t > 0) scanners[0]->runner().merge(std::move(scanners[t]->runner()));
    }
    finish_queries(scanners[0]->runner(), findings, summary);
  }

 private:
  struct Slot {
    explicit Slot(const ScanPlan& plan) : buffer(plan) {}
    FileBuffer buffer;
    bool piece_damaged = false;
    bool done = false;
  };

  void work(FileScanner& scanner, size_t window) {
    for (;;) {
      size_t i = 0;
      {
        std::unique_lock lock(mutex_);
        if (next_ >= units_.size()) return;
        i = next_++;
        ahead_cv_.wait(lock, [&] { return i < written_ + window; });
      }
      Slot& slot = *buffers_[i % window];
      const WorkUnit& unit = units_[i];
      const std::string& path = files_[unit.file].path;
      if (unit.piece) {
        scanner.scan_piece(path, unit.file, *unit.piece, unit.first_of_file, slot.buffer);
        slot.piece_damaged = scanner.take_piece_damage();
      } else {
        scanner.scan_file(path, unit.file, slot.buffer, slot.buffer);
        slot.piece_damaged = false;  // scan_file counts its own damage
      }
      if (options_.progress != nullptr) report_progress(scanner, unit);
      {
        std::lock_guard lock(mutex_);
        slot.done = true;
      }
      done_cv_.notify_all();
    }
  }

  void report_progress(FileScanner& scanner, const WorkUnit& unit) {
    ScanProgress& p = *options_.progress;
    const uint64_t size = files_[unit.file].size_bytes;
    const bool last_of_file = !unit.piece || unit.piece->end >= size;
    p.bytes_done += unit.piece ? unit.piece->end - unit.piece->begin : size;
    p.files_done += last_of_file ? 1 : 0;
    const auto [records, matched] = scanner.take_progress();
    p.records += records;
    p.matched += matched;
  }

  // The rows of the queries that group, order or limit, from the merged operators.
  static void finish_queries(PackRunner& runner, FindingSink& findings, ScanSummary& summary) {
    for (PackRunner::QueryRows& result : runner.finish()) {
      if (!result.error.empty()) {
        summary.query_failures.push_back(result.error);
        continue;
      }
      summary.rows_per_query[result.query->index] = result.rows.size();
      summary.findings += result.rows.size();
      findings.rows(*result.query, result.rows);
    }
  }

  const ScanPlan& plan_;
  const std::vector<InputFile>& files_;
  const std::vector<WorkUnit> units_;
  const ScanOptions& options_;
  aggregate::MemoryBudget& budget_;
  std::vector<std::unique_ptr<Slot>> buffers_;
  std::mutex mutex_;
  std::condition_variable done_cv_;   // a unit is scanned
  std::condition_variable ahead_cv_;  // the writer moved on
  std::atomic<bool> stop_ = false;    // --strict: a problem ended the scan
  size_t next_ = 0;
  size_t written_ = 0;
};

}  // namespace

unsigned default_scan_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

ScanSummary scan(const ScanPlan& plan, const std::vector<std::string>& inputs,
                 FindingSink& findings, ProblemSink& problems, const ScanOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  ScanSummary summary;
  summary.matches_per_query.assign(plan.queries.size(), 0);
  summary.rows_per_query.assign(plan.queries.size(), 0);
  DiscoveredInputs found = discover_inputs(inputs);
  summary.digest_files_skipped = found.digest_files_skipped;
  for (const auto& p : found.problems) {
    ++summary.files_with_problems;
    problems.problem({p.path, false, 0, 0, p.message});
    if (options.strict) break;  // the first problem ends a --strict scan
  }
  // --strict scans on one thread, so that nothing after the first problem is read.
  const unsigned threads = options.strict         ? 1
                           : options.threads == 0 ? default_scan_threads()
                                                  : options.threads;
  if (options.strict && !found.problems.empty()) {
    found.files.clear();
    summary.stopped = true;
  }
  const size_t listed = found.files.size();
  std::erase_if(found.files,
                [&](const InputFile& f) { return !file_may_match(plan.partition_bounds, f.path); });
  summary.files_pruned = listed - found.files.size();
  if (options.progress != nullptr) {
    uint64_t bytes = 0;
    for (const InputFile& f : found.files) bytes += f.size_bytes;
    options.progress->files_total = found.files.size();
    options.progress->bytes_total = bytes;
  }
  aggregate::MemoryBudget budget(options.memory_limit);
  ParallelScan(plan, found.files, options, budget).run(threads, findings, problems, summary);
  findings.finish();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace tb::runtime
