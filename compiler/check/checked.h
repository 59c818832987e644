#pragma once
// The checked form of a pack of runbooks: names resolved against the schema and the scopes,
// parameters and lists folded into constants, every field a runbook reads given a slot.
// Lowering, the interpreter, the test runner and explain read this.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compiler/schema/schema.h"
#include "compiler/source/source_file.h"
#include "runtime/semantics/cidr.h"
#include "runtime/semantics/regex.h"
#include "runtime/semantics/timestamp.h"

namespace tb::check {

// A value known at compile time.
struct Constant {
  enum class Kind : uint8_t { String, Int, Float, Bool, Null, Timestamp, Duration };
  Kind kind = Kind::Null;
  std::string string_value;  // String; Timestamp: RFC 3339 text in UTC
  int64_t int_value = 0;     // Int; Duration: seconds
  double float_value = 0;
  bool bool_value = false;
  semantics::Instant instant;  // Timestamp

  bool is_number() const { return kind == Kind::Int || kind == Kind::Float; }
  std::string display() const;         // as a runbook would write it
  std::string_view type_name() const;  // "string", "number", "timestamp", ...
};

enum class CmpOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };

// Where a compared value comes from, per record.
struct Operand {
  enum class Kind : uint8_t {
    Constant,
    Field,    // slot `slot` of the record
    Element,  // field `slot` of the current element of the enclosing any/all
    MapCase,  // lower()/upper() of `args[0]`
  };
  Kind kind = Kind::Constant;
  uint32_t slot = 0;
  Constant constant;
  bool to_upper = false;
  std::vector<Operand> args;
  schema::FieldType type = schema::FieldType::Any;  // static type of a Field/Element
  std::string text;                                 // as written, for messages and explain
  Span span;                                        // Field: where the path is written
};

enum class PredKind : uint8_t {
  Const,       // always `const_value`
  And,         // all children
  Or,          // any child
  Not,         // children[0] is false
  Compare,     // left op right
  In,          // left [not] in values
  StringTest,  // left [not] test needle (tb_string_test)
  Regex,       // left [not] matches objects[object]
  Cidr,        // left [not] in cidr objects[object]
  Time,        // left, read as RFC 3339, op objects[object]
  IsNull,      // left is [not] null
  IsMissing,   // left is [not] missing
  Any,         // some element of slot `slot` satisfies children[0]
  All,         // every element of slot `slot` satisfies children[0]
};

// A predicate. Negated forms follow semantics R3: true iff the operand has a value (present,
// not null) and the positive form is false.
struct Pred {
  PredKind kind = PredKind::Const;
  Span span;
  bool const_value = false;
  std::vector<Pred> children;
  Operand left, right;
  CmpOp op = CmpOp::Eq;
  bool negated = false;
  std::vector<Constant> values;  // In
  bool empty_literal = false;    // In: the list is `[]` as written, not a named list left empty
  uint32_t test = 0;             // StringTest: a tb_string_test
  std::string needle;            // StringTest: case-folded for the case-insensitive tests
  uint32_t object = 0;           // Regex, Cidr, Time: index into CheckedPack::objects
  uint32_t slot = 0;             // Any, All: the element slot
};

// A field that the pack reads; its index in CheckedPack::fields is its slot. An element slot
// lists, instead of being read whole, the fields of each element that any/all read.
struct FieldSlot {
  std::vector<std::string> steps;
  std::string dotted;
  schema::FieldType type = schema::FieldType::Any;
  bool elements = false;
  std::vector<std::vector<std::string>> element_fields;  // relative steps; {} = the element
};

enum class AggregateKind : uint8_t { Count, CountDistinct, Min, Max, First, Last, Values };

// One output column of a query.
struct Column {
  enum class Source : uint8_t { Field, Key, Aggregate };
  std::string name;
  Source source = Source::Field;
  uint32_t slot = 0;  // Field, Key, and the aggregate's argument (unused by count())
  AggregateKind aggregate = AggregateKind::Count;
  bool hidden = false;  // computed for having / order by only
};

// The null tests of semantics R11 on a column: `exists`, `is null`, `is missing`, `is not null`
// (the column has a value).
enum class RowTest : uint8_t { Exists, IsNull, IsMissing, HasValue };

// `having`, over output columns.
struct RowPred {
  enum class Kind : uint8_t { Const, And, Or, Not, Compare, Test };
  Kind kind = Kind::Const;
  bool const_value = false;
  std::vector<RowPred> children;
  uint32_t column = 0;
  CmpOp op = CmpOp::Eq;
  Constant value;
  RowTest test = RowTest::Exists;
};

struct OrderKey {
  uint32_t column = 0;
  bool descending = false;
};

struct CheckedQuery {
  std::string name;    // empty for a runbook's main query
  uint32_t index = 0;  // position in the pack; the kernel reports matches by this index
  Pred where;
  std::vector<Column> columns;
  bool grouped = false;  // group by, or aggregates over all matches
  std::vector<uint32_t> key_slots;
  std::optional<RowPred> having;
  std::vector<OrderKey> order;
  std::optional<uint64_t> limit;
  Span having_span, limit_span;  // for the lint

  bool streams() const { return !grouped && order.empty() && !limit; }
};

// An embedded test, kept for the test runner with its spans.
struct CheckedTest {
  std::string name;
  Span span;
  std::vector<std::pair<std::string, Span>> records;  // JSON text
  struct Expect {
    uint32_t query = 0;  // index within the runbook
    enum class Kind : uint8_t { Match, NoMatch, Rows } kind = Kind::Match;
    std::string rows;  // JSON array
    Span span;
  };
  std::vector<Expect> expectations;
  std::map<std::string, std::string> params;  // overrides, as --param text
  std::optional<semantics::Instant> now;
};

struct CheckedRunbook {
  std::string name;
  std::string id;
  std::string title;
  std::string severity;
  std::string description;
  std::string author;
  std::vector<std::string> tags;        // free text; "stratus:..." and "cis:..." map coverage
  std::vector<std::string> references;  // URLs, ATT&CK ids (T1098.001), CIS controls (CIS 4.1)
  std::string source_path;
  Span span;                       // the whole runbook block
  std::vector<std::string> allow;  // warning and note codes it accepts (metadata `allow`)
  std::vector<CheckedQuery> queries;
  std::vector<CheckedTest> tests;
};

// Compiled objects that predicates refer to by index; kernels receive them as a table.
using PackObject =
    std::variant<std::unique_ptr<semantics::Regex>, semantics::CidrSet, semantics::Instant>;

struct CheckedPack {
  std::vector<CheckedRunbook> runbooks;
  std::vector<FieldSlot> fields;
  std::vector<PackObject> objects;
  uint32_t query_count = 0;

  // The slot of a path read whole, adding it when the pack does not read it yet.
  uint32_t slot_for(const std::vector<std::string>& steps, schema::FieldType type);
  // The element slot of an array path, for any/all.
  uint32_t element_slot_for(const std::vector<std::string>& steps);
  // The index of a field within the elements of `element_slot`.
  uint32_t element_field(uint32_t element_slot, const std::vector<std::string>& steps);
  uint32_t add_object(PackObject object);
  // Pointers to the objects, in the order kernels index them.
  std::vector<const void*> object_table() const;
};

}  // namespace tb::check
