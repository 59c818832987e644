#pragma once
// `in cidr(...)` (semantics R8): a set of IPv4 and IPv6 prefixes. An address matches only
// prefixes of its own family, so `::ffff:10.1.2.3` is inside `::ffff:0:0/96` but not inside
// `10.0.0.0/8`, and `cidr("0.0.0.0/0", "::/0")` is "is an IP address".
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/semantics/ip_address.h"

namespace tb::semantics {

struct CidrError {
  size_t index = 0;     // which entry of the list
  std::string message;  // why, e.g. "10.1.2.3/8 has host bits set; did you mean 10.0.0.0/8?"
};

class CidrSet {
 public:
  // Entries are "address/length" or a bare address (a /32 or /128). The address must be strict
  // (ip_address.h), the length a decimal number within the family's bits, and the host bits
  // zero. An empty list gives a set that contains nothing.
  static std::optional<CidrSet> parse(const std::vector<std::string>& prefixes, CidrError& error);

  // False for text that is not a strict address.
  bool contains(std::string_view address_text) const;
  bool contains(const IpAddress& address) const;

 private:
  struct Prefix {
    IpAddress network;
    unsigned length;
  };
  std::vector<Prefix> prefixes_;
};

}  // namespace tb::semantics
