#pragma once
// JSON values for generated records, and their rendering as text with the freedom JSON gives a
// writer: any character may be escaped (keys too), astral characters as surrogate pairs, `\/`,
// whitespace between any two tokens. Both record parsers must read every spelling alike.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/unit/compiler/test_rng.h"

namespace tb::testing {

struct Json {
  enum class Kind : uint8_t { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool flag = false;  // Bool
  std::string text;   // Number: the literal as written ("-0", "1e2"); String: decoded UTF-8
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;  // decoded keys, never two alike

  static Json null() { return Json{}; }
  static Json boolean(bool b);
  static Json number(std::string literal);
  static Json string(std::string utf8);
  static Json array(std::vector<Json> items = {});
  static Json object();

  bool is_object() const { return kind == Kind::Object; }
  bool is_array() const { return kind == Kind::Array; }
  // The member with decoded key `key`, or null.
  Json* find(std::string_view key);
  // Adds a member unless the key is taken (duplicate keys are outside the record set, R12).
  Json* add(std::string key, Json value);
};

// How freely a rendering spells things, in percent.
struct JsonStyle {
  unsigned escaped_strings = 12;  // strings with some characters escaped
  unsigned escaped_keys = 15;     // keys likewise (`"event\u004eame"` is eventName)
  unsigned whitespace = 8;        // whitespace between two tokens
};

// `s` as a JSON string literal, quotes included, with random escapes when `escape` is set.
std::string render_string(std::string_view s, bool escape, Rng& rng);
std::string render(const Json& value, Rng& rng, const JsonStyle& style = {});
// Whitespace that JSON allows between tokens, often none.
std::string json_space(Rng& rng, unsigned percent);

}  // namespace tb::testing
