// Reading account, region and delivery minute from CloudTrail's S3 layout; anything else is not
// a partition (and so never pruned).
#include "runtime/input/partition_path.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tb::runtime {
namespace {

constexpr int64_t k20261103T0110Z = 1793668200;  // date -u -d 2026-11-03T01:10:00Z +%s

TEST(PartitionPath, ReadsAccountRegionAndDeliveryMinute) {
  const auto p = parse_partition_path(
      "samples/AWSLogs/366927034923/CloudTrail/eu-west-1/2026/11/03/"
      "366927034923_CloudTrail_eu-west-1_20261103T0110Z_rHWlRBAQv20RrCyM.json.gz");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->account, "366927034923");
  EXPECT_EQ(p->region, "eu-west-1");
  EXPECT_EQ(p->delivered_from, k20261103T0110Z);
  EXPECT_EQ(p->delivered_until, k20261103T0110Z + 60);
}

TEST(PartitionPath, OrganizationTrailsAndAbsolutePaths) {
  const auto p = parse_partition_path(
      "/data/bucket/prefix/AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/us-gov-west-1/2026/11/03/"
      "111122223333_CloudTrail_us-gov-west-1_20261103T0110Z_Mu0KsOhtH1ar15ZZ.json");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->account, "111122223333");
  EXPECT_EQ(p->region, "us-gov-west-1");
  EXPECT_EQ(p->delivered_from, k20261103T0110Z);
}

TEST(PartitionPath, PathsOutsideTheLayoutAreNotPartitions) {
  const std::string good_dir = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/03/";
  const std::string good_name = "111122223333_CloudTrail_us-east-1_20261103T0110Z_x.json.gz";
  ASSERT_TRUE(parse_partition_path(good_dir + good_name).has_value());
  for (const std::string& path : std::vector<std::string>{
           std::string("trail.jsonl"),
           "CloudTrail/218007301253_CloudTrail_us-east-1_20230710T1220Z_WMiHxZgr5Hdd6UDc.json",
           good_name,                                                              // no folders
           "Logs/111122223333/CloudTrail/us-east-1/2026/11/03/" + good_name,       // not AWSLogs
           "AWSLogs/x/111122223333/CloudTrail/us-east-1/2026/11/03/" + good_name,  // not o-
           "AWSLogs/11112222333/CloudTrail/us-east-1/2026/11/03/" + good_name,     // 11 digits
           "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/03/" + good_name,
           "AWSLogs/111122223333/CloudTrail/US-EAST-1/2026/11/03/" + good_name,
           "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/3/" + good_name,
           "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/04/" + good_name,     // other date
           "AWSLogs/222233334444/CloudTrail/us-east-1/2026/11/03/" + good_name,     // other account
           "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/03/" + good_name,     // other region
           good_dir + "111122223333_CloudTrail_us-east-1_20261103T0110_x.json.gz",  // no Z
           good_dir + "111122223333_CloudTrail_us-east-1_20261103T0110Z_x.csv",     // not JSON
           good_dir + "111122223333_CloudTrail_us-east-1_20261103T2460Z_x.json.gz",  // 24:60
           "AWSLogs/111122223333/CloudTrail/us-east-1/2026/02/30/"
           "111122223333_CloudTrail_us-east-1_20260230T0110Z_x.json.gz",  // 30 February
           "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/03/extra/" + good_name,
       }) {
    EXPECT_FALSE(parse_partition_path(path).has_value()) << path;
  }
}

}  // namespace
}  // namespace tb::runtime
