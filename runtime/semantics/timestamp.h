#pragma once
// Time (semantics R9): RFC 3339 section 5.6 date-times, compared as exact instants, and the
// durations that time literals add or subtract (`now() - 7d`).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::semantics {

// An instant as seconds since the Unix epoch (UTC) plus the decimal fraction of a second as
// digits, trailing zeros removed. Exact at any precision: epoch seconds in a double would round
// `.9999999999` onto the next second. The view form points into parsed text, for the hot path.
struct InstantView {
  int64_t seconds = 0;
  std::string_view fraction;
};

struct Instant {
  int64_t seconds = 0;
  std::string fraction;

  InstantView view() const { return {seconds, fraction}; }
};

// `YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`: T and Z in either case, a real calendar date,
// hour 00-23, minute and second 00-59 (no leap second), offset hours 00-23 and minutes 00-59,
// one or more fraction digits. Anything else (`+0000`, a space for T, no offset, 24:00, 30
// February, a date alone) is nullopt. The view's fraction points into `text`.
std::optional<InstantView> parse_rfc3339(std::string_view text);
std::optional<Instant> parse_instant(std::string_view text);

// -1, 0 or 1 as a is before, at or after b.
int compare(const InstantView& a, const InstantView& b);
int compare(const InstantView& a, const Instant& b);

// For now(): nanoseconds since the Unix epoch (as std::chrono::system_clock gives them).
Instant from_unix_nanos(int64_t nanos);

// RFC 3339 in UTC, `2026-11-25T10:00:00Z`, with `.fraction` when there is one. Years outside
// 0000-9999 (reachable only through add_seconds or an offset at the edge of year 0000) take the
// ISO 8601 expanded form, `+10000-01-01T00:00:00Z`.
std::string format_rfc3339(const Instant& instant);

// Saturates at the int64 range, which lies far beyond every instant parse_rfc3339 can give, so
// comparisons with parsed times stay exact.
Instant add_seconds(const Instant& instant, int64_t seconds);

// Durations: a number and a unit, w d h m s, combined in that order with each unit at most once
// (`24h`, `7d`, `90m`, `1d12h`). nullopt for anything else and when the total overflows int64.
std::optional<int64_t> parse_duration_seconds(std::string_view text);

// The canonical spelling: the largest units first, zero parts left out (36h -> "1d12h",
// 14d -> "2w", 0 -> "0s"), with a leading '-' for a negative duration.
std::string format_duration(int64_t seconds);

}  // namespace tb::semantics
