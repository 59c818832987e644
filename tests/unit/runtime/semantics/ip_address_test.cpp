#include "runtime/semantics/ip_address.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "tests/unit/compiler/test_rng.h"

namespace tb::semantics {
namespace {

using Family = IpAddress::Family;

TEST(IpAddress, StrictIpv4) {
  const auto a = parse_ip("10.1.2.3");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->family, Family::V4);
  EXPECT_EQ(a->bytes[0], 10);
  EXPECT_EQ(a->bytes[3], 3);
  EXPECT_TRUE(parse_ip("0.0.0.0"));
  EXPECT_TRUE(parse_ip("255.255.255.255"));
  for (const char* bad :
       {"010.0.0.1", "010.000.000.001", "10.1.2", "10.1", "10", "0x0a.0.0.1", "10.1.2.3:443",
        "10.1.2.3 ", " 10.1.2.3", "10.1.2.3.", "10.1.2.3.4", "256.0.0.1", "1.2.3.1000", "1..2.3",
        "+1.2.3.4", "1.2.3.-4", "", "10.1.2.3/32", "１.2.3.4"}) {
    EXPECT_FALSE(parse_ip(bad)) << bad;
  }
  EXPECT_FALSE(parse_ip(std::string("1.2.3.4\0", 8)));
}

TEST(IpAddress, Rfc4291Ipv6) {
  const auto a = parse_ip("2001:DB8::aB:1");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->family, Family::V6);
  EXPECT_EQ(format_ip(*a), "2001:db8::ab:1");
  for (const char* good :
       {"::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
        "::ffff:10.1.2.3", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4", "fe80::1:2", "0:0:0:0:0:0:0:0",
        "0000:0000:0000:0000:0000:0000:0000:0001"}) {
    EXPECT_TRUE(parse_ip(good)) << good;
  }
  for (const char* bad : {":",
                          ":::",
                          "1:2:3:4:5:6:7",
                          "1:2:3:4:5:6:7:8:9",
                          "1::2::3",
                          ":1::",
                          "1:",
                          "1::2:",
                          "12345::",
                          "1:2:3:4:5:6:7:8::",
                          "::1:2:3:4:5:6:7:8",
                          "fe80::1%eth0",
                          "[::1]",
                          "[::1]:443",
                          "::1 ",
                          "::g",
                          "::ffff:010.1.2.3",
                          "::ffff:10.1.2",
                          "1:2:3:4:5:6:7:1.2.3.4",
                          "1:2:3:4:5:6::1.2.3.4",
                          "::1.2.3.4:5",
                          "::a.2.3.4",
                          "1.2.3.4::",
                          "::/0"}) {
    EXPECT_FALSE(parse_ip(bad)) << bad;
  }
}

TEST(IpAddress, FamiliesStayApart) {
  const auto mapped = parse_ip("::ffff:10.1.2.3");
  ASSERT_TRUE(mapped);
  EXPECT_EQ(mapped->family, Family::V6);
  EXPECT_NE(*mapped, *parse_ip("10.1.2.3"));
  EXPECT_FALSE(parse_ipv6("10.1.2.3"));
  EXPECT_FALSE(parse_ipv4("::1"));
}

