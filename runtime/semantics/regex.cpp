#include "runtime/semantics/regex.h"

#include <re2/re2.h>

namespace tb::semantics {

Regex::Regex(std::unique_ptr<re2::RE2> re) : re_(std::move(re)) {}
Regex::~Regex() = default;

namespace {

// RE2's defaults are the semantics: UTF-8, no dot_nl, no never_nl, case-sensitive.
std::unique_ptr<re2::RE2> parse(std::string_view pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  return std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
}

// Where in the pattern RE2's error fragment is. The fragment may also occur earlier, where it
// is fine (`\\q\q`): the parser reads left to right, so the right occurrence is the first one
// whose prefix of the pattern, ending with it, already fails the same way.
size_t locate(std::string_view pattern, const re2::RE2& failed) {
  const std::string& arg = failed.error_arg();
  const size_t first = pattern.find(arg);
  for (size_t at = first; at != std::string_view::npos; at = pattern.find(arg, at + 1)) {
    const auto prefix = parse(pattern.substr(0, at + arg.size()));
    if (!prefix->ok() && prefix->error_code() == failed.error_code() &&
        prefix->error_arg() == arg) {
      return at;
    }
  }
  return first;
}

}  // namespace

std::unique_ptr<Regex> Regex::compile(std::string_view pattern, RegexError& error) {
  auto re = parse(pattern);
  if (re->ok()) return std::unique_ptr<Regex>(new Regex(std::move(re)));

  // RE2 words its error as "<what>: <fragment>"; keep <what> and locate the fragment instead.
  const std::string& arg = re->error_arg();
  error.message = re->error();
  const std::string suffix = ": " + arg;
  if (!arg.empty() && error.message.ends_with(suffix)) {
    error.message.resize(error.message.size() - suffix.size());
  }
  const size_t at = arg.empty() ? std::string_view::npos : locate(pattern, *re);
  error.offset = at == std::string_view::npos ? 0 : at;
  error.length = at == std::string_view::npos ? 0 : arg.size();
  return nullptr;
}

bool Regex::partial_match(std::string_view text) const {
  return re_->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(),
                    re2::RE2::UNANCHORED, nullptr, 0);
}

}  // namespace tb::semantics
