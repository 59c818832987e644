// The fields and literals the runbook generator writes about (runbook_writer.h).
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "tests/unit/compiler/runbook_writer.h"

namespace tb::testing::gen {

const std::vector<Field>& record_fields() {
  static const std::vector<Field> fields = {
      {"eventName", {"eventName"}, Type::String},
      {"eventSource", {"eventSource"}, Type::String},
      {"errorCode", {"errorCode"}, Type::String},
      {"userAgent", {"userAgent"}, Type::String},
      {"userIdentity.arn", {"userIdentity", "arn"}, Type::String},
      {"userIdentity.accountId", {"userIdentity", "accountId"}, Type::String},
      {"recipientAccountId", {"recipientAccountId"}, Type::String},
      {"sourceIPAddress", {"sourceIPAddress"}, Type::String, {}, true},
      {"userIdentity.type",
       {"userIdentity", "type"},
       Type::Enum,
       {"Root", "IAMUser", "AssumedRole", "AWSService"}},
      {"eventType", {"eventType"}, Type::Enum, {"AwsApiCall", "AwsConsoleSignIn"}},
      {"userIdentity.sessionContext.attributes.mfaAuthenticated",
       {"userIdentity", "sessionContext", "attributes", "mfaAuthenticated"},
       Type::Enum,
       {"true", "false"}},
      {"eventTime", {"eventTime"}, Type::Timestamp, {}, false, true},
      {"userIdentity.sessionContext.attributes.creationDate",
       {"userIdentity", "sessionContext", "attributes", "creationDate"},
       Type::Timestamp,
       {},
       false,
       true},
      {"readOnly", {"readOnly"}, Type::Boolean},
      {"managementEvent", {"managementEvent"}, Type::Boolean},
      {"insightDetails.insightContext.statistics.insightDuration",
       {"insightDetails", "insightContext", "statistics", "insightDuration"},
       Type::Number},
      {"requestParameters.bucketName", {"requestParameters", "bucketName"}, Type::Dynamic},
      {"requestParameters.maxResults", {"requestParameters", "maxResults"}, Type::Dynamic},
      {"requestParameters.policy.version",
       {"requestParameters", "policy", "version"},
       Type::Dynamic},
      {"requestParameters.`s3:x-amz-acl`", {"requestParameters", "s3:x-amz-acl"}, Type::Dynamic},
      {"requestParameters.select", {"requestParameters", "select"}, Type::Dynamic},
      {"requestParameters.ipAddress", {"requestParameters", "ipAddress"}, Type::Dynamic, {}, true},
      {"responseElements.ConsoleLogin", {"responseElements", "ConsoleLogin"}, Type::Dynamic},
      {"responseElements.credentials.expiration",
       {"responseElements", "credentials", "expiration"},
       Type::Dynamic,
       {},
       false,
       true},
      {"additionalEventData.MFAUsed", {"additionalEventData", "MFAUsed"}, Type::Dynamic},
      // One step holding a dot: {"a": {"b": ...}} is a different path (R1).
      {"additionalEventData.`a.b`", {"additionalEventData", "a.b"}, Type::Dynamic},
      {"additionalEventData.a.b", {"additionalEventData", "a", "b"}, Type::Dynamic},
      {"serviceEventDetails.x", {"serviceEventDetails", "x"}, Type::Dynamic},
      // Keys that a record must escape, or writes in several UTF-8 forms.
      {"responseElements.`a\"b`", {"responseElements", "a\"b"}, Type::Dynamic},
      {"requestParameters.`\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87`",
       {"requestParameters", "\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87"},
       Type::Dynamic},
      // Read whole, and below (the extractor parses them twice).
      {"requestParameters", {"requestParameters"}, Type::Dynamic},
      {"responseElements", {"responseElements"}, Type::Dynamic},
      {"userIdentity", {"userIdentity"}, Type::Whole},
      {"userIdentity.sessionContext", {"userIdentity", "sessionContext"}, Type::Whole},
      {"resources", {"resources"}, Type::Whole},
      {"requestParameters.items", {"requestParameters", "items"}, Type::Dynamic},
      // Below an array that any/all iterate: missing, since arrays are not flattened (R1).
      {"requestParameters.items.name", {"requestParameters", "items", "name"}, Type::Dynamic},
  };
  return fields;
}

const std::vector<ArrayField>& array_fields() {
  static const std::vector<ArrayField> arrays = {
      {"resources",
       {"resources"},
       {{"type", {"type"}, Type::String},
        {"ARN", {"ARN"}, Type::String},
        {"accountId", {"accountId"}, Type::String},
        {"ARNPrefix", {"ARNPrefix"}, Type::String},
        {"", {}, Type::Any}}},
      {"requestParameters.items",
       {"requestParameters", "items"},
       {{"name", {"name"}, Type::Any},
        {"value", {"value"}, Type::Any, {}, true},
        {"a.b", {"a", "b"}, Type::Any},
        {"`k:v`", {"k:v"}, Type::Any},
        {"", {}, Type::Any}}},
      {"requestParameters.tags",
       {"requestParameters", "tags"},
       {{"", {}, Type::Any, {}, false, true}}},
      {"insightDetails.insightContext.attributions",
       {"insightDetails", "insightContext", "attributions"},
       {{"attribute", {"attribute"}, Type::Enum, {"userIdentityArn", "userAgent", "errorCode"}},
        {"insight", {"insight"}, Type::Whole}}},
  };
  return arrays;
}

const std::vector<std::string>& words() {
  static const std::vector<std::string> w = {"GetObject",
                                             "PutRolePolicy",
                                             "ConsoleLogin",
                                             "AssumeRole",
                                             "Root",
                                             "admin",
                                             "Admin",
                                             "AccessDenied",
                                             "Success",
                                             "Failure",
                                             "Yes",
                                             "private",
                                             "public-read",
                                             "123456789012",
                                             "arn:aws:iam::123456789012:root",
                                             "AWS::S3::Bucket",
                                             "",
                                             "a",
                                             "A",
                                             "\xc3\x9f",  // ß
                                             "stra\xc3\x9f"
                                             "e",  // straße
                                             "STRASSE",
                                             "\xe1\xba\x9e",  // ẞ
                                             "\xc4\xb0",      // İ
                                             "i",
                                             "I",
                                             "\xe2\x84\xaa",  // Kelvin sign
                                             "k",
                                             "K",
                                             "\xc3\xa9",          // é
                                             "e\xcc\x81",         // e + combining acute
                                             "\xc3\x89",          // É
                                             "\xf0\x9f\x98\x80",  // 😀
                                             "\xc8\xba",          // Ⱥ
                                             "\xcf\x83",          // σ
                                             "a\"b",
                                             "back\\slash",
                                             "x/y",
                                             "*",
                                             "%",
                                             "_",
                                             ".",
                                             "(",
                                             "[",
                                             std::string("nul\0x", 5),
                                             "line\nbreak",
                                             "1",
                                             "true",
                                             "null"};
  return w;
}

const std::vector<std::string>& number_literals() {
  static const std::vector<std::string> n = {"0",
                                             "1",
                                             "-1",
                                             "5",
                                             "100",
                                             "443",
                                             "9007199254740992",
                                             "9007199254740993",
                                             "9223372036854775807",
                                             "-9223372036854775808",
                                             "0.5",
                                             "-1.5",
                                             "100.0",
                                             "-0.0",
                                             "1e300",
                                             "9007199254740992.0",
                                             "9223372036854775808.0",
                                             "2.5e-7"};
  return n;
}

const std::vector<RegexCase>& regex_cases() {
  static const std::vector<RegexCase> r = {
      {"^Get", {"GetObject", "getObject", "xGet", "Get"}},
      {"(?i)^root$", {"Root", "ROOT", "root\n", "Roots"}},
      {"Policy$", {"PutRolePolicy", "Policy\n", "PolicyX"}},
      {"^[A-Z][a-z]+[A-Z]", {"GetObject", "Getobject", "AB"}},
      {"\\d{3}", {"abc123", "12", "\xd9\xa3\xd9\xa4\xd9\xa5"}},  // Arabic-Indic digits
      {"^.$", {"\xc3\xa9", "\xf0\x9f\x98\x80", "\n", "ab", std::string("\0", 1)}},
      {"a.b", {"a\nb", std::string("a\0b", 3), "aXb", "ab"}},
      {"^$", {"", " ", "\n"}},
      {"(?m)^x$", {"a\nx\nb", "x", "xx\n"}},
      {"(?i)stra\xc3\x9f"
       "e",
       {"STRASSE",
        "Stra\xc3\x9f"
        "e",
        "STRA\xe1\xba\x9e"
        "E"}},
      {"\\.", {"a.b", "ab"}},
      {"^arn:aws:iam::\\d+:role/",
       {"arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::x:role/"}},
      {"(?i)\xe2\x84\xaa", {"k", "K", "\xe2\x84\xaa"}},
      {"[[:upper:]]{2}", {"AB", "Ab", "\xc3\x89\xc3\x89"}},
  };
  return r;
}

const std::vector<CidrCase>& cidr_cases() {
  static const std::vector<CidrCase> c = {
      {"10.0.0.0/8", {"10.1.2.3", "10.255.255.255", "10.0.0.0"}},
      {"192.168.1.0/24", {"192.168.1.77", "192.168.1.255"}},
      {"203.0.113.7/32", {"203.0.113.7"}},
      {"203.0.113.9", {"203.0.113.9"}},
      {"0.0.0.0/0", {"8.8.8.8", "255.255.255.255"}},
      {"2001:db8::/32", {"2001:db8::1", "2001:DB8:0:0:0:0:0:1", "2001:db8:ffff::"}},
      {"::ffff:0:0/96", {"::ffff:10.1.2.3", "::FFFF:192.168.1.1"}},
      {"fe80::/10", {"fe80::1", "FEBF::1"}},
      {"::1/128", {"::1", "0:0:0:0:0:0:0:1"}},
      {"::/0", {"::", "1::"}},
  };
  return c;
}

const std::vector<std::string>& non_addresses() {
  static const std::vector<std::string> n = {"11.0.0.1",
                                             "192.168.2.1",
                                             "203.0.113.8",
                                             "2001:db9::1",
                                             "010.1.2.3",
                                             "10.1.2",
                                             "10.1.2.3:443",
                                             " 10.1.2.3",
                                             "10.1.2.3 ",
                                             "fe80::1%eth0",
                                             "[::1]",
                                             "1.2.3.256",
                                             "AWS Internal",
                                             "",
                                             "::ffff:1.2.3.04",
                                             "1:2:3:4:5:6:7:8:9",
                                             "0x0a.1.2.3",
                                             "10.1.2.3/8",
                                             "lambda.amazonaws.com"};
  return n;
}

const std::vector<std::string>& timestamp_literals() {
  static const std::vector<std::string> t = {
      "2026-02-28T23:30:00Z", "2026-02-28T23:30:00-01:00",           "2026-03-01T00:00:00.5Z",
      "2026-03-01t12:00:00z", "2025-12-31T23:59:59.999999999+00:00", "2026-03-01T17:30:00+05:30",
      "2024-02-29T00:00:00Z"};
  return t;
}

const std::vector<std::string>& duration_literals() {
  static const std::vector<std::string> d = {"24h", "7d", "1h", "1d12h", "90m", "30s", "2w"};
  return d;
}

std::vector<std::string> case_variants(const std::string& s) {
  auto ascii = [&](bool upper) {
    std::string out = s;
    for (char& c : out) {
      if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return out;
  };
  std::vector<std::string> out = {s, ascii(true), ascii(false)};
  // Pairs that simple case folding (R6) joins or keeps apart.
  static const std::vector<std::pair<std::string, std::string>> kMates = {
      {"k", "\xe2\x84\xaa"}, {"K", "\xe2\x84\xaa"},    {"\xc3\x9f", "\xe1\xba\x9e"},
      {"\xc3\x9f", "SS"},    {"SS", "\xc3\x9f"},       {"i", "\xc4\xb0"},
      {"I", "\xc4\xb1"},     {"\xc3\xa9", "\xc3\x89"}, {"\xc3\x89", "\xc3\xa9"},
      {"s", "\xc5\xbf"},     {"\xcf\x83", "\xcf\x82"}, {"\xc8\xba", "\xe2\xb1\xa5"}};
  for (const auto& [from, to] : kMates) {
    const size_t at = s.find(from);
    if (at != std::string::npos) out.push_back(s.substr(0, at) + to + s.substr(at + from.size()));
  }
  return out;
}

std::vector<Json> number_variants(const std::string& literal) {
  std::vector<Json> out = {Json::number(literal)};
  int64_t i = 0;
  const char* end = literal.data() + literal.size();
  if (auto r = std::from_chars(literal.data(), end, i); r.ec == std::errc() && r.ptr == end) {
    out.push_back(Json::number(literal + ".0"));
    out.push_back(Json::number(literal + "e0"));
    if (i < std::numeric_limits<int64_t>::max()) out.push_back(Json::number(std::to_string(i + 1)));
    if (i > std::numeric_limits<int64_t>::min()) out.push_back(Json::number(std::to_string(i - 1)));
    out.push_back(Json::string(literal));  // the same digits as text: never equal (R4)
    return out;
  }
  const double d = std::strtod(literal.c_str(), nullptr);
  out.push_back(Json::number(fmt::format("{:e}", d)));
  if (std::abs(d) < 1e18 && d == static_cast<double>(static_cast<int64_t>(d))) {
    out.push_back(Json::number(std::to_string(static_cast<int64_t>(d))));
  }
  out.push_back(Json::number(fmt::format("{}", std::nextafter(d, 1e308))));
  out.push_back(Json::number(fmt::format("{}", std::nextafter(d, -1e308))));
  return out;
}

std::vector<std::string> time_variants(const semantics::Instant& instant) {
  using semantics::add_seconds;
  using semantics::format_rfc3339;
  // The UTC text with another fraction (empty: none).
  auto with_fraction = [](const semantics::Instant& at, const std::string& fraction) {
    const std::string text = format_rfc3339(at);
    return text.substr(0, 19) + (fraction.empty() ? "" : "." + fraction) + "Z";
  };
  // The same instant in another offset: the wall time there, then the offset.
  auto in_offset = [&](int64_t seconds, const char* offset) {
    std::string text = format_rfc3339(add_seconds(instant, seconds));
    text.pop_back();
    return text + offset;
  };
  const std::string utc = format_rfc3339(instant);
  std::string lower = utc;
  lower[10] = 't';
  lower.back() = 'z';
  std::string spaced = utc;
  spaced[10] = ' ';
  const std::string frac = instant.fraction;
  return {utc,
          lower,
          in_offset(19800, "+05:30"),
          in_offset(-3600, "-01:00"),
          in_offset(0, "+00:00"),
          format_rfc3339(add_seconds(instant, 1)),
          format_rfc3339(add_seconds(instant, -1)),
          format_rfc3339(add_seconds(instant, 3600)),
          format_rfc3339(add_seconds(instant, -86400)),
          with_fraction(instant, frac + "000"),
          with_fraction(instant, frac + "000000000001"),
          frac.empty() ? with_fraction(add_seconds(instant, -1), "999999999999") : utc,
          utc.substr(0, utc.size() - 1),            // no offset
          spaced,                                   // a space for T
          utc.substr(0, utc.size() - 1) + "+0000",  // offset without colon
          utc.substr(0, 10),                        // a date alone
          utc.substr(0, 11) + "24:00:00Z",
          "2026-02-30T12:00:00Z",
          utc.substr(0, 11) + "23:59:60Z"};
}

std::string tb_string(const std::string& s, Rng& rng) {
  return render_string(s, rng.chance(15), rng);
}

}  // namespace tb::testing::gen
