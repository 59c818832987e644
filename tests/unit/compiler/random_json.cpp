#include "tests/unit/compiler/random_json.h"

#include <fmt/format.h>

#include "runtime/semantics/utf8.h"

namespace tb::testing {

Json Json::boolean(bool b) {
  Json j;
  j.kind = Kind::Bool;
  j.flag = b;
  return j;
}

Json Json::number(std::string literal) {
  Json j;
  j.kind = Kind::Number;
  j.text = std::move(literal);
  return j;
}

Json Json::string(std::string utf8) {
  Json j;
  j.kind = Kind::String;
  j.text = std::move(utf8);
  return j;
}

Json Json::array(std::vector<Json> items) {
  Json j;
  j.kind = Kind::Array;
  j.items = std::move(items);
  return j;
}

Json Json::object() {
  Json j;
  j.kind = Kind::Object;
  return j;
}

Json* Json::find(std::string_view key) {
  for (auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

Json* Json::add(std::string key, Json value) {
  if (find(key) != nullptr) return nullptr;
  members.emplace_back(std::move(key), std::move(value));
  return &members.back().second;
}

namespace {

std::string hex4(unsigned unit, Rng& rng) {
  return rng.chance(50) ? fmt::format("\\u{:04x}", unit) : fmt::format("\\u{:04X}", unit);
}

}  // namespace

std::string render_string(std::string_view s, bool escape, Rng& rng) {
  std::string out = "\"";
  for (size_t pos = 0; pos < s.size();) {
    const auto d = semantics::utf8::decode(s, pos);
    const char32_t cp = d.code_point;
    const std::string_view raw = s.substr(pos, d.length);
    pos += d.length;
    const bool escape_this = escape && rng.chance(40);
    if (cp == '"' || cp == '\\') {
      out += escape_this ? hex4(cp, rng) : std::string("\\") + static_cast<char>(cp);
    } else if (cp < 0x20) {
      static constexpr std::pair<char32_t, const char*> kShort[] = {
          {'\b', "\\b"}, {'\f', "\\f"}, {'\n', "\\n"}, {'\r', "\\r"}, {'\t', "\\t"}};
      std::string spelt = hex4(cp, rng);
      for (const auto& [c, text] : kShort) {
        if (c == cp && !escape_this) spelt = text;
      }
      out += spelt;
    } else if (!escape_this) {
      out += raw;
    } else if (cp == '/' && rng.chance(50)) {
      out += "\\/";
    } else if (cp < 0x10000) {
      out += hex4(cp, rng);
    } else {
      const char32_t v = cp - 0x10000;  // a surrogate pair
      out += hex4(0xD800 + (v >> 10), rng) + hex4(0xDC00 + (v & 0x3FF), rng);
    }
  }
  return out + "\"";
}

std::string json_space(Rng& rng, unsigned percent) {
  if (!rng.chance(percent)) return "";
  static const std::vector<std::string> kSpaces = {" ", "  ", "\n", "\t", "\r\n", " \n\t "};
  return rng.pick(kSpaces);
}

std::string render(const Json& value, Rng& rng, const JsonStyle& style) {
  auto sp = [&] { return json_space(rng, style.whitespace); };
  switch (value.kind) {
    case Json::Kind::Null:
      return "null";
    case Json::Kind::Bool:
      return value.flag ? "true" : "false";
    case Json::Kind::Number:
      return value.text;
    case Json::Kind::String:
      return render_string(value.text, rng.chance(style.escaped_strings), rng);
    case Json::Kind::Array: {
      std::string out = "[" + sp();
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) out += sp() + "," + sp();
        out += render(value.items[i], rng, style);
      }
      return out + sp() + "]";
    }
    case Json::Kind::Object: {
      std::string out = "{" + sp();
      for (size_t i = 0; i < value.members.size(); ++i) {
        if (i > 0) out += sp() + "," + sp();
        const auto& [key, v] = value.members[i];
        out += render_string(key, rng.chance(style.escaped_keys), rng) + sp() + ":" + sp() +
               render(v, rng, style);
      }
      return out + sp() + "}";
    }
  }
  return "null";
}

}  // namespace tb::testing
