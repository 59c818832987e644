#include "runtime/exec/partition_bounds.h"

#include <algorithm>
#include <filesystem>

#include "runtime/semantics/timestamp.h"

namespace tb::runtime {

namespace {

bool listed(const std::optional<std::vector<std::string>>& values, const std::string& value) {
  return !values || std::find(values->begin(), values->end(), value) != values->end();
}

std::string quoted_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const std::string& v : values) out += (out.size() > 1 ? ", \"" : "\"") + v + "\"";
  return out + "]";
}

std::string instant_text(int64_t seconds) {
  return semantics::format_rfc3339(semantics::Instant{seconds, {}});
}

}  // namespace

bool may_hold(const PartitionBounds& bounds, const PathPartition& where) {
  if (!listed(bounds.accounts, where.account) || !listed(bounds.regions, where.region)) {
    return false;
  }
  // Events in the file: [delivered_from - late delivery, delivered_until + clock skew).
  if (bounds.time_from && where.delivered_until + kClockSkewSeconds <= *bounds.time_from) {
    return false;
  }
  if (bounds.time_until && *bounds.time_until <= where.delivered_from - kLateDeliverySeconds) {
    return false;
  }
  return true;
}

bool file_may_match(const std::vector<PartitionBounds>& per_query, const std::string& path) {
  if (per_query.empty()) return true;
  if (std::none_of(per_query.begin(), per_query.end(),
                   [](const PartitionBounds& b) { return b.any(); })) {
    return true;
  }
  // Relative paths are read from the working directory, which may hold the AWSLogs folder.
  std::error_code ec;
  const std::filesystem::path full = std::filesystem::absolute(path, ec);
  const auto where = parse_partition_path(ec ? path : full.lexically_normal().string());
  if (!where) return true;
  return std::any_of(per_query.begin(), per_query.end(),
                     [&](const PartitionBounds& b) { return may_hold(b, *where); });
}

std::string describe(const PartitionBounds& bounds) {
  std::vector<std::string> terms;
  if (bounds.accounts) terms.push_back("recipientAccountId in " + quoted_list(*bounds.accounts));
  if (bounds.regions) terms.push_back("awsRegion in " + quoted_list(*bounds.regions));
  if (bounds.time_from) terms.push_back("eventTime >= " + instant_text(*bounds.time_from));
  if (bounds.time_until) terms.push_back("eventTime < " + instant_text(*bounds.time_until));
  if (terms.empty()) return "none";
  std::string out = terms.front();
  for (size_t i = 1; i < terms.size(); ++i) out += " and " + terms[i];
  return out;
}

}  // namespace tb::runtime
