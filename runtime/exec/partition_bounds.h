#pragma once
// Partition pruning: what every record a query can match satisfies, in the terms an S3-layout
// path carries (account, region, delivery time). A file that every query's bounds exclude is not
// opened. Derived by the compiler (lower/partition_bounds) from `where` and --since/--until.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/input/partition_path.h"

namespace tb::runtime {

struct PartitionBounds {
  std::optional<std::vector<std::string>> accounts;  // recipientAccountId is one of these
  std::optional<std::vector<std::string>> regions;   // awsRegion is one of these
  std::optional<int64_t> time_from;                  // eventTime >= this (Unix seconds)
  std::optional<int64_t> time_until;                 // eventTime < this (Unix seconds)

  bool any() const { return accounts || regions || time_from || time_until; }
};

// How far an event's time may lie from its file's delivery minute. CloudTrail documents that a
// file delivered at a time holds records from any point before it, typically about 5 minutes
// before, with no guarantee, and that it retries a failed delivery for 30 days: a file is taken
// to hold events from 30 days before its minute up to 15 minutes after it (clock skew).
constexpr int64_t kLateDeliverySeconds = 30 * 86400;
constexpr int64_t kClockSkewSeconds = 15 * 60;

// Whether a file at `where` can hold a record within `bounds`.
bool may_hold(const PartitionBounds& bounds, const PathPartition& where);

// Whether some query can match a record of the file at `path`. `per_query` empty, or any query
// without a bound, or a path outside the layout: true.
bool file_may_match(const std::vector<PartitionBounds>& per_query, const std::string& path);

// `recipientAccountId in [...] and awsRegion in [...] and eventTime >= ... and eventTime < ...`,
// or "none" (for explain --plan and --stats).
std::string describe(const PartitionBounds& bounds);

}  // namespace tb::runtime
