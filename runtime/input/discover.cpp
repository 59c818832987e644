#include "runtime/input/discover.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <utility>

namespace tb::runtime {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kDigestDir = "CloudTrail-Digest";

constexpr std::array<std::string_view, 9> kLogSuffixes = {
    ".json",      ".json.gz", ".json.zst",  ".jsonl",      ".jsonl.gz",
    ".jsonl.zst", ".ndjson",  ".ndjson.gz", ".ndjson.zst",
};

bool is_log_name(std::string_view name) {
  return std::any_of(kLogSuffixes.begin(), kLogSuffixes.end(), [&](std::string_view suffix) {
    return name.size() > suffix.size() && name.ends_with(suffix);
  });
}

bool names_digest_dir(const fs::path& path) {
  return std::any_of(path.begin(), path.end(),
                     [](const fs::path& part) { return part.native() == kDigestDir; });
}

// strerror text starts with a capital ("No such file or directory"); our messages do not.
std::string error_text(const std::error_code& ec) {
  std::string text = ec.message();
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] + 32);
  return text;
}

class Walker {
 public:
  explicit Walker(DiscoveredInputs& out) : out_(out) {}

  void take_argument(const std::string& arg) {
    if (arg == kStdinPath) {
      out_.files.push_back({kStdinName, 0});
      return;
    }
    const fs::path path(arg);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);  // follows a symlink given by the user
    if (ec || !fs::exists(status)) {
      problem(arg, ec ? error_text(ec) : "no such file or directory");
      return;
    }
    if (fs::is_regular_file(status)) {
      take_file(path);
    } else if (fs::is_directory(status)) {
      walk(path, names_digest_dir(path));
    } else {
      problem(arg, "not a regular file or directory");
    }
  }

 private:
  void problem(std::string path, std::string message) {
    out_.problems.push_back({std::move(path), std::move(message)});
  }

  void take_file(const fs::path& path) {
    std::error_code ec;
    const uintmax_t size = fs::file_size(path, ec);
    if (ec) {
      problem(path.string(), error_text(ec));
      return;
    }
    out_.files.push_back({path.lexically_normal().string(), static_cast<uint64_t>(size)});
  }

  // Depth-first with an explicit stack: a deep tree must not exhaust the call stack.
  void walk(const fs::path& root, bool root_in_digest) {
    std::vector<std::pair<fs::path, bool>> pending{{root, root_in_digest}};
    while (!pending.empty()) {
      auto [dir, in_digest] = std::move(pending.back());
      pending.pop_back();
      std::error_code ec;
      fs::directory_iterator it(dir, ec);
      if (ec) {
        problem(dir.string(), error_text(ec));
        continue;
      }
      for (const fs::directory_iterator end; it != end; it.increment(ec)) {
        const fs::directory_entry& entry = *it;
        visit(entry, in_digest, pending);
      }
      if (ec) problem(dir.string(), error_text(ec));
    }
  }

  void visit(const fs::directory_entry& entry, bool in_digest,
             std::vector<std::pair<fs::path, bool>>& pending) {
    std::error_code ec;
    const fs::file_status own = entry.symlink_status(ec);
    if (ec) {
      problem(entry.path().string(), error_text(ec));
      return;
    }
    if (fs::is_directory(own)) {
      pending.emplace_back(entry.path(), in_digest || entry.path().filename() == kDigestDir);
      return;
    }
    const std::string name = entry.path().filename().string();
    if (!is_log_name(name)) return;
    // A symlink is taken when it leads to a regular file; one leading to a directory is not
    // followed, and a dangling one is reported since its name says it should be a log.
    const fs::file_status target = fs::is_symlink(own) ? entry.status(ec) : own;
    if (ec || !fs::exists(target)) {
      problem(entry.path().string(), ec ? error_text(ec) : "no such file or directory");
      return;
    }
    if (!fs::is_regular_file(target)) return;
    if (in_digest) {
      ++out_.digest_files_skipped;
      return;
    }
    take_file(entry.path());
  }

  DiscoveredInputs& out_;
};

}  // namespace

DiscoveredInputs discover_inputs(const std::vector<std::string>& paths) {
  DiscoveredInputs out;
  Walker walker(out);
  for (const std::string& path : paths) walker.take_argument(path);

  // Directory order is whatever the file system returns; sorting makes every scan identical.
  std::sort(out.files.begin(), out.files.end(),
            [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  out.files.erase(
      std::unique(out.files.begin(), out.files.end(),
                  [](const InputFile& a, const InputFile& b) { return a.path == b.path; }),
      out.files.end());
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const InputProblem& a, const InputProblem& b) { return a.path < b.path; });
  return out;
}

}  // namespace tb::runtime
