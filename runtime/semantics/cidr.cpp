#include "runtime/semantics/cidr.h"

#include <charconv>
#include <cstring>

namespace tb::semantics {

namespace {

bool in_prefix(const IpAddress& address, const IpAddress& network, unsigned length) {
  const unsigned whole = length / 8;
  if (std::memcmp(address.bytes.data(), network.bytes.data(), whole) != 0) return false;
  const unsigned rest = length % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<uint8_t>(0xFF << (8 - rest));
  return (address.bytes[whole] & mask) == network.bytes[whole];
}

IpAddress network_of(IpAddress address, unsigned length) {
  for (unsigned bit = length; bit < address.bits(); ++bit) {
    address.bytes[bit / 8] &= static_cast<uint8_t>(~(0x80u >> (bit % 8)));
  }
  return address;
}

// The prefix length: a decimal number without sign or leading zeros.
std::optional<unsigned> parse_length(std::string_view s) {
  if (s.empty() || s.size() > 3 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<CidrSet> CidrSet::parse(const std::vector<std::string>& prefixes, CidrError& error) {
  CidrSet set;
  for (size_t i = 0; i < prefixes.size(); ++i) {
    const std::string_view entry = prefixes[i];
    const size_t slash = entry.find('/');
    const std::string_view address_text = entry.substr(0, slash);
    const auto fail = [&](std::string message) {
      error.index = i;
      error.message = std::move(message);
      return std::nullopt;
    };
    const auto address = parse_ip(address_text);
    if (!address) {
      return fail(std::string(address_text) +
                  " is not an IP address (IPv4 is four decimal numbers 0-255 without leading "
                  "zeros; IPv6 is RFC 4291 text without zone or brackets)");
    }
    const std::string family = address->family == IpAddress::Family::V4 ? "IPv4" : "IPv6";
    unsigned length = address->bits();
    if (slash != std::string_view::npos) {
      const std::string_view length_text = entry.substr(slash + 1);
      const auto parsed = parse_length(length_text);
      if (!parsed) {
        return fail("prefix length \"" + std::string(length_text) + "\" in " + std::string(entry) +
                    " is not a decimal number");
      }
      if (*parsed > address->bits()) {
        return fail("prefix length " + std::to_string(*parsed) + " in " + std::string(entry) +
                    " is out of range for " + family + " (0-" + std::to_string(address->bits()) +
                    ")");
      }
      length = *parsed;
    }
    const IpAddress network = network_of(*address, length);
    if (network != *address) {
      return fail(std::string(entry) + " has host bits set; did you mean " + format_ip(network) +
                  "/" + std::to_string(length) + "?");
    }
    set.prefixes_.push_back({network, length});
  }
  return set;
}

bool CidrSet::contains(std::string_view address_text) const {
  const auto address = parse_ip(address_text);
  return address && contains(*address);
}

bool CidrSet::contains(const IpAddress& address) const {
  for (const Prefix& p : prefixes_) {
    if (p.network.family == address.family && in_prefix(address, p.network, p.length)) {
      return true;
    }
  }
  return false;
}

}  // namespace tb::semantics
