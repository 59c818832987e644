#pragma once
// Strict IP address text (semantics R8), the same language as glibc inet_pton. IPv4 is exactly
// four decimal parts 0-255 without leading zeros: no `10.1.2`, no octal or hex, no port, no
// spaces. IPv6 is RFC 4291 text in any hex case, with `::` and a strict dotted IPv4 tail, and no
// zone, brackets or port. Families stay apart: `::ffff:10.1.2.3` is an IPv6 address.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::semantics {

struct IpAddress {
  enum class Family : uint8_t { V4, V6 };
  Family family = Family::V4;
  std::array<uint8_t, 16> bytes{};  // network order; IPv4 uses the first 4

  size_t size() const { return family == Family::V4 ? 4 : 16; }
  unsigned bits() const { return family == Family::V4 ? 32 : 128; }
  bool operator==(const IpAddress&) const = default;
};

std::optional<IpAddress> parse_ipv4(std::string_view text);
std::optional<IpAddress> parse_ipv6(std::string_view text);
std::optional<IpAddress> parse_ip(std::string_view text);

// Canonical text: dotted decimal, or RFC 5952 IPv6 (lower case, the longest run of two or more
// zero groups as `::`, IPv4-mapped addresses as `::ffff:a.b.c.d`).
std::string format_ip(const IpAddress& address);

}  // namespace tb::semantics
