#include "compiler/jit/object_cache.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <llvm/Config/llvm-config.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Support/SHA256.h>
#include <llvm/Support/raw_ostream.h>

namespace tb::jit {

std::string ObjectCache::default_dir() {
  if (const char* dir = std::getenv("TRAILBOOK_CACHE_DIR")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::string(xdg) + "/trailbook";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.cache/trailbook";
  }
  return {};
}

std::string ObjectCache::key(llvm::StringRef ir, unsigned opt_level, llvm::StringRef cpu,
                             llvm::StringRef features) {
  llvm::SHA256 hash;
  // Each part ends with a NUL so that no two different inputs concatenate to the same bytes.
  for (llvm::StringRef part : {llvm::StringRef("trailbook-kernel-1"),
                               llvm::StringRef(LLVM_VERSION_STRING), cpu, features, ir}) {
    hash.update(part);
    hash.update(llvm::StringRef("\0", 1));
  }
  hash.update(llvm::StringRef(std::to_string(opt_level)));
  std::string hex;
  llvm::raw_string_ostream out(hex);
  for (uint8_t byte : hash.final()) out << llvm::format_hex_no_prefix(byte, 2);
  return out.str();
}

std::unique_ptr<llvm::MemoryBuffer> ObjectCache::load(const std::string& key) const {
  if (dir_.empty()) return nullptr;
  auto buffer = llvm::MemoryBuffer::getFile(path(key));
  if (!buffer) return nullptr;
  auto object = llvm::object::ObjectFile::createObjectFile((*buffer)->getMemBufferRef());
  if (!object) {
    llvm::consumeError(object.takeError());
    std::error_code ignored;
    std::filesystem::remove(path(key), ignored);
    return nullptr;
  }
  return std::move(*buffer);
}

void ObjectCache::store(const std::string& key, llvm::StringRef object) const {
  if (dir_.empty()) return;
  std::error_code error;
  std::filesystem::create_directories(dir_, error);
  if (error) return;
  const std::string temporary = path(key) + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary);
    out.write(object.data(), static_cast<std::streamsize>(object.size()));
    if (!out) {
      std::filesystem::remove(temporary, error);
      return;
    }
  }
  std::filesystem::rename(temporary, path(key), error);
  if (error) std::filesystem::remove(temporary, error);
}

}  // namespace tb::jit
