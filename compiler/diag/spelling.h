#pragma once
// Near-miss search for "did you mean" notes.
#include <string>
#include <string_view>
#include <vector>

namespace tb {

// Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-sensitive,
// but a change of letter case alone costs less than other edits.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidates closest to `word` (ties kept, at most three), or none when nothing is close
// enough to be a plausible misspelling.
std::vector<std::string> closest_spellings(std::string_view word,
                                           const std::vector<std::string>& candidates);

}  // namespace tb
