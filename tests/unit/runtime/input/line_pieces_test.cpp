// Pieces of a JSON-lines file, read independently, must together hold every line exactly once,
// wherever the cuts fall: at a line start, inside a line, on a newline, inside a line that spans
// several pieces.
#include "runtime/input/line_pieces.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/unit/compiler/test_rng.h"

namespace tb::runtime {
namespace {
namespace fs = std::filesystem;

class LinePiecesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "tb_pieces_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  std::string write(const std::string& content) {
    const fs::path path = root_ / "trail.jsonl";
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  // The pieces' bytes, concatenated, checking each piece's offset on the way.
  static std::string read_all(const std::string& path, uint64_t size, uint64_t piece_bytes) {
    std::string out;
    PaddedBuffer buffer;
    for (const LinePiece& piece : cut_into_pieces(size, piece_bytes)) {
      const PieceBytes got = read_piece(path, piece, buffer, uint64_t{1} << 30);
      EXPECT_FALSE(got.damage) << *got.damage;
      const std::string_view lines = buffer.view().substr(got.skip);
      if (!lines.empty()) {
        EXPECT_EQ(got.offset, out.size()) << "piece at " << piece.begin;
        EXPECT_GE(got.offset, piece.begin);
        EXPECT_LT(got.offset, piece.end);
      }
      out += lines;
      for (size_t i = 0; i < PaddedBuffer::kPadding; ++i) {
        EXPECT_EQ(buffer.data()[buffer.size() + i], '\0');  // records are parsed in place
      }
    }
    return out;
  }

  fs::path root_;
};

TEST_F(LinePiecesTest, CutsCoverTheRangeInOrder) {
  const auto pieces = cut_into_pieces(10, 4);
  ASSERT_EQ(pieces.size(), 3u);
  EXPECT_EQ(pieces[0].begin, 0u);
  EXPECT_EQ(pieces[1].begin, 4u);
  EXPECT_EQ(pieces[2].begin, 8u);
  EXPECT_EQ(pieces[2].end, 10u);
  EXPECT_TRUE(cut_into_pieces(0, 4).empty());
}

TEST_F(LinePiecesTest, EveryLineOnceWhereverTheCutsFall) {
  testing::Rng rng(11);
  for (int round = 0; round < 60; ++round) {
    std::string text;
    const size_t lines = 1 + rng.below(40);
    for (size_t i = 0; i < lines; ++i) {
      text += std::string(rng.chance(10) ? 300 : rng.below(30), 'a' + static_cast<char>(i % 26));
      text += rng.chance(20) ? "\r\n" : "\n";
      if (rng.chance(10)) text += "\n";  // blank lines
    }
    if (rng.chance(50)) text += "{\"last\":1}";  // no newline at the end
    const std::string path = write(text);
    for (uint64_t piece : {1, 2, 3, 7, 64, 1000}) {
      ASSERT_EQ(read_all(path, text.size(), piece), text)
          << "round " << round << " piece " << piece;
    }
  }
}

TEST_F(LinePiecesTest, PieceStartingExactlyAtALineTakesThatLine) {
  const std::string path = write("ab\ncd\nef\n");
  PaddedBuffer buffer;
  const PieceBytes got = read_piece(path, {3, 6}, buffer, 100);
  EXPECT_EQ(buffer.view().substr(got.skip), "cd\n");
  EXPECT_EQ(got.offset, 3u);
}

TEST_F(LinePiecesTest, PieceInsideOneLongLineIsEmpty) {
  const std::string path = write("a" + std::string(100, 'x') + "\nb\n");
  PaddedBuffer buffer;
  const PieceBytes got = read_piece(path, {10, 20}, buffer, 1000);
  EXPECT_TRUE(buffer.view().substr(got.skip).empty());
  EXPECT_FALSE(got.damage);
}

TEST_F(LinePiecesTest, ALineRunningOnTooFarIsCutWithDamage) {
  const std::string path = write("{}\n" + std::string(5u << 20, 'x') + "\n{}\n");
  PaddedBuffer buffer;
  const PieceBytes got = read_piece(path, {0, 10}, buffer, 1u << 20);
  ASSERT_TRUE(got.damage);
  EXPECT_NE(got.damage->find("a line runs on past byte"), std::string::npos) << *got.damage;
  EXPECT_LT(buffer.size(), 3u << 20);  // bounded, not the whole line
}

TEST_F(LinePiecesTest, UnreadableFileIsDamage) {
  PaddedBuffer buffer;
  const PieceBytes got = read_piece((root_ / "missing").string(), {0, 10}, buffer, 100);
  ASSERT_TRUE(got.damage);
  EXPECT_NE(got.damage->find("No such file"), std::string::npos) << *got.damage;
}

TEST_F(LinePiecesTest, OnlyPlainJsonLinesAreCut) {
  EXPECT_EQ(json_lines_head(write("{\"a\":1}\n{\"b\":2}\n")), "{\"a\":1}\n{\"b\":2}\n");
  EXPECT_FALSE(json_lines_head(write("{\"Records\":[{\"a\":1}]}")));
  EXPECT_FALSE(json_lines_head(write("[{\"a\":1}]")));
  EXPECT_FALSE(json_lines_head(write(std::string("\x1f\x8b\x08\x00", 4))));
  EXPECT_FALSE(json_lines_head(write(std::string("\x28\xb5\x2f\xfd", 4))));
  EXPECT_FALSE(json_lines_head((root_ / "missing").string()));
  EXPECT_FALSE(json_lines_head(write("")));
}

}  // namespace
}  // namespace tb::runtime
