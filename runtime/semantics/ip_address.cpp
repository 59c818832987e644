#include "runtime/semantics/ip_address.h"

namespace tb::semantics {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Four dotted decimal parts into out[0..4).
bool parse_dotted(std::string_view s, uint8_t* out) {
  size_t pos = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (pos == s.size() || s[pos] != '.') return false;
      ++pos;
    }
    const size_t start = pos;
    unsigned value = 0;
    while (pos < s.size() && is_digit(s[pos]) && pos - start < 3) {
      value = value * 10 + static_cast<unsigned>(s[pos] - '0');
      ++pos;
    }
    const size_t digits = pos - start;
    if (digits == 0 || value > 255 || (digits > 1 && s[start] == '0')) return false;
    out[part] = static_cast<uint8_t>(value);
  }
  return pos == s.size();
}

void put_group(IpAddress& a, size_t index, unsigned value) {
  a.bytes[2 * index] = static_cast<uint8_t>(value >> 8);
  a.bytes[2 * index + 1] = static_cast<uint8_t>(value);
}

unsigned group(const IpAddress& a, size_t index) {
  return static_cast<unsigned>(a.bytes[2 * index]) << 8 | a.bytes[2 * index + 1];
}

}  // namespace

std::optional<IpAddress> parse_ipv4(std::string_view text) {
  IpAddress a;
  if (!parse_dotted(text, a.bytes.data())) return std::nullopt;
  return a;
}

std::optional<IpAddress> parse_ipv6(std::string_view s) {
  IpAddress a;
  a.family = IpAddress::Family::V6;
  constexpr size_t kNoGap = 9;  // `::` can stand at group index 0 to 8
  size_t groups = 0;
  size_t gap = kNoGap;  // where `::` stands, as a group index
  size_t pos = 0;
  if (s.starts_with("::")) {
    gap = 0;
    pos = 2;
  }
  while (pos < s.size()) {
    const size_t start = pos;
    unsigned value = 0;
    while (pos < s.size() && hex_value(s[pos]) >= 0 && pos - start < 5) {
      value = value * 16 + static_cast<unsigned>(hex_value(s[pos]));
      ++pos;
    }
    if (pos < s.size() && s[pos] == '.') {
      // The dotted tail is the last two groups and ends the text.
      if (groups > 6 || !parse_dotted(s.substr(start), a.bytes.data() + 2 * groups)) {
        return std::nullopt;
      }
      groups += 2;
      break;
    }
    if (pos == start || pos - start > 4 || groups == 8) return std::nullopt;
    put_group(a, groups++, value);
    if (pos == s.size()) break;
    if (s[pos] != ':' || pos + 1 == s.size()) return std::nullopt;
    ++pos;
    if (s[pos] == ':') {
      if (gap != kNoGap) return std::nullopt;
      gap = groups;
      ++pos;
    }
  }
  if (gap == kNoGap) return groups == 8 ? std::optional(a) : std::nullopt;
  // `::` stands for at least one zero group: move the groups after it to the end.
  if (groups == 8) return std::nullopt;
  const size_t after = groups - gap;
  for (size_t i = after; i-- > 0;) put_group(a, 8 - after + i, group(a, gap + i));
  for (size_t i = gap; i < 8 - after; ++i) put_group(a, i, 0);
  return a;
}

std::optional<IpAddress> parse_ip(std::string_view text) {
  return text.find(':') == std::string_view::npos ? parse_ipv4(text) : parse_ipv6(text);
}

std::string format_ip(const IpAddress& a) {
  std::string out;
  const auto dotted = [&out](const uint8_t* b) {
    for (int i = 0; i < 4; ++i) {
      if (i > 0) out.push_back('.');
      out += std::to_string(b[i]);
    }
  };
  if (a.family == IpAddress::Family::V4) {
    dotted(a.bytes.data());
    return out;
  }
  bool mapped = group(a, 5) == 0xffff;
  for (size_t i = 0; i < 5; ++i) mapped = mapped && group(a, i) == 0;
  if (mapped) {
    out = "::ffff:";
    dotted(a.bytes.data() + 12);
    return out;
  }
  // The first longest run of two or more zero groups becomes `::` (RFC 5952 section 4.2).
  size_t best = 8, best_len = 1;  // best == 8: no run
  for (size_t i = 0; i < 8;) {
    size_t j = i;
    while (j < 8 && group(a, j) == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j == i ? i + 1 : j;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (i > 0 && i != best + best_len) out.push_back(':');
    const unsigned g = group(a, i);
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      const unsigned digit = (g >> shift) & 0xF;
      if (digit != 0 || started || shift == 0) {
        out.push_back(kHex[digit]);
        started = true;
      }
    }
  }
  return out;
}

}  // namespace tb::semantics
