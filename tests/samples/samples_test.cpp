// samples/ must be exactly what the generator makes (scripts/gen-samples), compared after
// decompression so that a different libdeflate version cannot make it fail.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "runtime/input/file_loader.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> relative_files(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out.push_back(fs::relative(e.path(), root).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Samples, CommittedSamplesAreWhatTheGeneratorMakes) {
  const fs::path committed = fs::path(TB_SOURCE_DIR) / "samples";
  const fs::path fresh = fs::temp_directory_path() / ("tb-samples-" + std::to_string(::getpid()));
  fs::remove_all(fresh);
  // The same arguments as scripts/gen-samples.
  const std::string cmd = std::string(TB_GEN_BIN) + " --out " + fresh.string() +
                          " --records 4000 --seed 42 --accounts 2 --regions 2 --days 3"
                          " --start 2026-11-01 >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);

  const auto expected = relative_files(fresh / "AWSLogs");
  const auto actual = relative_files(committed / "AWSLogs");
  ASSERT_EQ(expected, actual) << "samples/ has other files than the generator makes: run "
                                 "scripts/gen-samples";
  ASSERT_GT(expected.size(), 100u);
  for (const std::string& f : expected) {
    auto a = tb::runtime::load_file((fresh / "AWSLogs" / f).string());
    auto b = tb::runtime::load_file((committed / "AWSLogs" / f).string());
    ASSERT_FALSE(a.damage.has_value()) << f;
    ASSERT_FALSE(b.damage.has_value()) << f;
    ASSERT_EQ(a.bytes.view(), b.bytes.view()) << f << " differs: run scripts/gen-samples";
  }
  fs::remove_all(fresh);
}

}  // namespace
