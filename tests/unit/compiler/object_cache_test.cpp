// The on-disk kernel cache: a second compile of the same pack loads its code instead of
// compiling it, and the loaded kernel behaves the same; anything that changes the machine code
// (the pack, the optimisation level) misses; a damaged entry is compiled afresh and replaced.
#include "compiler/jit/object_cache.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "compiler/driver/compiler.h"
#include "runtime/abi/scratch.h"

namespace fs = std::filesystem;

namespace {

class ObjectCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() / ("tb-cache-" + std::to_string(::getpid()))).string();
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  struct Compiled {
    std::unique_ptr<tb::driver::Compilation> compilation;
    std::unique_ptr<tb::driver::CompiledPack> pack;
  };

  Compiled compile(const std::string& where, unsigned opt_level = 2) {
    Compiled c;
    c.compilation = std::make_unique<tb::driver::Compilation>();
    c.compilation->add_source(
        "c.tb", "runbook r {\n  title \"t\"\n  severity low\n  where " + where + "\n}\n");
    std::string error;
    c.pack = c.compilation->compile(tb::jit::JitOptions{opt_level, dir_}, error);
    EXPECT_TRUE(c.pack) << error;
    return c;
  }

  // The kernel's verdict on a record whose only field is readOnly.
  static bool matches(const Compiled& c, bool read_only) {
    std::vector<tb_value> slots(c.pack->plan.fields.size(), tb_value{});
    for (size_t i = 0; i < c.pack->checked.fields.size(); ++i) {
      if (c.pack->checked.fields[i].dotted == "readOnly") {
        slots[i].kind = TB_BOOL;
        slots[i].b = read_only ? 1 : 0;
      }
    }
    uint64_t matched[2] = {0, 0};
    tb_scratch scratch;
    tb_kernel_context context{c.pack->plan.objects.data(), &scratch, nullptr};
    return c.pack->plan.kernel(slots.data(), matched, &context) != 0;
  }

  size_t entries() const {
    if (!fs::exists(dir_)) return 0;
    return static_cast<size_t>(
        std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }

  std::string dir_;
};

TEST_F(ObjectCacheTest, TheSamePackLoadsFromTheCacheAndBehavesTheSame) {
  const Compiled first = compile("readOnly == false");
  EXPECT_FALSE(first.pack->jit->last_from_cache());
  EXPECT_EQ(entries(), 1u);
  const Compiled second = compile("readOnly == false");
  EXPECT_TRUE(second.pack->jit->last_from_cache());
  EXPECT_EQ(entries(), 1u);
  for (const Compiled* c : {&first, &second}) {
    EXPECT_TRUE(matches(*c, false));
    EXPECT_FALSE(matches(*c, true));
  }
}

TEST_F(ObjectCacheTest, AnotherPackOrOptimisationLevelMisses) {
  compile("readOnly == false");
  EXPECT_FALSE(compile("readOnly == true").pack->jit->last_from_cache());
  EXPECT_FALSE(compile("readOnly == false", 1).pack->jit->last_from_cache());
  EXPECT_EQ(entries(), 3u);
  EXPECT_TRUE(matches(compile("readOnly == true"), true));
}

TEST_F(ObjectCacheTest, ADamagedEntryIsCompiledAfreshAndReplaced) {
  compile("readOnly == false");
  ASSERT_EQ(entries(), 1u);
  const fs::path entry = fs::directory_iterator(dir_)->path();
  std::ofstream(entry, std::ios::binary | std::ios::trunc) << "not an object file";
  const Compiled again = compile("readOnly == false");
  EXPECT_FALSE(again.pack->jit->last_from_cache());
  EXPECT_TRUE(matches(again, false));
  EXPECT_TRUE(compile("readOnly == false").pack->jit->last_from_cache());
}

TEST(ObjectCache, KeysNameEverythingTheCodeDependsOn) {
  using tb::jit::ObjectCache;
  const std::string base = ObjectCache::key("ir", 2, "skylake", "+avx2");
  EXPECT_EQ(base.size(), 64u);  // SHA-256 in hex
  EXPECT_EQ(base, ObjectCache::key("ir", 2, "skylake", "+avx2"));
  EXPECT_NE(base, ObjectCache::key("ir2", 2, "skylake", "+avx2"));
  EXPECT_NE(base, ObjectCache::key("ir", 3, "skylake", "+avx2"));
  EXPECT_NE(base, ObjectCache::key("ir", 2, "znver3", "+avx2"));
  EXPECT_NE(base, ObjectCache::key("ir", 2, "skylake", "+avx512f"));
  // Parts cannot run into each other.
  EXPECT_NE(ObjectCache::key("ab", 2, "c", ""), ObjectCache::key("a", 2, "bc", ""));
}

TEST(ObjectCache, WithoutADirectoryNothingIsStored) {
  const tb::jit::ObjectCache none("");
  none.store("k", "bytes");
  EXPECT_EQ(none.load("k"), nullptr);
}

}  // namespace
