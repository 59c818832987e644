#include "tests/unit/compiler/random_record.h"

#include <utility>

namespace tb::testing {

namespace {

// Strings of every awkward sort: case-folding specials (ß, ẞ, İ, the Kelvin sign), NFC and NFD,
// astral characters, quotes and backslashes, control characters and NUL, look-alikes of other
// types ("true", "1", "null"), an address and a time.
const std::vector<std::string> kStrings = {"",
                                           "a",
                                           "A",
                                           "GetObject",
                                           "\xc3\x9f",      // ß
                                           "SS",            // ß upper-cased in full
                                           "\xe1\xba\x9e",  // ẞ
                                           "\xc4\xb0",      // İ
                                           "i\xcc\x87",     // i + combining dot
                                           "\xe2\x84\xaa",  // Kelvin sign
                                           "k",
                                           "\xc3\xa9",          // é
                                           "e\xcc\x81",         // e + combining acute
                                           "\xf0\x9f\x98\x80",  // 😀
                                           "\xc8\xba",          // Ⱥ, whose lower case is longer
                                           "a\"b\\c/d",
                                           "tab\tnew\nline\r",
                                           std::string("nul\0x", 5),
                                           "\x7f",
                                           "true",
                                           "1",
                                           "null",
                                           "10.1.2.3",
                                           "2026-03-01T12:00:00Z",
                                           std::string(300, 'x')};

const std::vector<std::string> kNumbers = {
    "0", "-0", "1", "-1", "100", "1.0", "1e2", "-1.5", "0.5", "-0.0", "9007199254740993",
    "9223372036854775807", "-9223372036854775808",
    "9223372036854775808",   // above int64: a double
    "18446744073709551615",  // uint64 max: a double
    "1.7976931348623157e308", "-2.2250738585072014E-308", "5e-324",
    "1E-400",  // underflows to 0
    "123.456e+10", "1e300", "1E2", "-0e-0", "100e-2",
    // More digits than the fast path takes.
    "9223372036854775807.0", "-9223372036854775808.5", "123456789012345678901234567890.0",
    "0.30000000000000000000000000001", "1.00000000000000011102230246251565404236316680908203125"};

// Keys that are not in the schema, near misses of keys that are (case, a trailing space), and
// keys that need escapes or hold '.' or ':' (one step each, R1).
const std::vector<std::string> kNoiseKeys = {"eventVersion",
                                             "awsRegion",
                                             "x",
                                             "type",
                                             "arn",
                                             "name",
                                             "value",
                                             "items",
                                             "eventname",
                                             "EventName",
                                             "eventName ",
                                             "a.b",
                                             "s3:x-amz-acl",
                                             "",
                                             "\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87",  // ключ
                                             "\xf0\x9f\x98\x80",
                                             std::string("k\0", 2),
                                             "q\"uote"};

template <typename T>
void shuffle(std::vector<T>& v, Rng& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

}  // namespace

Json RecordGenerator::random_value(int depth) {
  const size_t roll = rng_.below(100);
  if (roll < 10) return Json::null();
  if (roll < 20) return Json::boolean(rng_.chance(50));
  if (roll < 45) return Json::number(rng_.pick(kNumbers));
  if (roll < 75 || depth <= 0) return Json::string(rng_.pick(kStrings));
  if (roll < 87) {
    Json a = Json::array();
    const size_t n = rng_.below(4);
    for (size_t i = 0; i < n; ++i) a.items.push_back(random_value(depth - 1));
    return a;
  }
  Json o = Json::object();
  add_noise(o, depth - 1);
  return o;
}

void RecordGenerator::add_noise(Json& object, int depth) {
  const size_t n = rng_.below(4);
  for (size_t i = 0; i < n; ++i) object.add(rng_.pick(kNoiseKeys), random_value(depth));
}

Json RecordGenerator::pick(const std::vector<Json>& favoured) {
  if (!favoured.empty() && rng_.chance(70)) return rng_.pick(favoured);
  if (rng_.below(10000) < 3) return deep_value();
  return random_value(1);
}

// Nesting beyond the DOM parser's default of 1024 levels: still a record (R12).
Json RecordGenerator::deep_value() {
  Json v = Json::array();
  for (size_t depth = 1000 + rng_.below(1500); depth > 0; --depth) {
    Json outer = rng_.chance(80) ? Json::array() : Json::object();
    if (outer.is_object()) {
      outer.add("d", std::move(v));
    } else {
      outer.items.push_back(std::move(v));  // not {v}: an initializer list copies
    }
    v = std::move(outer);
  }
  return v;
}

// What goes on the way to a path when nothing is there yet: usually the object or array the
// path needs, sometimes a value that blocks it (the path is then missing, R1).
Json RecordGenerator::new_container(const JsonPath& path, size_t next_step) {
  const bool wants_array = path[next_step] == kEach;
  if (rng_.chance(8)) {
    if (!wants_array && rng_.chance(30)) return Json::array({Json::object()});  // no flattening
    if (wants_array && rng_.chance(30)) return Json::object();  // not a one-element array
    Json v = random_value(0);
    return v;
  }
  if (!wants_array) {
    Json o = Json::object();
    if (rng_.chance(30)) add_noise(o, 1);
    return o;
  }
  Json a = Json::array();
  const size_t n = rng_.below(5);
  for (size_t i = 0; i < n; ++i) {
    if (rng_.chance(85)) {
      Json o = Json::object();
      if (rng_.chance(20)) add_noise(o, 0);
      a.items.push_back(std::move(o));
    } else {
      a.items.push_back(random_value(1));  // an odd element: every sub-path is missing
    }
  }
  return a;
}

void RecordGenerator::place(Json& node, const JsonPath& path, size_t step,
                            const std::vector<Json>& favoured) {
  const bool last = step + 1 == path.size();
  if (path[step] == kEach) {
    if (!node.is_array()) return;
    for (Json& item : node.items) {
      if (last) {
        if (rng_.chance(60)) item = pick(favoured);
      } else if (item.is_object() && rng_.chance(80)) {
        place(item, path, step + 1, favoured);
      }
    }
    return;
  }
  if (!node.is_object()) return;
  Json* child = node.find(path[step]);
  if (last) {
    if (child == nullptr) node.add(path[step], pick(favoured));
    return;
  }
  if (child == nullptr) child = node.add(path[step], new_container(path, step + 1));
  place(*child, path, step + 1, favoured);
}

Json RecordGenerator::record() {
  Json root = Json::object();
  std::vector<const std::pair<const JsonPath, std::vector<Json>>*> entries;
  for (const auto& entry : vocabulary_.paths()) entries.push_back(&entry);
  shuffle(entries, rng_);
  for (const auto* entry : entries) {
    if (rng_.chance(75)) place(root, entry->first, 0, entry->second);
  }
  add_noise(root, 2);
  if (rng_.below(1000) < 5) root.add("deep", deep_value());
  shuffle(root.members, rng_);
  return root;
}

std::string RecordGenerator::well_formed() {
  return json_space(rng_, 10) + render(record(), rng_) + json_space(rng_, 10);
}

std::string RecordGenerator::malformed(const std::vector<std::string>& read_keys) {
  Json root = record();
  std::string damaged_key;
  if (!read_keys.empty() && rng_.chance(25)) {
    damaged_key = rng_.pick(read_keys);
    std::erase_if(root.members, [&](const auto& m) { return m.first == damaged_key; });
  }
  std::vector<std::string> members;
  for (const auto& [key, value] : root.members) {
    members.push_back(render_string(key, rng_.chance(15), rng_) + ":" + render(value, rng_));
  }
  auto object = [&](const std::string& separator) {
    std::string out = "{";
    for (size_t i = 0; i < members.size(); ++i) out += (i > 0 ? separator : "") + members[i];
    return out + "}";
  };
  auto insert_member = [&](std::string member) {
    members.insert(members.begin() + static_cast<long>(rng_.below(members.size() + 1)),
                   std::move(member));
  };
  if (!damaged_key.empty()) {
    // Tokens that are not JSON values, or are out of the record set (a lone surrogate, a
    // number beyond double), where the pack reads a value whole.
    static const std::vector<std::string> kBad = {
        "tru",       "nul",         "fals",         "01",  "-",        "1.",    "1e",
        ".5",        "+1",          "0x10",         "NaN", "Infinity", "1e400", "\"\\q\"",
        "\"\\u12\"", "\"\\ud800\"", "\"\\udc00x\"", "'s'"};
    insert_member(render_string(damaged_key, rng_.chance(15), rng_) + ":" + rng_.pick(kBad));
    return object(",");
  }
  switch (rng_.below(9)) {
    case 0: {  // cut off before the final brace: never a complete object
      const std::string text = object(",");
      return text.substr(0, rng_.below(text.size() - 1));
    }
    case 1: {
      static const std::vector<std::string> kTrailing = {"x",     "}", "]",    ",",        "{}",
                                                         "\"s\"", "1", "null", "{\"a\":1}"};
      if (rng_.chance(20)) return "\xEF\xBB\xBF" + object(",");  // a byte order mark: not JSON
      return object(",") + json_space(rng_, 50) + rng_.pick(kTrailing);
    }
    case 2: {  // a JSON value, but not an object
      Json other = rng_.chance(40) ? Json::array({root}) : random_value(0);
      if (other.is_object()) other = Json::array();
      return render(other, rng_);
    }
    case 3: {  // bytes that are not UTF-8, even inside a string nobody reads
      static const std::vector<std::string> kBad = {
          "\xff", "\xc3(", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "\x80"};
      insert_member("\"zz\":\"a" + rng_.pick(kBad) + "b\"");
      return object(",");
    }
    case 4:  // a raw control character inside a string
      insert_member("\"zz\":\"a" + std::string(1, static_cast<char>(1 + rng_.below(31))) + "b\"");
      return object(",");
    case 5:
      if (members.size() >= 2) return object(rng_.chance(50) ? " " : ",,");
      return object(",") + ",";
    case 6:  // a member without its colon
      insert_member("\"zz\"" + json_space(rng_, 50) + "1");
      return object(",");
    case 7:  // a key without quotes
      insert_member("zz:1");
      return object(",");
    default:
      return rng_.chance(50) ? "" : " \n";
  }
}

}  // namespace tb::testing
