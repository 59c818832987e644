#include "cli/progress_meter.h"

#include <fmt/format.h>

#include <chrono>

namespace tb::cli {

namespace {

std::string gigabytes(uint64_t bytes) {
  return bytes >= 1'000'000'000 ? fmt::format("{:.2f} GB", bytes / 1e9)
                                : fmt::format("{:.0f} MB", bytes / 1e6);
}

}  // namespace

ProgressMeter::ProgressMeter(const runtime::ScanProgress& progress, std::FILE* err, int period_ms)
    : progress_(progress), err_(err), thread_([this, period_ms] { run(period_ms); }) {}

ProgressMeter::~ProgressMeter() {
  stop();
}

void ProgressMeter::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    erase_locked();
  }
  wake_.notify_all();
  thread_.join();
}

std::string ProgressMeter::line(uint64_t files_done, uint64_t files_total, uint64_t bytes_done,
                                uint64_t bytes_total, uint64_t records, uint64_t matched,
                                double seconds) {
  if (files_total == 0 && files_done == 0) return "scanning: listing the inputs";
  const double s = seconds > 0 ? seconds : 1e-9;
  const double rate = bytes_done / s;  // input bytes a second
  // Standard input has no size: then only what was read, and no time left.
  std::string bytes = gigabytes(bytes_done), left;
  if (bytes_total > 0) {
    bytes += "/" + gigabytes(bytes_total);
    if (bytes_done >= bytes_total) {
      left = ", <1 s left";
    } else if (bytes_done > 0) {
      const double eta = (bytes_total - bytes_done) / rate;
      left = eta < 1 ? ", <1 s left" : fmt::format(", {:.0f} s left", eta);
    }
  }
  return fmt::format("scanning: {}/{} files, {}, {:.0f} MB/s, {:.0f} records/s, {} matched{}",
                     files_done, files_total, bytes, rate / 1e6, records / s, matched, left);
}

void ProgressMeter::run(int period_ms) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  // Drawn at once, so that even a short scan shows what it is doing, then every period.
  do {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::string text =
        line(progress_.files_done, progress_.files_total, progress_.bytes_done,
             progress_.bytes_total, progress_.records, progress_.matched, seconds);
    std::fputs(("\r\033[K" + text).c_str(), err_);
    std::fflush(err_);
    drawn_ = true;
  } while (!wake_.wait_for(lock, std::chrono::milliseconds(period_ms), [&] { return stopping_; }));
}

void ProgressMeter::erase_locked() {
  if (!drawn_) return;
  std::fputs("\r\033[K", err_);
  std::fflush(err_);
  drawn_ = false;
}

}  // namespace tb::cli
