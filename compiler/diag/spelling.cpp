#include "compiler/diag/spelling.h"

#include <algorithm>
#include <cctype>

namespace tb {

namespace {

bool same_ignoring_case(char a, char b) {
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

}  // namespace

// Costs are doubled so that a case-only change can cost 1 (half an edit).
size_t edit_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = 2 * i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = 2 * j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      size_t sub = a[i - 1] == b[j - 1] ? 0 : same_ignoring_case(a[i - 1], b[j - 1]) ? 1 : 2;
      d[i][j] = std::min({d[i - 1][j] + 2, d[i][j - 1] + 2, d[i - 1][j - 1] + sub});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 2);
      }
    }
  }
  return d[n][m];
}

std::vector<std::string> closest_spellings(std::string_view word,
                                           const std::vector<std::string>& candidates) {
  // Allow about one edit in three characters, at least one edit (in doubled units).
  const size_t limit = std::max<size_t>(2, 2 * ((word.size() + 2) / 3));
  size_t best = limit + 1;
  std::vector<std::string> found;
  for (const std::string& c : candidates) {
    if (c == word) continue;
    const size_t dist = edit_distance(word, c);
    if (dist < best) {
      best = dist;
      found.clear();
    }
    if (dist == best && found.size() < 3 &&
        std::find(found.begin(), found.end(), c) == found.end()) {
      found.push_back(c);
    }
  }
  return found;
}

}  // namespace tb
