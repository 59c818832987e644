#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tb::runtime {

// The command-line path that means standard input, and the path it is listed under (in messages
// and findings too).
inline constexpr const char* kStdinPath = "-";
inline constexpr const char* kStdinName = "<stdin>";

struct InputFile {
  std::string path;
  uint64_t size_bytes = 0;
};

// A path that could not be used, e.g. {"logs/x", "no such file or directory"}.
struct InputProblem {
  std::string path;
  std::string message;
};

struct DiscoveredInputs {
  std::vector<InputFile> files;        // sorted by path (byte order), no duplicates
  std::vector<InputProblem> problems;  // sorted by path
  uint64_t digest_files_skipped = 0;
};

// Expands the command-line paths into the files to scan.
//  - A regular file (or a symlink to one) is taken whatever its name.
//  - `-` is standard input, listed as kStdinName.
//  - A directory is walked recursively for *.json, *.jsonl, *.ndjson and their .gz and .zst
//    forms.
//    Symlinked directories inside the walk are not followed, so link loops cannot hang it.
//  - Files anywhere under a "CloudTrail-Digest" directory (AWSLogs/<acct>/CloudTrail-Digest/...)
//    hold integrity digests, not events: they are skipped and counted.
// Never throws for file-system trouble: every error becomes an InputProblem.
DiscoveredInputs discover_inputs(const std::vector<std::string>& paths);

}  // namespace tb::runtime