TEST(IpAddress, CanonicalText) {
  const auto text = [](const char* s) { return format_ip(*parse_ip(s)); };
  EXPECT_EQ(text("10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(text("::"), "::");
  EXPECT_EQ(text("0:0:0:0:0:0:0:1"), "::1");
  EXPECT_EQ(text("1:0:0:0:0:0:0:0"), "1::");
  EXPECT_EQ(text("1:0:2:3:4:5:6:7"), "1:0:2:3:4:5:6:7");  // one zero group stays
  EXPECT_EQ(text("1:0:0:2:0:0:0:3"), "1:0:0:2::3");       // the longest run
  EXPECT_EQ(text("1:0:0:2:3:0:0:4"), "1::2:3:0:0:4");     // the first of equal runs
  EXPECT_EQ(text("::FFFF:0A01:0203"), "::ffff:10.1.2.3");
  EXPECT_EQ(text("2001:0db8:0000::0001"), "2001:db8::1");
}

// glibc inet_pton is the stated reference (semantics R8). Text comes from tokens that make
// near-misses likely: numbers with leading zeros, hex, `::`, dotted tails, zones, ports, spaces.
std::string random_address_text(tb::testing::Rng& rng) {
  static const std::vector<std::string> tokens = {
      "0",         "1",    "9",     "00", "01", "10",   "99",   "255",     "256",
      "999",       "0255", "a",     "F",  "ff", "Fe80", "ffff", "FFFF",    "12345",
      "db8",       "g",    ":",     "::", ".",  ".",    ":",    "1.2.3.4", "10.0.0.1",
      "010.0.0.1", " ",    "%eth0", "[",  "]",  "/",    "x",    "-",       "+"};
  std::string s;
  for (size_t n = 1 + rng.below(10); n > 0; --n) s += rng.pick(tokens);
  return s;
}

// Mostly valid addresses: dotted quads, and IPv6 groups with an optional `::` over a run of
// them (sometimes of zero groups, which is invalid) and an optional dotted tail.
std::string random_valid_text(tb::testing::Rng& rng) {
  std::string s;
  if (rng.chance(40)) {
    for (int i = 0; i < 4; ++i) {
      s += (i ? "." : "") + std::to_string(rng.below(rng.chance(50) ? 256 : 300));
    }
    return s;
  }
  const size_t groups = rng.chance(30) ? 6 : 8;
  std::vector<std::string> parts;
  for (size_t g = 0; g < groups; ++g) {
    static const char* kHex = "0123456789abcdefABCDEF";
    std::string part;
    for (size_t d = rng.chance(95) ? 1 + rng.below(4) : 5; d > 0; --d) part += kHex[rng.below(22)];
    parts.push_back(part);
  }
  if (groups == 6) parts.push_back(rng.chance(80) ? "10.1.2.3" : "1.2.03.4");
  const bool gap = rng.chance(60);
  const size_t start = gap ? rng.below(groups + 1) : parts.size() + 1;
  const size_t end = gap ? start + rng.below(groups - start + 1) : parts.size();
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i == start) s += "::";
    if (i >= start && i < end) continue;
    if (!s.empty() && s.back() != ':') s += ':';
    s += parts[i];
  }
  if (start == parts.size()) s += "::";
  return s;
}

TEST(IpAddress, AgreesWithGlibcInetPton) {
  tb::testing::Rng rng(4291);
  int valid4 = 0, valid6 = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string text = rng.chance(50) ? random_address_text(rng) : random_valid_text(rng);
    unsigned char v4[4], v6[16];
    const bool glibc4 = inet_pton(AF_INET, text.c_str(), v4) == 1;
    const bool glibc6 = inet_pton(AF_INET6, text.c_str(), v6) == 1;
    const auto ours4 = parse_ipv4(text);
    const auto ours6 = parse_ipv6(text);
    ASSERT_EQ(ours4.has_value(), glibc4) << '"' << text << '"';
    ASSERT_EQ(ours6.has_value(), glibc6) << '"' << text << '"';
    if (glibc4) {
      EXPECT_EQ(std::memcmp(ours4->bytes.data(), v4, 4), 0) << text;
    }
    if (glibc6) {
      EXPECT_EQ(std::memcmp(ours6->bytes.data(), v6, 16), 0) << text;
    }
    EXPECT_EQ(parse_ip(text).has_value(), glibc4 || glibc6) << text;
    valid4 += glibc4;
    valid6 += glibc6;
  }
  EXPECT_GT(valid4, 10000);
  EXPECT_GT(valid6, 10000);
}

// Formatting agrees with glibc inet_ntop, except for the deprecated IPv4-compatible form
// (::a.b.c.d) that glibc still prints for ::/96 and RFC 5952 does not ask for.
TEST(IpAddress, FormatAgreesWithGlibcInetNtop) {
  tb::testing::Rng rng(5952);
  for (int i = 0; i < 100000; ++i) {
    IpAddress a;
    a.family = Family::V6;
    for (size_t g = 0; g < 8; ++g) {
      const unsigned value = rng.chance(50) ? 0 : rng.chance(10) ? 0xffff : rng.below(0x10000);
      a.bytes[2 * g] = static_cast<uint8_t>(value >> 8);
      a.bytes[2 * g + 1] = static_cast<uint8_t>(value);
    }
    const bool compatible =
        std::all_of(a.bytes.begin(), a.bytes.begin() + 12, [](uint8_t b) { return b == 0; }) &&
        (a.bytes[12] != 0 || a.bytes[13] != 0);
    if (compatible) continue;
    char glibc[INET6_ADDRSTRLEN];
    ASSERT_NE(inet_ntop(AF_INET6, a.bytes.data(), glibc, sizeof glibc), nullptr);
    ASSERT_EQ(format_ip(a), glibc);
    ASSERT_EQ(parse_ip(format_ip(a)), a);
  }
}

}  // namespace
}  // namespace tb::semantics
