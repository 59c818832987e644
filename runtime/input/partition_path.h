#pragma once
// Where a CloudTrail delivery file sits in the S3 layout, read from its path:
//   .../AWSLogs/[o-orgid/]<account>/CloudTrail/<region>/YYYY/MM/DD/
//       <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json[.gz]
// The name's time is the minute the file was delivered (UTC); the file may hold events from
// any time before it. Used to skip files that no query can match (partition pruning).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::runtime {

struct PathPartition {
  std::string account;          // 12 digits
  std::string region;           // e.g. us-east-1
  int64_t delivered_from = 0;   // Unix seconds of the name's minute
  int64_t delivered_until = 0;  // exclusive: the end of that minute
};

// nullopt unless the path follows the layout exactly: account and region in the folders and the
// name agree, the folder date is the name's date, and it is a real date and time. A path that
// does not follow it is never pruned.
std::optional<PathPartition> parse_partition_path(std::string_view path);

}  // namespace tb::runtime
