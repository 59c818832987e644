#include "runtime/input/discover.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace tb::runtime {
namespace {
namespace fs = std::filesystem;

class DiscoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "tb_discover_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    // A test may have locked a directory; open everything up again so it can be removed.
    for (auto it = fs::recursive_directory_iterator(root_, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(root_, ec);
  }

  // Creates `rel` (and its parents) under the temp dir with `content`; returns its path.
  std::string make_file(const std::string& rel, const std::string& content = "{}\n") {
    const fs::path path = root_ / rel;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  std::string at(const std::string& rel) const { return (root_ / rel).string(); }

  static std::vector<std::string> paths(const DiscoveredInputs& found) {
    std::vector<std::string> out;
    for (const InputFile& f : found.files) out.push_back(f.path);
    return out;
  }

  fs::path root_;
};

TEST_F(DiscoverTest, WalksDirectoriesForLogSuffixesOnly) {
  make_file("a.json");
  make_file("b.json.gz");
  make_file("c.jsonl");
  make_file("d.jsonl.gz");
  make_file("e.ndjson");
  make_file("f.ndjson.gz");
  make_file("notes.txt");
  make_file("g.json.bak");
  make_file("h.gz");
  make_file(".json");  // nothing but the suffix: not a log name
  make_file("deep/er/still/i.json", "[]");

  const DiscoveredInputs found = discover_inputs({root_.string()});
  EXPECT_EQ(paths(found), (std::vector<std::string>{at("a.json"), at("b.json.gz"), at("c.jsonl"),
                                                    at("d.jsonl.gz"), at("deep/er/still/i.json"),
                                                    at("e.ndjson"), at("f.ndjson.gz")}));
  EXPECT_TRUE(found.problems.empty());
  EXPECT_EQ(found.digest_files_skipped, 0u);
  EXPECT_EQ(found.files[4].size_bytes, 2u);
}

TEST_F(DiscoverTest, ExplicitFileIsTakenWhateverItsName) {
  const std::string notes = make_file("notes.txt", "hello");
  const DiscoveredInputs found = discover_inputs({notes});
  ASSERT_EQ(found.files.size(), 1u);
  EXPECT_EQ(found.files[0].path, notes);
  EXPECT_EQ(found.files[0].size_bytes, 5u);
}

TEST_F(DiscoverTest, SkipsAndCountsCloudTrailDigestFiles) {
  const std::string base = "AWSLogs/123456789012/";
  make_file(base + "CloudTrail/us-east-1/2024/01/01/log1.json.gz");
  make_file(base + "CloudTrail-Digest/us-east-1/2024/01/01/digest1.json.gz");
  make_file(base + "CloudTrail-Digest/us-east-1/2024/01/02/digest2.json.gz");
  make_file(base + "CloudTrail-Digest/us-east-1/README.txt");  // not a log name: not counted

  const DiscoveredInputs found = discover_inputs({root_.string()});
  EXPECT_EQ(paths(found),
            (std::vector<std::string>{at(base + "CloudTrail/us-east-1/2024/01/01/log1.json.gz")}));
  EXPECT_EQ(found.digest_files_skipped, 2u);

  // Walking the digest directory itself skips them too.
  const DiscoveredInputs direct = discover_inputs({at(base + "CloudTrail-Digest")});
  EXPECT_TRUE(direct.files.empty());
  EXPECT_EQ(direct.digest_files_skipped, 2u);
}

TEST_F(DiscoverTest, SortsByBytesAndRemovesDuplicates) {
  const std::string b = make_file("B.json");
  const std::string a = make_file("a.json");
  const std::string z = make_file("sub/z.json");
  // The same file named three ways: via the directory, directly, and with a "./" detour.
  const DiscoveredInputs found =
      discover_inputs({z, root_.string(), a, (root_ / "." / "a.json").string()});
  // Byte order: 'B' (0x42) sorts before 'a' (0x61).
  EXPECT_EQ(paths(found), (std::vector<std::string>{b, a, z}));
}

TEST_F(DiscoverTest, MissingPathIsAProblem) {
  make_file("a.json");
  const std::string missing = at("no/such/dir");
  const DiscoveredInputs found = discover_inputs({missing, root_.string()});
  EXPECT_EQ(paths(found), (std::vector<std::string>{at("a.json")}));
  ASSERT_EQ(found.problems.size(), 1u);
  EXPECT_EQ(found.problems[0].path, missing);
  EXPECT_EQ(found.problems[0].message, "no such file or directory");
}

TEST_F(DiscoverTest, SymlinkLoopsAreNotFollowed) {
  make_file("logs/a.json");
  fs::create_directory_symlink(root_, root_ / "logs" / "loop");
  fs::create_symlink(root_ / "logs" / "a.json", root_ / "logs" / "link.json");
  fs::create_symlink(root_ / "logs" / "gone.json", root_ / "logs" / "dangling.json");

  const DiscoveredInputs found = discover_inputs({root_.string()});
  // The file symlink is taken; the directory symlink is not walked (it would loop forever).
  EXPECT_EQ(paths(found), (std::vector<std::string>{at("logs/a.json"), at("logs/link.json")}));
  ASSERT_EQ(found.problems.size(), 1u);
  EXPECT_EQ(found.problems[0].path, at("logs/dangling.json"));
  EXPECT_EQ(found.problems[0].message, "no such file or directory");
}

TEST_F(DiscoverTest, SymlinkedDirectoryGivenByTheUserIsWalked) {
  make_file("real/a.json");
  fs::create_directory_symlink(root_ / "real", root_ / "alias");
  const DiscoveredInputs found = discover_inputs({at("alias")});
  EXPECT_EQ(paths(found), (std::vector<std::string>{at("alias/a.json")}));
}

TEST_F(DiscoverTest, UnreadableDirectoryIsAProblemNotAnException) {
  make_file("ok/a.json");
  make_file("locked/b.json");
  fs::permissions(root_ / "locked", fs::perms::none);
  if (::geteuid() == 0) GTEST_SKIP() << "running as root: permissions do not block reading";

  const DiscoveredInputs found = discover_inputs({root_.string()});
  EXPECT_EQ(paths(found), (std::vector<std::string>{at("ok/a.json")}));
  ASSERT_EQ(found.problems.size(), 1u);
  EXPECT_EQ(found.problems[0].path, at("locked"));
  EXPECT_EQ(found.problems[0].message, "permission denied");
}

TEST_F(DiscoverTest, EmptyArgumentListFindsNothing) {
  const DiscoveredInputs found = discover_inputs({});
  EXPECT_TRUE(found.files.empty());
  EXPECT_TRUE(found.problems.empty());
}

}  // namespace
}  // namespace tb::runtime
