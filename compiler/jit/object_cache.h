#pragma once
// Compiled kernels on disk, so that scanning with the same pack again skips optimisation and
// code generation (most of the start-up time of a large pack). A kernel is stored under a key
// that names everything its machine code depends on: the lowered IR, the optimisation level,
// the LLVM version and the host CPU with its features.
#include <memory>
#include <optional>
#include <string>

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/MemoryBuffer.h>

namespace tb::jit {

class ObjectCache {
 public:
  // `dir` is created on first store. An empty `dir` is a cache that holds nothing.
  explicit ObjectCache(std::string dir) : dir_(std::move(dir)) {}

  // The default place: $TRAILBOOK_CACHE_DIR, else $XDG_CACHE_HOME/trailbook, else
  // ~/.cache/trailbook; empty when none can be found.
  static std::string default_dir();

  static std::string key(llvm::StringRef ir, unsigned opt_level, llvm::StringRef cpu,
                         llvm::StringRef features);

  // A stored object file that parses as one; a damaged entry is removed and reported missing.
  std::unique_ptr<llvm::MemoryBuffer> load(const std::string& key) const;
  // Writes atomically (a temporary file renamed into place); failures only cost a recompile.
  void store(const std::string& key, llvm::StringRef object) const;

 private:
  std::string path(const std::string& key) const { return dir_ + "/" + key + ".o"; }
  std::string dir_;
};

}  // namespace tb::jit
