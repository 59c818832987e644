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
  return !clauses.empty() &&
         std::all_of(clauses.begin(), clauses.end(), [](const auto& c) { return !c.empty(); });
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
    : found_((prefilter.spec_.literals.size() + std::size(kEscapes) + 63) / 64) {
  hs_alloc_scratch(prefilter.db_, &scratch_);
}

Prefilter::Scratch::~Scratch() {
  hs_free_scratch(scratch_);
}

bool Prefilter::may_match(std::string_view record, Scratch& scratch) const {
  if (record.size() > UINT32_MAX) return true;  // beyond one Vectorscan call: the parser decides
  std::fill(scratch.found_.begin(), scratch.found_.end(), 0);
  MatchState state{scratch.found_.data(), static_cast<unsigned>(spec_.literals.size())};
  const hs_error_t status = hs_scan(db_, record.data(), static_cast<unsigned>(record.size()), 0,
                                    scratch.scratch_, on_match, &state);
  if (status == HS_SCAN_TERMINATED) return true;  // an escape
  if (status != HS_SUCCESS) return true;
  for (const auto& query : spec_.clauses) {
    const bool all = std::all_of(query.begin(), query.end(), [&](const auto& clause) {
      return std::any_of(clause.begin(), clause.end(),
                         [&](uint32_t id) { return has(scratch.found_, id); });
    });
    if (all) return true;
  }
  return false;
}

}  // namespace tb::runtime
