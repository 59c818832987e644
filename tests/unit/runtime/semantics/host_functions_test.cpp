// The host functions as a kernel calls them: C ABI, lengths and pack objects by pointer.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/abi/host_symbols.h"
#include "runtime/abi/kernel_abi.h"
#include "runtime/abi/scratch.h"
#include "runtime/semantics/case_fold.h"
#include "runtime/semantics/cidr.h"
#include "runtime/semantics/regex.h"
#include "runtime/semantics/timestamp.h"

namespace {

namespace sem = tb::semantics;

uint32_t test(tb_string_test t, std::string_view s, std::string_view needle) {
  return tb_host_string_test(t, s.data(), s.size(), needle.data(), needle.size());
}

TEST(HostFunctions, CompareBytes) {
  EXPECT_EQ(tb_host_compare_bytes("abc", 3, "abd", 3), -1);
  EXPECT_EQ(tb_host_compare_bytes("abc", 3, "ab", 2), 1);
  EXPECT_EQ(tb_host_compare_bytes("ab", 2, "ab", 2), 0);
  EXPECT_EQ(tb_host_compare_bytes("\xC3\xA9", 2, "z", 1), 1);  // bytes compare unsigned
  EXPECT_EQ(tb_host_compare_bytes(nullptr, 0, "a", 1), -1);
  EXPECT_EQ(tb_host_compare_bytes(nullptr, 0, nullptr, 0), 0);
}

TEST(HostFunctions, StringTests) {
  EXPECT_EQ(test(TB_CONTAINS, "AssumeRole", "eRo"), 1u);
  EXPECT_EQ(test(TB_CONTAINS, "AssumeRole", "ero"), 0u);
  EXPECT_EQ(test(TB_STARTSWITH, "AssumeRole", "Assume"), 1u);
  EXPECT_EQ(test(TB_ENDSWITH, "AssumeRole", "Role"), 1u);
  EXPECT_EQ(test(TB_ENDSWITH, "AssumeRole", "Assume"), 0u);
  EXPECT_EQ(test(TB_ICONTAINS, "\u212AELVIN", sem::fold_case("kelvin")), 1u);
  EXPECT_EQ(test(TB_ICONTAINS, "STRASSE", sem::fold_case("\u00DF")), 0u);
  EXPECT_EQ(test(TB_ISTARTSWITH, "\u00C9t\u00E9", sem::fold_case("\u00E9")), 1u);
  EXPECT_EQ(test(TB_IENDSWITH, "\u00C9t\u00C9", sem::fold_case("\u00E9")), 1u);
  EXPECT_EQ(test(TB_IENDSWITH, "\u00C9t\u00C9", sem::fold_case("t")), 0u);
  EXPECT_EQ(test(TB_CONTAINS, "", ""), 1u);
  EXPECT_EQ(tb_host_string_test(TB_CONTAINS, nullptr, 0, nullptr, 0), 1u);
}

TEST(HostFunctions, RegexMatch) {
  sem::RegexError error;
  const auto re = sem::Regex::compile("^arn:aws:iam::[0-9]+:root$", error);
  ASSERT_NE(re, nullptr);
  const std::string yes = "arn:aws:iam::123456789012:root", no = "arn:aws:iam::1:root\n";
  EXPECT_EQ(tb_host_regex_match(re.get(), yes.data(), yes.size()), 1u);
  EXPECT_EQ(tb_host_regex_match(re.get(), no.data(), no.size()), 0u);
  EXPECT_EQ(tb_host_regex_match(re.get(), yes.data(), yes.size() - 1), 0u);  // the length counts
}

TEST(HostFunctions, CidrMatch) {
  sem::CidrError error;
  const auto set = sem::CidrSet::parse({"10.0.0.0/8", "::ffff:0:0/96"}, error);
  ASSERT_TRUE(set);
  const std::string in = "10.1.2.3:443";
  EXPECT_EQ(tb_host_cidr_match(&*set, in.data(), 8), 1u);  // "10.1.2.3" by length
  EXPECT_EQ(tb_host_cidr_match(&*set, in.data(), in.size()), 0u);
  EXPECT_EQ(tb_host_cidr_match(&*set, "::ffff:1.2.3.4", 14), 1u);
  EXPECT_EQ(tb_host_cidr_match(&*set, "010.0.0.1", 9), 0u);
}

TEST(HostFunctions, TimeCompare) {
  const sem::Instant window_start = *sem::parse_instant("2026-03-01T00:00:00Z");
  int32_t order = 7;
  const std::string late = "2026-02-28T23:30:00-01:00";
  EXPECT_EQ(tb_host_time_compare(late.data(), late.size(), &window_start, &order), 1u);
  EXPECT_EQ(order, 1);
  const std::string exact = "2026-03-01T00:00:00.000Z";
  EXPECT_EQ(tb_host_time_compare(exact.data(), exact.size(), &window_start, &order), 1u);
  EXPECT_EQ(order, 0);
  const std::string early = "2026-02-28T23:59:59.9999999999Z";
  EXPECT_EQ(tb_host_time_compare(early.data(), early.size(), &window_start, &order), 1u);
  EXPECT_EQ(order, -1);
  order = 7;
  const std::string bad = "2026-03-01T00:00:00+0000";
  EXPECT_EQ(tb_host_time_compare(bad.data(), bad.size(), &window_start, &order), 0u);
  EXPECT_EQ(order, 7);  // untouched when the text is not a timestamp
}

TEST(HostFunctions, MapCaseWritesIntoScratch) {
  tb_scratch scratch;
  tb_kernel_context context{nullptr, &scratch, nullptr};
  const std::string text = "Admin\u00C9\u212A\u00DF\u023A";
  tb_value in{};
  in.kind = TB_STRING;
  in.len = static_cast<uint32_t>(text.size());
  in.str = text.data();
  tb_value lower{}, upper{};
  tb_host_map_case(0, &in, &lower, &context);
  tb_host_map_case(1, &in, &upper, &context);
  ASSERT_EQ(lower.kind, TB_STRING);
  ASSERT_EQ(upper.kind, TB_STRING);
  // Both stay valid together until the scratch is reset.
  EXPECT_EQ(std::string_view(lower.str, lower.len), "admin\u00E9k\u00DF\u2C65");
  EXPECT_EQ(std::string_view(upper.str, upper.len), "ADMIN\u00C9\u212A\u00DF\u023A");
}

TEST(HostFunctions, MapCaseOfANonStringIsMissing) {
  tb_scratch scratch;
  tb_kernel_context context{nullptr, &scratch, nullptr};
  for (const tb_kind kind :
       {TB_MISSING, TB_NULL, TB_BOOL, TB_INT, TB_DOUBLE, TB_OBJECT, TB_ARRAY}) {
    tb_value in{};
    in.kind = kind;
    in.i = 42;
    tb_value out{};
    out.kind = TB_STRING;
    tb_host_map_case(0, &in, &out, &context);
    EXPECT_EQ(out.kind, TB_MISSING) << kind;
  }
}

TEST(HostFunctions, SymbolTableNamesEveryHostFunction) {
  const std::vector<tb::abi::HostSymbol> expected = {
      {"tb_host_compare_bytes", reinterpret_cast<const void*>(&tb_host_compare_bytes)},
      {"tb_host_string_test", reinterpret_cast<const void*>(&tb_host_string_test)},
      {"tb_host_regex_match", reinterpret_cast<const void*>(&tb_host_regex_match)},
      {"tb_host_cidr_match", reinterpret_cast<const void*>(&tb_host_cidr_match)},
      {"tb_host_time_compare", reinterpret_cast<const void*>(&tb_host_time_compare)},
      {"tb_host_map_case", reinterpret_cast<const void*>(&tb_host_map_case)},
  };
  // Other host functions may follow; these must be there, each under its own name.
  const auto symbols = tb::abi::host_symbols();
  for (const tb::abi::HostSymbol& want : expected) {
    const auto it = std::find_if(symbols.begin(), symbols.end(), [&](const auto& s) {
      return std::string_view(s.name) == want.name;
    });
    ASSERT_NE(it, symbols.end()) << want.name;
    EXPECT_EQ(it->address, want.address) << want.name;
  }
  std::set<std::string_view> names;
  for (const auto& s : symbols) {
    EXPECT_TRUE(names.insert(s.name).second) << s.name;
    EXPECT_NE(s.address, nullptr) << s.name;
  }
}

}  // namespace
