#pragma once
// A one-line progress display on stderr while a scan runs: files and bytes done, MB/s,
// records/s, matches and the time left. Only on a terminal; warnings clear the line first, so
// the two never interleave, and stdout (findings) is never touched.
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "runtime/exec/scanner.h"

namespace tb::cli {

class ProgressMeter {
 public:
  // Draws `progress` on `err` every `period_ms` until stop() (or destruction).
  ProgressMeter(const runtime::ScanProgress& progress, std::FILE* err, int period_ms = 200);
  ~ProgressMeter();
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  // Erases the line and stops drawing.
  void stop();

  // Runs `print` with the line erased, so a warning does not land inside it.
  template <typename Print>
  void print_above(Print&& print) {
    std::lock_guard lock(mutex_);
    erase_locked();
    print();
  }

  // The line for these counts after `seconds`, e.g. "12/300 files, 0.4/1.2 GB, 850 MB/s, ...".
  static std::string line(uint64_t files_done, uint64_t files_total, uint64_t bytes_done,
                          uint64_t bytes_total, uint64_t records, uint64_t matched, double seconds);

 private:
  void run(int period_ms);
  void erase_locked();

  const runtime::ScanProgress& progress_;
  std::FILE* err_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool drawn_ = false;  // a line is on the screen
  std::thread thread_;
};

}  // namespace tb::cli
