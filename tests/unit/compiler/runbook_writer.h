#pragma once
// Internals of the runbook generator (random_runbook.h): the schema fields it writes about, the
// literals it uses, and the writer that turns random choices into runbook text and vocabulary.
// Structure (definitions, runbooks, logic) is in random_runbook.cpp, leaves in runbook_leaves.cpp.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "runtime/semantics/timestamp.h"
#include "tests/unit/compiler/random_runbook.h"

namespace tb::testing::gen {

// What the checker knows about a field, as far as the choice of predicate goes. Whole: an
// object or array, read whole; only null and presence tests apply. Any: an element of an array
// the schema does not describe.
enum class Type : uint8_t { String, Enum, Timestamp, Boolean, Number, Dynamic, Any, Whole };

struct Field {
  Field(std::string tb_, JsonPath json_, Type type_, std::vector<std::string> enums_ = {},
        bool ip_ = false, bool time_ = false)
      : tb(std::move(tb_)),
        json(std::move(json_)),
        type(type_),
        enums(std::move(enums_)),
        ip(ip_),
        time(time_) {}

  std::string tb;  // as written in a runbook, relative to the lambda parameter for elements
  JsonPath json;   // where it is in a record (in an element)
  Type type;
  std::vector<std::string> enums;  // Enum: values the schema allows
  bool ip;                         // holds addresses, so in cidr() is likely to hit
  bool time;                       // holds date-times, so time windows are likely to hit
};

struct ArrayField {
  std::string tb;
  JsonPath json;
  std::vector<Field> elements;  // tb "" is the element itself
};

const std::vector<Field>& record_fields();
const std::vector<ArrayField>& array_fields();

// Literal pools.
const std::vector<std::string>& words();
const std::vector<std::string>& number_literals();
struct RegexCase {
  std::string pattern;
  std::vector<std::string> samples;  // texts that match, and near misses
};
const std::vector<RegexCase>& regex_cases();
struct CidrCase {
  std::string prefix;
  std::vector<std::string> inside;
};
const std::vector<CidrCase>& cidr_cases();
const std::vector<std::string>& non_addresses();  // outside every prefix, or not strict IPs
const std::vector<std::string>& timestamp_literals();
const std::vector<std::string>& duration_literals();

// Texts that case-insensitive tests and lower()/upper() should treat alike, or nearly.
std::vector<std::string> case_variants(const std::string& s);
// JSON spellings of a number literal and of its neighbours.
std::vector<Json> number_variants(const std::string& literal);
// Date-times at, just before and just after `instant`, in other offsets and precisions, and
// look-alikes that are not RFC 3339 (semantics R9).
std::vector<std::string> time_variants(const semantics::Instant& instant);

// A definition in scope: a parameter, a named list or a named predicate.
struct Definition {
  enum class Kind : uint8_t {
    StringParam,
    NumberParam,
    BoolParam,
    WindowParam,        // a duration: instant is now() minus it
    TimeParam,          // instant
    CidrParam,          // one prefix
    StringList,         // a named list of strings
    MixedList,          // literals of several types, for dynamic fields
    CidrList,           // prefixes, as a named list
    Predicate,          // no arguments
    FieldPredicate,     // (f, v): f == v or f istartswith v
    RangePredicate,     // (x, lo, hi): x >= lo and x < hi
    IdentityPredicate,  // (o): o.type == "Root" or o.arn endswith ":root"
  };
  Kind kind = Kind::StringParam;
  std::string name;
  std::vector<Json> values;          // what a parameter or list holds, for the vocabulary
  std::vector<std::string> strings;  // CidrParam, CidrList: the prefixes
  semantics::Instant instant;
  bool has_quantifier = false;  // Predicate: any/all inside, so not usable in a lambda
};

// The literal text of a string in a runbook.
std::string tb_string(const std::string& s, Rng& rng);

class PackWriter {
 public:
  explicit PackWriter(Rng& rng) : rng_(rng) {}
  GeneratedPack pack(size_t runbooks);

 private:
  // The subject of a leaf: a record field, or a field of the element a lambda is at.
  struct Subject {
    std::string tb;
    JsonPath json;
    Type type = Type::Dynamic;
    const std::vector<std::string>* enums = nullptr;
    bool ip = false;
    bool time = false;
    bool mapped = false;  // lower() or upper() of the field: a string or missing
  };

  // random_runbook.cpp
  std::string module_definitions();
  std::string definition();
  std::string runbook(size_t index);
  std::string predicate(int depth);
  std::string quantifier();
  std::string call();
  Subject subject();
  // A definition of `kind` in scope; with `equal_to`, one whose strings it may be compared with.
  const Definition* find(Definition::Kind kind, const Subject* equal_to = nullptr);
  bool may_equal(const Subject& s, const std::string& text) const;
  const std::string& word_for(const Subject& s);

  // runbook_leaves.cpp
  std::string leaf();
  std::string equality_literal(const Subject& s);
  std::string compare_leaf(const Subject& s);
  std::string in_leaf(const Subject& s);
  std::string string_test_leaf(const Subject& s);
  std::string regex_leaf(const Subject& s);
  std::string cidr_leaf(const Subject& s);
  std::string time_leaf(const Subject& s);
  std::string presence_leaf(const Subject& s);
  std::string field_pair_leaf(const Subject&);  // its own fields
  std::string bare_leaf(const Subject& s);
  void favour(const Subject& s, const std::string& literal);
  void favour_string(const Subject& s, const std::string& value, bool case_too);
  void favour_time(const Subject& s, const semantics::Instant& instant);

  Rng& rng_;
  GeneratedPack out_;
  std::vector<Definition> scope_;
  const ArrayField* lambda_array_ = nullptr;  // inside any/all
  std::string lambda_param_;
  bool quantifier_used_ = false;
  size_t names_ = 0;  // for fresh definition names
};

}  // namespace tb::testing::gen
