#include "runtime/semantics/timestamp.h"

#include <array>
#include <cstdint>

namespace tb::semantics {

namespace {

struct Unit {
  char letter;
  int64_t seconds;
};
constexpr std::array<Unit, 5> kUnits{
    {{'w', 604800}, {'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}}};

}  // namespace

std::optional<int64_t> parse_duration_seconds(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int64_t total = 0;
  size_t next_unit = 0;  // units come in kUnits order, each at most once
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t start = pos;
    int64_t count = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (__builtin_mul_overflow(count, 10, &count) ||
          __builtin_add_overflow(count, s[pos] - '0', &count)) {
        return std::nullopt;
      }
      ++pos;
    }
    if (pos == start || pos == s.size()) return std::nullopt;
    while (next_unit < kUnits.size() && kUnits[next_unit].letter != s[pos]) ++next_unit;
    if (next_unit == kUnits.size()) return std::nullopt;
    int64_t part;
    if (__builtin_mul_overflow(count, kUnits[next_unit].seconds, &part) ||
        __builtin_add_overflow(total, part, &total)) {
      return std::nullopt;
    }
    ++next_unit;
    ++pos;
  }
  return total;
}

std::string format_duration(int64_t seconds) {
  if (seconds == 0) return "0s";
  std::string out = seconds < 0 ? "-" : "";
  // The magnitude as unsigned, so that INT64_MIN has one too.
  uint64_t rest = seconds < 0 ? 0 - static_cast<uint64_t>(seconds) : static_cast<uint64_t>(seconds);
  for (const Unit& unit : kUnits) {
    const auto size = static_cast<uint64_t>(unit.seconds);
    if (rest >= size) {
      out += std::to_string(rest / size);
      out.push_back(unit.letter);
      rest %= size;
    }
  }
  return out;
}

}  // namespace tb::semantics
