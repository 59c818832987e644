#include "runtime/semantics/timestamp.h"

#include <cstdio>
#include <limits>

namespace tb::semantics {

namespace {

constexpr int64_t kSecondsPerDay = 86400;

struct Civil {
  int64_t year;
  unsigned month;
  unsigned day;
};

bool is_leap(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

unsigned days_in_month(int64_t year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms"): exact for every int64 day count used here.
int64_t days_from_civil(Civil c) {
  const int64_t y = c.year - (c.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (c.month > 2 ? c.month - 3 : c.month + 9) + 2) / 5 + c.day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// Reads `count` decimal digits at s[pos]; -1 unless all are digits.
int64_t digits(std::string_view s, size_t pos, size_t count) {
  if (s.size() < pos + count) return -1;
  int64_t value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

std::string_view trim_zeros(std::string_view fraction) {
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  return fraction;
}

int sign(int v) {
  return (v > 0) - (v < 0);
}

}  // namespace

std::optional<InstantView> parse_rfc3339(std::string_view s) {
  // Fixed layout up to the seconds: YYYY-MM-DDTHH:MM:SS
  const int64_t year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
  const int64_t hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || second < 0 || second > 59 || s[4] != '-' || s[7] != '-' ||
      (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':' ||
      static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month))) {
    return std::nullopt;
  }
  size_t pos = 19;
  std::string_view fraction;
  if (pos < s.size() && s[pos] == '.') {
    const size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
    fraction = trim_zeros(s.substr(start, pos - start));
  }
  if (pos == s.size()) return std::nullopt;
  int64_t offset = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    if (pos + 1 != s.size()) return std::nullopt;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int64_t oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
    if (s.size() != pos + 6 || oh < 0 || oh > 23 || s[pos + 3] != ':' || om < 0 || om > 59) {
      return std::nullopt;
    }
    offset = (s[pos] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  const int64_t days =
      days_from_civil({year, static_cast<unsigned>(month), static_cast<unsigned>(day)});
  return InstantView{days * kSecondsPerDay + hour * 3600 + minute * 60 + second - offset, fraction};
}

std::optional<Instant> parse_instant(std::string_view text) {
  const auto view = parse_rfc3339(text);
  if (!view) return std::nullopt;
  return Instant{view->seconds, std::string(view->fraction)};
}

int compare(const InstantView& a, const InstantView& b) {
  if (a.seconds != b.seconds) return a.seconds < b.seconds ? -1 : 1;
  // Without trailing zeros, digit strings order as the fractions they spell.
  return sign(trim_zeros(a.fraction).compare(trim_zeros(b.fraction)));
}

int compare(const InstantView& a, const Instant& b) {
  return compare(a, b.view());
}

Instant from_unix_nanos(int64_t nanos) {
  constexpr int64_t kPerSecond = 1'000'000'000;
  int64_t seconds = nanos / kPerSecond;
  int64_t rest = nanos % kPerSecond;
  if (rest < 0) {
    --seconds;
    rest += kPerSecond;
  }
  char digits9[10];
  std::snprintf(digits9, sizeof digits9, "%09lld", static_cast<long long>(rest));
  return {seconds, std::string(trim_zeros(digits9))};
}

std::string format_rfc3339(const Instant& instant) {
  int64_t days = instant.seconds / kSecondsPerDay;
  int64_t secs = instant.seconds % kSecondsPerDay;
  if (secs < 0) {
    --days;
    secs += kSecondsPerDay;
  }
  const Civil c = civil_from_days(days);
  char year[24];
  if (c.year >= 0 && c.year <= 9999) {
    std::snprintf(year, sizeof year, "%04lld", static_cast<long long>(c.year));
  } else {
    std::snprintf(year, sizeof year, "%+05lld", static_cast<long long>(c.year));
  }
  char rest[64];
  std::snprintf(rest, sizeof rest, "-%02u-%02uT%02d:%02d:%02d", c.month, c.day,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  std::string out = std::string(year) + rest;
  if (!instant.fraction.empty()) out += "." + instant.fraction;
  out += 'Z';
  return out;
}

Instant add_seconds(const Instant& instant, int64_t seconds) {
  int64_t sum;
  if (__builtin_add_overflow(instant.seconds, seconds, &sum)) {
    sum = seconds > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  }
  return {sum, instant.fraction};
}

}  // namespace tb::semantics
