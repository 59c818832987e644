#include "runtime/input/file_loader.h"

#include <gtest/gtest.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace tb::runtime {
namespace {
namespace fs = std::filesystem;

std::string gzip(const std::string& data) {
  libdeflate_compressor* c = libdeflate_alloc_compressor(6);
  std::string out(libdeflate_gzip_compress_bound(c, data.size()), '\0');
  out.resize(libdeflate_gzip_compress(c, data.data(), data.size(), out.data(), out.size()));
  libdeflate_free_compressor(c);
  return out;
}

// JSON lines with enough variety that the compressed stream is long.
std::string sample_lines(int count) {
  std::mt19937 rng(42);
  std::string out;
  for (int i = 0; i < count; ++i) {
    out += R"({"eventID":")" + std::to_string(rng()) + R"(","eventName":"Get)" +
           std::to_string(rng() % 1000) + R"(","i":)" + std::to_string(i) + "}\n";
  }
  return out;
}

class FileLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "tb_loader_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  std::string write(const std::string& name, const std::string& content) {
    const fs::path path = root_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  static void expect_padded(const LoadedFile& file) {
    for (size_t i = 0; i < PaddedBuffer::kPadding; ++i) {
      ASSERT_EQ(file.bytes.data()[file.bytes.size() + i], '\0');
    }
  }

  fs::path root_;
};

TEST_F(FileLoaderTest, ReadsPlainFile) {
  const std::string text = sample_lines(2000);
  const LoadedFile file = load_file(write("plain.json", text));
  EXPECT_FALSE(file.gzip);
  EXPECT_FALSE(file.damage.has_value()) << *file.damage;
  EXPECT_EQ(file.bytes.view(), text);
  expect_padded(file);
}

TEST_F(FileLoaderTest, EmptyFileIsNotDamage) {
  const LoadedFile file = load_file(write("empty.json", ""));
  EXPECT_FALSE(file.gzip);
  EXPECT_FALSE(file.damage.has_value());
  EXPECT_TRUE(file.bytes.empty());
  expect_padded(file);
}

TEST_F(FileLoaderTest, DecompressesGzipWhateverTheName) {
  const std::string text = sample_lines(3000);
  const LoadedFile file = load_file(write("no-suffix", gzip(text)));
  EXPECT_TRUE(file.gzip);
  EXPECT_FALSE(file.damage.has_value()) << *file.damage;
  EXPECT_EQ(file.bytes.view(), text);
  expect_padded(file);
}

TEST_F(FileLoaderTest, EmptyGzipMember) {
  const LoadedFile file = load_file(write("e.json.gz", gzip("")));
  EXPECT_TRUE(file.gzip);
  EXPECT_FALSE(file.damage.has_value()) << *file.damage;
  EXPECT_TRUE(file.bytes.empty());
}

TEST_F(FileLoaderTest, MultiMemberGzipIsConcatenated) {
  // The last member is tiny, so its ISIZE undersizes the output: exercises growing.
  const std::string first = sample_lines(4000);
  const std::string second = sample_lines(10);
  const std::string third = "{\"last\":true}\n";
  const LoadedFile file =
      load_file(write("multi.json.gz", gzip(first) + gzip(second) + gzip(third)));
  EXPECT_TRUE(file.gzip);
  EXPECT_FALSE(file.damage.has_value()) << *file.damage;
  EXPECT_EQ(file.bytes.view(), first + second + third);
  expect_padded(file);
}

TEST_F(FileLoaderTest, TrailingZerosAfterGzipAreIgnored) {
  const std::string text = "{\"a\":1}\n";
  const LoadedFile file = load_file(write("z.json.gz", gzip(text) + std::string(512, '\0')));
  EXPECT_FALSE(file.damage.has_value()) << *file.damage;
  EXPECT_EQ(file.bytes.view(), text);
}

TEST_F(FileLoaderTest, TrailingGarbageAfterGzipIsReported) {
  const std::string text = "{\"a\":1}\n";
  const std::string packed = gzip(text);
  const LoadedFile file = load_file(write("g.json.gz", packed + "garbage"));
  EXPECT_EQ(file.bytes.view(), text);
  ASSERT_TRUE(file.damage.has_value());
  EXPECT_EQ(*file.damage, "ignored 7 bytes of trailing data that is not gzip at byte " +
                              std::to_string(packed.size()));
}

TEST_F(FileLoaderTest, TruncatedGzipKeepsThePrefix) {
  const std::string text = sample_lines(20000);
  const std::string packed = gzip(text);
  const std::string cut = packed.substr(0, packed.size() / 2);
  const LoadedFile file = load_file(write("cut.json.gz", cut));
  EXPECT_TRUE(file.gzip);
  ASSERT_TRUE(file.damage.has_value());
  EXPECT_NE(file.damage->find("truncated"), std::string::npos) << *file.damage;
  EXPECT_NE(file.damage->find("after " + std::to_string(file.bytes.size()) + " decompressed"),
            std::string::npos)
      << *file.damage;
  EXPECT_NE(file.damage->find("ends at byte " + std::to_string(cut.size())), std::string::npos)
      << *file.damage;
  // Most of the first half of the data comes back, byte for byte.
  EXPECT_GT(file.bytes.size(), text.size() / 4);
  EXPECT_LT(file.bytes.size(), text.size());
  EXPECT_EQ(file.bytes.view(), std::string_view(text).substr(0, file.bytes.size()));
  expect_padded(file);
}

