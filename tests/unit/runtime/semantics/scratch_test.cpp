#include "runtime/abi/scratch.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

TEST(Scratch, MemoryStaysValidUntilReset) {
  tb_scratch scratch;
  std::vector<std::pair<char*, std::string>> written;
  for (int i = 0; i < 2000; ++i) {  // far more than one block
    const std::string text = "value-" + std::to_string(i);
    char* p = scratch.allocate(text.size());
    std::memcpy(p, text.data(), text.size());
    written.emplace_back(p, text);
  }
  char* big = scratch.allocate(100000);  // larger than any block so far
  std::memset(big, 'x', 100000);
  for (const auto& [p, text] : written) ASSERT_EQ(std::string(p, text.size()), text);
}

TEST(Scratch, ZeroBytesGiveAPointer) {
  tb_scratch scratch;
  EXPECT_NE(scratch.allocate(0), nullptr);
}

TEST(Scratch, SteadyStateReusesOneBlock) {
  tb_scratch scratch;
  const auto record = [&scratch] {
    std::vector<char*> out;
    for (int i = 0; i < 500; ++i) out.push_back(scratch.allocate(37));
    scratch.reset();
    return out;
  };
  record();  // grows over several blocks, merged by reset()
  const std::vector<char*> second = record();
  const std::vector<char*> third = record();
  EXPECT_EQ(second, third);  // the same memory, so nothing was allocated
  EXPECT_EQ(second[1] - second[0], 37);
  EXPECT_EQ(second.back() - second.front(), 499 * 37);  // one block holds the whole record
}

}  // namespace
