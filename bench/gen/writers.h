// Output formats of tb-gen: CloudTrail S3 delivery files (gzip) and one JSON Lines file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_set>
#include <vector>

#include "bench/gen/event_templates.h"
#include "bench/gen/rng.h"

struct libdeflate_compressor;

namespace tbgen {

struct WriterStats {
  uint64_t records = 0;
  uint64_t json_bytes = 0;  // uncompressed record bytes (without delivery wrapper or newlines)
  uint64_t output_bytes = 0;
  uint64_t files = 0;
};

// Writes DIR/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/
//   <account>_CloudTrail_<region>_YYYYMMDDTHHMMZ_<16 alnum>.json.gz
// each holding {"Records":[...]} on one line plus a newline, as CloudTrail delivers them.
class S3Writer {
 public:
  S3Writer(std::string out_dir, int max_records_per_file);
  ~S3Writer();
  S3Writer(const S3Writer&) = delete;
  S3Writer& operator=(const S3Writer&) = delete;

  // Writes the records of one delivery window (in the given order) as one or more files.
  void write(const std::string& account, const std::string& region, int64_t delivery_time,
             const Batch& batch, const std::vector<uint32_t>& order, Rng& rng);
  const WriterStats& stats() const { return stats_; }

 private:
  void write_file(const std::string& dir, const std::string& name);

  std::string out_dir_;
  int cap_;
  libdeflate_compressor* compressor_;
  std::unordered_set<std::string> made_dirs_;
  std::string json_, gz_, dir_, name_;
  std::vector<std::vector<uint32_t>> parts_;
  WriterStats stats_;
};

// Writes DIR/cloudtrail.jsonl, one record per line, through a large buffer. Stops accepting
// records once max_bytes (0 = unlimited) have been written.
class JsonlWriter {
 public:
  JsonlWriter(const std::string& out_dir, uint64_t max_bytes);
  ~JsonlWriter();
  JsonlWriter(const JsonlWriter&) = delete;
  JsonlWriter& operator=(const JsonlWriter&) = delete;

  void write(const Batch& batch, const std::vector<uint32_t>& order);
  bool full() const { return max_bytes_ != 0 && stats_.output_bytes >= max_bytes_; }
  void close();
  const WriterStats& stats() const { return stats_; }

 private:
  void flush();

  std::FILE* file_ = nullptr;
  uint64_t max_bytes_;
  std::string buffer_;
  WriterStats stats_;
};

}  // namespace tbgen