TEST_F(FileLoaderTest, TruncatedSecondMemberKeepsTheFirst) {
  const std::string first = sample_lines(100);
  const std::string second = gzip(sample_lines(5000));
  const LoadedFile file =
      load_file(write("cut2.json.gz", gzip(first) + second.substr(0, second.size() - 100)));
  ASSERT_TRUE(file.damage.has_value());
  EXPECT_NE(file.damage->find("truncated"), std::string::npos) << *file.damage;
  ASSERT_GE(file.bytes.size(), first.size());
  EXPECT_EQ(file.bytes.view().substr(0, first.size()), first);
}

TEST_F(FileLoaderTest, GzipHeaderOnlyIsTruncated) {
  const LoadedFile file = load_file(write("h.json.gz", gzip("{}").substr(0, 6)));
  EXPECT_TRUE(file.gzip);
  ASSERT_TRUE(file.damage.has_value());
  EXPECT_NE(file.damage->find("truncated after 0 decompressed bytes"), std::string::npos)
      << *file.damage;
  EXPECT_TRUE(file.bytes.empty());
}

TEST_F(FileLoaderTest, CorruptGzipIsReportedAsCorrupt) {
  std::string packed = gzip(sample_lines(100));
  packed[10] = static_cast<char>(packed[10] | 0x06);  // first block type := 3, which is reserved
  const LoadedFile file = load_file(write("bad.json.gz", packed));
  EXPECT_TRUE(file.gzip);
  ASSERT_TRUE(file.damage.has_value());
  EXPECT_NE(file.damage->find("corrupt"), std::string::npos) << *file.damage;
  EXPECT_NE(file.damage->find("invalid block type"), std::string::npos) << *file.damage;
  EXPECT_EQ(file.damage->find("truncated"), std::string::npos) << *file.damage;
  EXPECT_TRUE(file.bytes.empty());
}

TEST_F(FileLoaderTest, BadChecksumKeepsDataButSaysCorrupt) {
  const std::string text = sample_lines(500);
  std::string packed = gzip(text);
  packed[packed.size() - 8] = static_cast<char>(packed[packed.size() - 8] ^ 0xff);  // CRC32
  const LoadedFile file = load_file(write("crc.json.gz", packed));
  ASSERT_TRUE(file.damage.has_value());
  EXPECT_NE(file.damage->find("corrupt"), std::string::npos) << *file.damage;
  EXPECT_NE(file.damage->find("incorrect data check"), std::string::npos) << *file.damage;
  EXPECT_EQ(file.bytes.view(), text);
}

TEST_F(FileLoaderTest, GzipBombStopsAtTheLimit) {
  const std::string zeros(1 << 20, '0');
  const std::string path = write("bomb.json.gz", gzip(zeros));
  const LoadedFile file = load_file(path, LoadOptions{.max_decompressed_bytes = 1000});
  EXPECT_TRUE(file.gzip);
  ASSERT_TRUE(file.damage.has_value());
  EXPECT_EQ(*file.damage, "decompressed size exceeds the limit of 1000 bytes");
  EXPECT_EQ(file.bytes.view(), zeros.substr(0, 1000));
  expect_padded(file);

  // Exactly at the limit is fine.
  const LoadedFile exact = load_file(path, LoadOptions{.max_decompressed_bytes = zeros.size()});
  EXPECT_FALSE(exact.damage.has_value()) << *exact.damage;
  EXPECT_EQ(exact.bytes.size(), zeros.size());
}

TEST_F(FileLoaderTest, LimitCountsAllMembers) {
  const std::string part(600, 'x');
  const std::string path = write("two.json.gz", gzip(part) + gzip(part));
  const LoadedFile file = load_file(path, LoadOptions{.max_decompressed_bytes = 1000});
  ASSERT_TRUE(file.damage.has_value());
  EXPECT_NE(file.damage->find("exceeds the limit of 1000 bytes"), std::string::npos);
  EXPECT_EQ(file.bytes.size(), 1000u);
}

TEST_F(FileLoaderTest, MissingFile) {
  const LoadedFile file = load_file((root_ / "nope.json").string());
  ASSERT_TRUE(file.damage.has_value());
  EXPECT_NE(file.damage->find("no such file or directory"), std::string::npos) << *file.damage;
  EXPECT_TRUE(file.bytes.empty());
}

TEST_F(FileLoaderTest, DirectoryIsDamageNotACrash) {
  const LoadedFile file = load_file(root_.string());
  ASSERT_TRUE(file.damage.has_value());
  EXPECT_NE(file.damage->find("is a directory"), std::string::npos) << *file.damage;
  EXPECT_TRUE(file.bytes.empty());
}

TEST_F(FileLoaderTest, UnreadableFile) {
  const std::string path = write("secret.json", "{}");
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  if (::geteuid() == 0) GTEST_SKIP() << "running as root: permissions do not block reading";
  const LoadedFile file = load_file(path);
  ASSERT_TRUE(file.damage.has_value());
  EXPECT_NE(file.damage->find("permission denied"), std::string::npos) << *file.damage;
  EXPECT_TRUE(file.bytes.empty());
}

TEST_F(FileLoaderTest, OneByteThatLooksLikeGzipIsPlain) {
  const LoadedFile file = load_file(write("one", "\x1f"));
  EXPECT_FALSE(file.gzip);
  EXPECT_FALSE(file.damage.has_value());
  EXPECT_EQ(file.bytes.view(), "\x1f");
}

}  // namespace
}  // namespace tb::runtime
