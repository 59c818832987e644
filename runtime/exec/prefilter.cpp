#include "runtime/exec/prefilter.h"

#include <hs/hs.h>

#include <algorithm>

namespace tb::runtime {

namespace {

// Escapes that could spell a literal differently; a record holding one is always parsed.
constexpr std::string_view kEscapes[] = {"\\u", "\\/"};

struct MatchState {
  uint64_t* found;
  unsigned escape_id;  // ids from here on are escapes
};

int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long /*to*/,
             unsigned int /*flags*/, void* context) {
  auto* state = static_cast<MatchState*>(context);
  state->found[id / 64] |= uint64_t{1} << (id % 64);
  return id >= state->escape_id ? 1 : 0;  // an escape decides it: stop scanning
}

bool has(const std::vector<uint64_t>& found, uint32_t id) {
  return (found[id / 64] >> (id % 64) & 1) != 0;
}

}  // namespace

bool PrefilterSpec::usable() const {
  return std::any_of(clauses.begin(), clauses.end(), [](const auto& c) { return !c.empty(); });
}

bool PrefilterSpec::skips_records() const {
  return usable() &&
         std::all_of(clauses.begin(), clauses.end(), [](const auto& c) { return !c.empty(); });
}

Prefilter::Prefilter(PrefilterSpec spec)
    : spec_(std::move(spec)), always_((spec_.clauses.size() + 63) / 64, 0) {
  for (size_t q = 0; q < spec_.clauses.size(); ++q) {
    if (spec_.clauses[q].empty()) always_[q / 64] |= uint64_t{1} << (q % 64);
  }
}

std::shared_ptr<const Prefilter> Prefilter::create(const PrefilterSpec& spec, std::string& error) {
  if (!spec.usable()) return nullptr;
  std::shared_ptr<Prefilter> out(new Prefilter(spec));
  std::vector<const char*> expressions;
  std::vector<size_t> lengths;
  std::vector<unsigned> flags, ids;
  auto add = [&](std::string_view literal) {
    expressions.push_back(literal.data());
    lengths.push_back(literal.size());
    flags.push_back(HS_FLAG_SINGLEMATCH);
    ids.push_back(static_cast<unsigned>(ids.size()));
  };
  for (const std::string& literal : out->spec_.literals) add(literal);
  for (std::string_view escape : kEscapes) add(escape);
  hs_compile_error_t* compile_error = nullptr;
  if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr,
                           &out->db_, &compile_error) != HS_SUCCESS) {
    error = compile_error != nullptr ? compile_error->message : "vectorscan failed";
    hs_free_compile_error(compile_error);
    return nullptr;
  }
  return out;
}

Prefilter::~Prefilter() {
  hs_free_database(db_);
}

Prefilter::Scratch::Scratch(const Prefilter& prefilter)
    : found_((prefilter.spec_.literals.size() + std::size(kEscapes) + 63) / 64),
      candidates_(prefilter.words()) {
  hs_alloc_scratch(prefilter.db_, &scratch_);
}

Prefilter::Scratch::~Scratch() {
  hs_free_scratch(scratch_);
}

bool Prefilter::candidates(std::string_view record, Scratch& scratch, uint64_t* candidates) const {
  const auto every_query = [&] {
    for (size_t w = 0; w < words(); ++w) candidates[w] = ~uint64_t{0};
    return true;
  };
  if (record.size() > UINT32_MAX) return every_query();  // beyond one Vectorscan call
  std::fill(scratch.found_.begin(), scratch.found_.end(), 0);
  MatchState state{scratch.found_.data(), static_cast<unsigned>(spec_.literals.size())};
  const hs_error_t status = hs_scan(db_, record.data(), static_cast<unsigned>(record.size()), 0,
                                    scratch.scratch_, on_match, &state);
  if (status != HS_SUCCESS) return every_query();  // an escape (HS_SCAN_TERMINATED), or trouble
  bool any = false;
  for (size_t w = 0; w < words(); ++w) {
    candidates[w] = always_[w];
    any = any || always_[w] != 0;
  }
  for (size_t q = 0; q < spec_.clauses.size(); ++q) {
    const auto& clauses = spec_.clauses[q];
    if (clauses.empty()) continue;
    const bool all = std::all_of(clauses.begin(), clauses.end(), [&](const auto& clause) {
      return std::any_of(clause.begin(), clause.end(),
                         [&](uint32_t id) { return has(scratch.found_, id); });
    });
    if (all) {
      candidates[q / 64] |= uint64_t{1} << (q % 64);
      any = true;
    }
  }
  return any;
}

bool Prefilter::may_match(std::string_view record, Scratch& scratch) const {
  return candidates(record, scratch, scratch.candidates_.data());
}

}  // namespace tb::runtime
