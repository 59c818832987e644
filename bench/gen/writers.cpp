#include "bench/gen/writers.h"

#include <libdeflate.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "bench/gen/text.h"

namespace tbgen {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

void write_all(const std::string& path, const std::string& data) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) fail("cannot create", path);
  if (std::fwrite(data.data(), 1, data.size(), f) != data.size()) {
    std::fclose(f);
    fail("cannot write", path);
  }
  if (std::fclose(f) != 0) fail("cannot close", path);
}

}  // namespace

S3Writer::S3Writer(std::string out_dir, int max_records_per_file)
    : out_dir_(std::move(out_dir)), cap_(max_records_per_file) {
  compressor_ = libdeflate_alloc_compressor(6);
  if (compressor_ == nullptr) throw std::runtime_error("libdeflate_alloc_compressor failed");
  json_.reserve(1 << 20);
}

S3Writer::~S3Writer() {
  libdeflate_free_compressor(compressor_);
}

void S3Writer::write(const std::string& account, const std::string& region, int64_t delivery_time,
                     const Batch& batch, const std::vector<uint32_t>& order, Rng& rng) {
  const size_t n = order.size();
  if (n == 0) return;
  // Several delivery files per window are common; records interleave between them.
  size_t files = (n + size_t(cap_) - 1) / size_t(cap_);
  if (n >= 20 && rng.chance(0.35)) files += 1 + rng.below(2);
  if (files > n) files = n;
  parts_.resize(files);
  for (auto& p : parts_) p.clear();
  for (uint32_t idx : order) {
    size_t f = rng.below(uint32_t(files));
    while (parts_[f].size() >= size_t(cap_)) f = (f + 1) % files;
    parts_[f].push_back(idx);
  }

  const Civil c = civil_from_epoch(delivery_time);
  dir_.clear();
  dir_ += out_dir_;
  dir_ += "/AWSLogs/";
  dir_ += account;
  dir_ += "/CloudTrail/";
  dir_ += region;
  dir_.push_back('/');
  put_4d(dir_, c.year);
  dir_.push_back('/');
  put_2d(dir_, c.month);
  dir_.push_back('/');
  put_2d(dir_, c.day);
  if (made_dirs_.insert(dir_).second) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) throw std::runtime_error("cannot create " + dir_ + ": " + ec.message());
  }

  for (const auto& part : parts_) {
    if (part.empty()) continue;
    json_.clear();
    json_ += R"({"Records":[)";
    for (size_t i = 0; i < part.size(); ++i) {
      if (i) json_.push_back(',');
      const Batch::Item& it = batch.items[part[i]];
      json_.append(batch.data, it.offset, it.length);
      stats_.json_bytes += it.length;
    }
    json_ += "]}\n";
    stats_.records += part.size();

    name_.clear();
    name_ += account;
    name_ += "_CloudTrail_";
    name_ += region;
    name_.push_back('_');
    put_4d(name_, c.year);
    put_2d(name_, c.month);
    put_2d(name_, c.day);
    name_.push_back('T');
    put_2d(name_, c.hour);
    put_2d(name_, c.minute);
    name_ += "Z_";
    put_chars(name_, rng, kAlnum, 16);
    name_ += ".json.gz";
    write_file(dir_, name_);
  }
}

void S3Writer::write_file(const std::string& dir, const std::string& name) {
  gz_.resize(libdeflate_gzip_compress_bound(compressor_, json_.size()));
  const size_t size =
      libdeflate_gzip_compress(compressor_, json_.data(), json_.size(), gz_.data(), gz_.size());
  if (size == 0) throw std::runtime_error("gzip compression failed");
  gz_.resize(size);
  write_all(dir + "/" + name, gz_);
  stats_.output_bytes += size;
  ++stats_.files;
}

JsonlWriter::JsonlWriter(const std::string& out_dir, uint64_t max_bytes) : max_bytes_(max_bytes) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) throw std::runtime_error("cannot create " + out_dir + ": " + ec.message());
  const std::string path = out_dir + "/cloudtrail.jsonl";
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) fail("cannot create", path);
  buffer_.reserve(8u << 20);
  stats_.files = 1;
}

JsonlWriter::~JsonlWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

void JsonlWriter::write(const Batch& batch, const std::vector<uint32_t>& order) {
  for (uint32_t idx : order) {
    if (full()) break;
    const Batch::Item& it = batch.items[idx];
    buffer_.append(batch.data, it.offset, it.length);
    buffer_.push_back('\n');
    stats_.json_bytes += it.length;
    stats_.output_bytes += it.length + 1;
    ++stats_.records;
  }
  if (buffer_.size() >= (4u << 20)) flush();
}

void JsonlWriter::flush() {
  if (buffer_.empty()) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    fail("cannot write", "cloudtrail.jsonl");
  }
  buffer_.clear();
}

void JsonlWriter::close() {
  flush();
  if (file_ != nullptr && std::fclose(file_) != 0) {
    file_ = nullptr;
    fail("cannot close", "cloudtrail.jsonl");
  }
  file_ = nullptr;
}

}  // namespace tbgen
