#pragma once
// The scratch memory of kernel_abi.h: an arena for strings that kernels compute (lower(),
// upper()). Memory stays valid until reset(), which the runtime calls per record. reset() keeps
// the memory, merged into one block as large as all before it, so once the largest record has
// been seen, allocation costs a pointer bump and nothing more.
#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

struct tb_scratch {
  // `size` bytes, byte-aligned (the arena holds strings).
  char* allocate(size_t size) {
    if (blocks_.empty() || blocks_.back().size - used_ < size) {
      const size_t grown = blocks_.empty() ? kFirstBlock : 2 * blocks_.back().size;
      add_block(std::max(grown, size));
    }
    char* p = blocks_.back().data.get() + used_;
    used_ += size;
    return p;
  }

  void reset() {
    if (blocks_.size() > 1) {
      size_t total = 0;
      for (const Block& b : blocks_) total += b.size;
      blocks_.clear();
      add_block(total);
    }
    used_ = 0;
  }

 private:
  static constexpr size_t kFirstBlock = 4096;
  struct Block {
    std::unique_ptr<char[]> data;
    size_t size;
  };

  void add_block(size_t size) {
    blocks_.push_back({std::make_unique_for_overwrite<char[]>(size), size});
    used_ = 0;
  }

  std::vector<Block> blocks_;
  size_t used_ = 0;  // bytes handed out from blocks_.back()
};
