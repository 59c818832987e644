// Generated variants of every golden and shipped .tb file. The same tokens laid out with other
// blanks must format to the same text (the layout is canonical); with comments inserted between
// any two tokens, formatting must keep every comment, keep the meaning and be idempotent.
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/unit/compiler/test_rng.h"
#include "tests/unit/format/format_test_util.h"

namespace {

using namespace tb::format_test;
using tb::testing::Rng;

// A place between two tokens: a run of blanks, or an empty boundary beside a bracket or comma.
struct Gap {
  size_t begin, end;
  bool after_comment;  // the run holds the line break that ends a comment
};

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Skips strings, triple-quoted strings, backquoted names and comments, which are not gaps.
std::vector<Gap> gaps(const std::string& s) {
  std::vector<Gap> out;
  auto punct = [](char c) { return c != '\0' && std::strchr("()[]{},", c) != nullptr; };
  bool after_comment = false;
  size_t i = 0;
  while (i < s.size()) {
    if (blank(s[i])) {
      const size_t begin = i;
      while (i < s.size() && blank(s[i])) ++i;
      out.push_back({begin, i, after_comment});
      after_comment = false;
      continue;
    }
    if (i > 0 && !blank(s[i - 1]) && (punct(s[i]) || punct(s[i - 1]))) out.push_back({i, i, false});
    after_comment = false;
    if (s.compare(i, 3, "\"\"\"") == 0) {
      i = s.find("\"\"\"", i + 3) + 3;
    } else if (s[i] == '"') {
      for (++i; s[i] != '"'; i += s[i] == '\\' ? 2 : 1) {
      }
      ++i;
    } else if (s[i] == '`') {
      i = s.find('`', i + 1) + 1;
    } else if (s[i] == '#') {
      i = std::min(s.find('\n', i), s.size());
      after_comment = true;
    } else {
      ++i;
    }
  }
  return out;
}

// Rebuilds `s` with gap i replaced by what `change(i, gap text)` returns.
template <typename F>
std::string rewrite(const std::string& s, const std::vector<Gap>& gs, F change) {
  std::string out;
  size_t at = 0;
  for (size_t i = 0; i < gs.size(); ++i) {
    out += s.substr(at, gs[i].begin - at);
    out += change(i, s.substr(gs[i].begin, gs[i].end - gs[i].begin));
    at = gs[i].end;
  }
  return out + s.substr(at);
}

std::string without_comments(const std::string& text) {
  auto p = parse(text);
  std::string out = text;
  for (auto it = p->module.comments.rbegin(); it != p->module.comments.rend(); ++it) {
    out.erase(it->span.begin, it->span.end - it->span.begin);
  }
  return out;
}

struct Sample {
  std::string path;
  int variants;
};

// The golden files in depth; every shipped runbook too, lightly, as the library keeps growing.
std::vector<Sample> samples() {
  std::vector<Sample> out;
  for (const char* dir : {"tests/golden/format", "stdlib/lib", "tests/data", "runbooks"}) {
    const int variants = std::string(dir) == "runbooks" ? 2 : 20;
    for (bool expected : {false, true}) {
      for (const std::string& f : tb_files(dir, expected)) out.push_back({f, variants});
    }
  }
  return out;
}

TEST(FormatProperty, OtherBlanksFormatTheSame) {
  Rng rng(20261130);
  const std::vector<std::string> blanks{" ", "\n", "\n      ", "   ", "\t", "\r\n  "};
  for (const auto& [path, variants] : samples()) {
    const std::string base = without_comments(read(path));
    const auto canonical = format(base);
    ASSERT_TRUE(canonical.has_value()) << path;
    const std::vector<Gap> gs = gaps(base);
    for (int v = 0; v < variants; ++v) {
      const std::string variant = rewrite(base, gs, [&](size_t, const std::string& run) {
        // A blank line is layout the formatter keeps; everything else is free.
        if (run.find('\n') != run.rfind('\n')) return run;
        if (run.empty() && !rng.chance(30)) return run;
        return rng.pick(blanks);
      });
      SCOPED_TRACE(path + " variant:\n" + variant);
      ASSERT_EQ(format(variant).value_or("<refused>"), *canonical);
    }
  }
}

TEST(FormatProperty, InsertedCommentsSurviveAndFormattingIsIdempotent) {
  Rng rng(7);
  for (const auto& [path, variants] : samples()) {
    const std::string text = read(path);
    const std::vector<Gap> gs = gaps(text);
    for (int v = 0; v < variants; ++v) {
      int n = 0;
      const std::string variant = rewrite(text, gs, [&](size_t i, const std::string& run) {
        if (gs[i].after_comment || !rng.chance(20)) return run;
        const std::string c = "# c" + std::to_string(n++);
        switch (rng.below(4)) {
          case 0:
            return " " + c + "\n" + run;
          case 1:
            return "\n" + c + "\n" + run;
          case 2:
            return "\n\n" + c + "\n" + run;
          default:
            return c + " x\n" + c + " y\n" + run;
        }
      });
      SCOPED_TRACE(path + " variant:\n" + variant);
      ASSERT_EQ(meaning(variant), meaning(text)) << "the variant itself must mean the same";
      const auto once = format(variant);
      ASSERT_TRUE(once.has_value());
      EXPECT_EQ(meaning(*once), meaning(text));
      EXPECT_EQ(comments(*once), comments(variant));
      ASSERT_EQ(format(*once).value_or("<refused>"), *once) << "first pass:\n" << *once;
    }
  }
}

}  // namespace
