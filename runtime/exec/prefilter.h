#pragma once
// The raw-byte prefilter: before a record is parsed, decide from its bytes that no query can
// match it. The compiler derives, per query, literals that any matching record must contain
// (compiler/lower/prefilter_literals); Vectorscan finds all of them in one pass over the record.
//
// Exact by construction: a literal is only required where JSON offers one spelling of it, and a
// record holding an escape that could spell a literal otherwise (`\u`, `\/`) is always parsed.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct hs_database;
struct hs_scratch;

namespace tb::runtime {

// Per query, a conjunction of clauses, each a disjunction of literals (indices). A query with
// no clause can match any record: it is a candidate for every record, and records are then
// always parsed, but the other queries are still skipped where their literals are missing.
struct PrefilterSpec {
  std::vector<std::string> literals;
  std::vector<std::vector<std::vector<uint32_t>>> clauses;  // by query index

  // Whether some query requires a literal: otherwise the prefilter could decide nothing.
  bool usable() const;
  // Whether every query requires one: then a record may be skipped without being parsed.
  bool skips_records() const;
};

class Prefilter {
 public:
  // Null when the spec is not usable (no query needs a literal); `error` is set when
  // Vectorscan refuses the literals.
  static std::shared_ptr<const Prefilter> create(const PrefilterSpec& spec, std::string& error);
  ~Prefilter();
  Prefilter(const Prefilter&) = delete;
  Prefilter& operator=(const Prefilter&) = delete;

  // Per-thread matching state.
  class Scratch {
   public:
    explicit Scratch(const Prefilter& prefilter);
    ~Scratch();
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

   private:
    friend class Prefilter;
    hs_scratch* scratch_ = nullptr;
    std::vector<uint64_t> found_;       // by literal id, plus the escape ids
    std::vector<uint64_t> candidates_;  // for may_match()
  };

  // Sets bit q of `candidates` ((queries + 63) / 64 words, all written) when query q may match
  // the record: it has no clause, or the record holds a literal of each of its clauses, or an
  // escape that could spell one. Returns whether any bit is set.
  bool candidates(std::string_view record, Scratch& scratch, uint64_t* candidates) const;

  // False only when no query can match the record.
  bool may_match(std::string_view record, Scratch& scratch) const;

  // Bit q set when query q has no clause: a candidate for every record.
  const std::vector<uint64_t>& always() const { return always_; }
  size_t words() const { return always_.size(); }

  const PrefilterSpec& spec() const { return spec_; }

 private:
  explicit Prefilter(PrefilterSpec spec);
  PrefilterSpec spec_;
  std::vector<uint64_t> always_;
  hs_database* db_ = nullptr;
};

}  // namespace tb::runtime
