#include "runtime/input/partition_path.h"

#include <algorithm>
#include <vector>

#include "runtime/semantics/timestamp.h"

namespace tb::runtime {

namespace {

bool all_digits(std::string_view s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Lower-case letters, digits and hyphens, starting with a letter: us-east-1, us-gov-west-1.
bool region_like(std::string_view s) {
  return !s.empty() && s.front() >= 'a' && s.front() <= 'z' &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = std::min(path.find('/', start), path.size());
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// `<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json[.gz]`: the delivery minute's
// text, or empty when the name is not one of these for this account and region.
std::string_view name_time(std::string_view name, std::string_view account,
                           std::string_view region) {
  const std::string prefix = std::string(account) + "_CloudTrail_" + std::string(region) + "_";
  if (name.substr(0, prefix.size()) != prefix) return {};
  name.remove_prefix(prefix.size());
  constexpr size_t kTime = 14;  // YYYYMMDDTHHmmZ
  if (name.size() < kTime + 2 || name[8] != 'T' || name[13] != 'Z' || name[kTime] != '_') return {};
  const bool json = name.ends_with(".json") || name.ends_with(".json.gz");
  if (!json || !all_digits(name.substr(0, 8), 8) || !all_digits(name.substr(9, 4), 4)) return {};
  return name.substr(0, kTime);
}

}  // namespace

std::optional<PathPartition> parse_partition_path(std::string_view path) {
  const std::vector<std::string_view> parts = split_path(path);
  // From the end: name, DD, MM, YYYY, region, "CloudTrail", account, [o-orgid], "AWSLogs".
  if (parts.size() < 8) return std::nullopt;
  const size_t n = parts.size();
  const std::string_view name = parts[n - 1], day = parts[n - 2], month = parts[n - 3],
                         year = parts[n - 4], region = parts[n - 5], account = parts[n - 7];
  if (parts[n - 6] != "CloudTrail" || !all_digits(account, 12) || !region_like(region)) {
    return std::nullopt;
  }
  const bool direct = parts[n - 8] == "AWSLogs";
  const bool org = n >= 9 && parts[n - 8].starts_with("o-") && parts[n - 9] == "AWSLogs";
  if (!direct && !org) return std::nullopt;
  if (!all_digits(year, 4) || !all_digits(month, 2) || !all_digits(day, 2)) return std::nullopt;
  const std::string_view time = name_time(name, account, region);
  if (time.empty() ||
      time.substr(0, 8) != std::string(year) + std::string(month) + std::string(day)) {
    return std::nullopt;
  }
  const std::string rfc3339 = std::string(year) + "-" + std::string(month) + "-" +
                              std::string(day) + "T" + std::string(time.substr(9, 2)) + ":" +
                              std::string(time.substr(11, 2)) + ":00Z";
  const auto instant = semantics::parse_rfc3339(rfc3339);
  if (!instant) return std::nullopt;  // 30 February, hour 24
  constexpr int64_t kMinute = 60;
  return PathPartition{std::string(account), std::string(region), instant->seconds,
                       instant->seconds + kMinute};
}

}  // namespace tb::runtime
