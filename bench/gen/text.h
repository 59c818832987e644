// Fast appenders for building JSON text in a preallocated std::string: numbers, identifiers, UUIDs,
// timestamps. No locale, no iostreams.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "bench/gen/rng.h"

namespace tbgen {

inline constexpr char kHexLower[] = "0123456789abcdef";
inline constexpr char kHexUpper[] = "0123456789ABCDEF";
inline constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
inline constexpr char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
inline constexpr char kLowerAlnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
inline constexpr char kUpperAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
inline constexpr char kBase64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
inline constexpr char kBase64Url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

inline void put_uint(std::string& o, uint64_t v) {
  char buf[20];
  int n = 0;
  do {
    buf[n++] = char('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) o.push_back(buf[--n]);
}

inline void put_int(std::string& o, int64_t v) {
  if (v < 0) {
    o.push_back('-');
    put_uint(o, uint64_t(0) - uint64_t(v));
  } else {
    put_uint(o, uint64_t(v));
  }
}

// Two digits, zero padded.
inline void put_2d(std::string& o, int v) {
  o.push_back(char('0' + v / 10));
  o.push_back(char('0' + v % 10));
}

// Appends the JSON-escaped content of s (without surrounding quotes).
inline void put_escaped(std::string& o, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '"':
        o += "\\\"";
        break;
      case '\\':
        o += "\\\\";
        break;
      case '\n':
        o += "\\n";
        break;
      case '\t':
        o += "\\t";
        break;
      case '\r':
        o += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          o += "\\u00";
          o.push_back(kHexLower[(c >> 4) & 0xF]);
          o.push_back(kHexLower[c & 0xF]);
        } else {
          o.push_back(c);
        }
    }
  }
}

// n characters drawn uniformly (12-bit resolution) from an alphabet, 5 characters per 64-bit draw.
template <size_t N>
inline void put_chars(std::string& o, Rng& r, const char (&alphabet)[N], int n) {
  constexpr uint64_t kSize = N - 1;
  while (n > 0) {
    uint64_t x = r.next();
    for (int i = 0; i < 5 && n > 0; ++i, --n) {
      o.push_back(alphabet[((x & 0xFFF) * kSize) >> 12]);
      x >>= 12;
    }
  }
}

inline void put_hex(std::string& o, Rng& r, int n) {
  while (n > 0) {
    uint64_t x = r.next();
    for (int i = 0; i < 16 && n > 0; ++i, --n, x >>= 4) o.push_back(kHexLower[x & 0xF]);
  }
}

// Random version-4 UUID, lowercase.
inline void put_uuid(std::string& o, Rng& r, bool upper = false) {
  const char* hex = upper ? kHexUpper : kHexLower;
  uint64_t a = r.next();
  uint64_t b = r.next();
  a = (a & ~0xF000ULL) | 0x4000ULL;            // version nibble
  b = (b & ~(0xCULL << 60)) | (0x8ULL << 60);  // variant bits
  char buf[36];
  int p = 0;
  for (int i = 0; i < 16; ++i) {
    if (i == 8 || i == 12) buf[p++] = '-';
    buf[p++] = hex[(a >> (60 - 4 * i)) & 0xF];
  }
  for (int i = 0; i < 16; ++i) {
    if (i == 0 || i == 4) buf[p++] = '-';
    buf[p++] = hex[(b >> (60 - 4 * i)) & 0xF];
  }
  o.append(buf, 36);
}

// ---- Time ------------------------------------------------------------------------------------

struct Civil {
  int year, month, day, hour, minute, second, weekday;  // weekday: 0 = Sunday
};

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
inline int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

inline Civil civil_from_epoch(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  int64_t secs = t - days * 86400;
  Civil c{};
  c.weekday = int((days + 4) % 7 + 7) % 7;
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  c.day = int(doy - (153 * mp + 2) / 5 + 1);
  c.month = int(mp < 10 ? mp + 3 : mp - 9);
  c.year = int(yoe + era * 400 + (c.month <= 2));
  c.hour = int(secs / 3600);
  c.minute = int(secs / 60 % 60);
  c.second = int(secs % 60);
  return c;
}

inline void put_4d(std::string& o, int v) {
  put_2d(o, v / 100);
  put_2d(o, v % 100);
}

// RFC 3339 as CloudTrail writes it: 2026-11-01T12:34:56Z
inline void put_iso(std::string& o, int64_t t) {
  const Civil c = civil_from_epoch(t);
  put_4d(o, c.year);
  o.push_back('-');
  put_2d(o, c.month);
  o.push_back('-');
  put_2d(o, c.day);
  o.push_back('T');
  put_2d(o, c.hour);
  o.push_back(':');
  put_2d(o, c.minute);
  o.push_back(':');
  put_2d(o, c.second);
  o.push_back('Z');
}

inline constexpr const char* kMonthAbbrev[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Java-style dates found in IAM/STS response elements: "Nov 1, 2026 1:23:45 PM" (IAM) or with a
// comma after the year (STS credential expiration).
inline void put_human(std::string& o, int64_t t, bool comma_after_year) {
  const Civil c = civil_from_epoch(t);
  o += kMonthAbbrev[c.month - 1];
  o.push_back(' ');
  put_uint(o, uint64_t(c.day));
  o += ", ";
  put_4d(o, c.year);
  if (comma_after_year) o.push_back(',');
  o.push_back(' ');
  const int h12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
  put_uint(o, uint64_t(h12));
  o.push_back(':');
  put_2d(o, c.minute);
  o.push_back(':');
  put_2d(o, c.second);
  o += c.hour < 12 ? " AM" : " PM";
}

}  // namespace tbgen
