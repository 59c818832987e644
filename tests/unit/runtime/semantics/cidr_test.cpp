#include "runtime/semantics/cidr.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tb::semantics {
namespace {

CidrSet set_of(const std::vector<std::string>& prefixes) {
  CidrError error;
  auto set = CidrSet::parse(prefixes, error);
  EXPECT_TRUE(set) << error.index << ": " << error.message;
  return set ? *set : CidrSet();
}

CidrError error_of(const std::vector<std::string>& prefixes) {
  CidrError error;
  EXPECT_FALSE(CidrSet::parse(prefixes, error));
  return error;
}

TEST(Cidr, Ipv4Prefixes) {
  const CidrSet set = set_of({"10.0.0.0/8", "192.168.1.0/24", "172.16.0.0/12"});
  EXPECT_TRUE(set.contains("10.255.0.1"));
  EXPECT_TRUE(set.contains("192.168.1.200"));
  EXPECT_FALSE(set.contains("192.168.2.1"));
  EXPECT_TRUE(set.contains("172.31.255.255"));
  EXPECT_FALSE(set.contains("172.32.0.0"));
  EXPECT_FALSE(set.contains("11.0.0.1"));
}

TEST(Cidr, OddLengthsCutInsideAByte) {
  const CidrSet set = set_of({"10.1.2.128/25", "2001:db8:8000::/33"});
  EXPECT_TRUE(set.contains("10.1.2.128"));
  EXPECT_TRUE(set.contains("10.1.2.255"));
  EXPECT_FALSE(set.contains("10.1.2.127"));
  EXPECT_TRUE(set.contains("2001:db8:ffff::1"));
  EXPECT_FALSE(set.contains("2001:db8:7fff::1"));
}

TEST(Cidr, NonStrictAddressesAreInNoPrefix) {
  const CidrSet any = set_of({"0.0.0.0/0", "::/0"});
  for (const char* bad : {"010.0.0.1", "10.1.2", "0x0a.0.0.1", "10.1.2.3:443", "10.1.2.3 ", "",
                          "fe80::1%eth0", "[::1]", "localhost"}) {
    EXPECT_FALSE(any.contains(bad)) << bad;
  }
  EXPECT_FALSE(set_of({"10.0.0.0/8"}).contains("010.0.0.1"));
}

TEST(Cidr, AllOfBothFamiliesIsIsAnIp) {
  const CidrSet any = set_of({"0.0.0.0/0", "::/0"});
  for (const char* ip : {"0.0.0.0", "10.1.2.3", "255.255.255.255", "::", "::1", "2001:db8::1",
                         "::ffff:10.1.2.3", "FE80::1"}) {
    EXPECT_TRUE(any.contains(ip)) << ip;
  }
  EXPECT_FALSE(set_of({"0.0.0.0/0"}).contains("::1"));
  EXPECT_FALSE(set_of({"::/0"}).contains("10.1.2.3"));
}

TEST(Cidr, FamilyStrict) {
  EXPECT_TRUE(set_of({"::ffff:0:0/96"}).contains("::ffff:10.1.2.3"));
  EXPECT_FALSE(set_of({"10.0.0.0/8"}).contains("::ffff:10.1.2.3"));
  EXPECT_FALSE(set_of({"::ffff:0:0/96"}).contains("10.1.2.3"));
}

TEST(Cidr, BareAddressIsAHostPrefix) {
  const CidrSet set = set_of({"10.1.2.3", "2001:db8::1"});
  EXPECT_TRUE(set.contains("10.1.2.3"));
  EXPECT_FALSE(set.contains("10.1.2.4"));
  EXPECT_TRUE(set.contains("2001:DB8:0::1"));
  EXPECT_FALSE(set.contains("2001:db8::2"));
  EXPECT_TRUE(set_of({"10.1.2.3/32", "::1/128"}).contains("::1"));
}

TEST(Cidr, EmptyListContainsNothing) {
  EXPECT_FALSE(set_of({}).contains("10.1.2.3"));
}

TEST(Cidr, ErrorsSayWhichEntryAndWhy) {
  CidrError e = error_of({"10.0.0.0/8", "10.1.2.3/8"});
  EXPECT_EQ(e.index, 1u);
  EXPECT_EQ(e.message, "10.1.2.3/8 has host bits set; did you mean 10.0.0.0/8?");

  e = error_of({"2001:db8::1/32"});
  EXPECT_EQ(e.index, 0u);
  EXPECT_EQ(e.message, "2001:db8::1/32 has host bits set; did you mean 2001:db8::/32?");

  e = error_of({"10.0.0.0/8", "::/0", "10.0.0.0/33"});
  EXPECT_EQ(e.index, 2u);
  EXPECT_EQ(e.message, "prefix length 33 in 10.0.0.0/33 is out of range for IPv4 (0-32)");

  e = error_of({"::/129"});
  EXPECT_EQ(e.message, "prefix length 129 in ::/129 is out of range for IPv6 (0-128)");

  e = error_of({"010.0.0.0/8"});
  EXPECT_EQ(e.message,
            "010.0.0.0 is not an IP address (IPv4 is four decimal numbers 0-255 without leading "
            "zeros; IPv6 is RFC 4291 text without zone or brackets)");

  for (const char* bad_length : {"10.0.0.0/", "10.0.0.0/08", "10.0.0.0/+8", "10.0.0.0/8/8",
                                 "10.0.0.0/ 8", "10.0.0.0/1000", "10.0.0.0/x"}) {
    e = error_of({bad_length});
    EXPECT_NE(e.message.find("is not a decimal number"), std::string::npos) << bad_length;
  }
  for (const char* bad_address : {"10.1.2/24", "", "/8", "10.0.0.0 /8", "[::]/0", "fe80::%1/64"}) {
    e = error_of({bad_address});
    EXPECT_NE(e.message.find("is not an IP address"), std::string::npos) << bad_address;
  }
}

TEST(Cidr, ZeroLengthAcceptsOnlyTheZeroNetwork) {
  EXPECT_EQ(error_of({"1.0.0.0/0"}).message,
            "1.0.0.0/0 has host bits set; did you mean 0.0.0.0/0?");
  EXPECT_EQ(error_of({"::ffff:10.0.0.0/96"}).message,
            "::ffff:10.0.0.0/96 has host bits set; did you mean ::ffff:0.0.0.0/96?");
}

}  // namespace
}  // namespace tb::semantics
