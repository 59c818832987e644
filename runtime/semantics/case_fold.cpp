#include "runtime/semantics/case_fold.h"

#include <unicode/uchar.h>

#include "runtime/semantics/utf8.h"

namespace tb::semantics {

namespace {

enum class Mapping { Fold, Lower, Upper };

template <Mapping mapping>
char map_ascii(char c) {
  if constexpr (mapping == Mapping::Upper) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  } else {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
}

template <Mapping mapping>
char32_t map_code_point(char32_t c) {
  const auto uc = static_cast<UChar32>(c);
  if constexpr (mapping == Mapping::Fold) {
    return static_cast<char32_t>(u_foldCase(uc, U_FOLD_CASE_DEFAULT));
  } else if constexpr (mapping == Mapping::Lower) {
    return static_cast<char32_t>(u_tolower(uc));
  } else {
    return static_cast<char32_t>(u_toupper(uc));
  }
}

template <Mapping mapping>
void append_mapped(std::string_view s, std::string& out) {
  out.reserve(out.size() + s.size());
  for (size_t pos = 0; pos < s.size();) {
    // ASCII maps to ASCII under all three mappings (no Turkish-locale rules here). A run of it
    // is mapped in place in one go: kernels call lower() on every record.
    size_t end = pos;
    while (end < s.size() && static_cast<unsigned char>(s[end]) < 0x80) ++end;
    if (end > pos) {
      const size_t at = out.size();
      out.resize(at + (end - pos));
      for (size_t i = pos; i < end; ++i) out[at + i - pos] = map_ascii<mapping>(s[i]);
      pos = end;
      continue;
    }
    const utf8::Decoded d = utf8::decode(s, pos);
    if (d.valid) {
      utf8::encode(map_code_point<mapping>(d.code_point), out);
    } else {
      out.push_back(s[pos]);
    }
    pos += d.length;
  }
}

template <Mapping mapping>
std::string mapped(std::string_view s) {
  std::string out;
  append_mapped<mapping>(s, out);
  return out;
}

}  // namespace

std::string fold_case(std::string_view s) {
  return mapped<Mapping::Fold>(s);
}
std::string to_lower(std::string_view s) {
  return mapped<Mapping::Lower>(s);
}
std::string to_upper(std::string_view s) {
  return mapped<Mapping::Upper>(s);
}

void append_folded(std::string_view s, std::string& out) {
  append_mapped<Mapping::Fold>(s, out);
}
void append_lower(std::string_view s, std::string& out) {
  append_mapped<Mapping::Lower>(s, out);
}
void append_upper(std::string_view s, std::string& out) {
  append_mapped<Mapping::Upper>(s, out);
}

}  // namespace tb::semantics
