#pragma once
// Random runbook packs as source text, for the differential test. They use every predicate
// construct of the language (docs/language.md): comparisons on strings, numbers, booleans and
// null, in / not in with list literals, named lists and list parameters, the string tests and
// their negations, matches, in cidr, null and presence tests, lower() and upper(), time windows
// with now() and timestamp literals, any/all with element tests, field against field,
// parameters with defaults (some overridden), named predicates with and without arguments, and
// std.aws. Fields are typed ones of the schema and dynamic paths below requestParameters and
// friends. Every literal goes into the pack's Vocabulary with its near misses, so that records
// drawn from it make many predicates true.
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "runtime/semantics/timestamp.h"
#include "tests/unit/compiler/random_record.h"
#include "tests/unit/compiler/test_rng.h"

namespace tb::testing {

struct GeneratedPack {
  std::vector<std::pair<std::string, std::string>> sources;  // display path, runbook text
  std::map<std::string, std::string> params;                 // --param overrides
  Vocabulary vocabulary;

  // The sources and overrides as one listing, for failure messages.
  std::string listing() const;
};

// now() in every generated pack, so that windows such as `now() - 24h` are reproducible.
semantics::Instant generated_now();

GeneratedPack generate_pack(Rng& rng, size_t runbooks);

}  // namespace tb::testing
