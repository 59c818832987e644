#pragma once
// What a query does after its `where`: the plan the compiler builds for the runtime's query
// operator. Data only; QueryOperator checks it and runs it.
//
//   where (the kernel) -> select / group by + aggregates -> having -> order by -> limit
//
// Every select item, and every aggregate that only `having` or `order by` use, is a column;
// having and order refer to columns by index. A query without group by selects fields; a query
// with group by selects its keys and aggregates; `group by` with no keys is one group over all
// matched records (`select count()`), which gives one row even when nothing matched.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/aggregate/value.h"

namespace tb::runtime::aggregate {

// Aggregates ignore missing and null arguments (as SQL does), except count(), which counts
// records. Over no values, min/max/first/last/values give missing and count_distinct gives 0.
enum class AggregateKind : uint8_t {
  Count,          // records in the group
  CountDistinct,  // distinct values, by values_equal
  Min,            // by compare_values
  Max,
  First,   // the value of the earliest record (by sequence) that has one
  Last,    // the value of the latest record that has one
  Values,  // distinct values in order of first appearance, as a JSON array
};

struct OutputColumn {
  enum class Source : uint8_t {
    Field,      // a record's slot (queries without group by)
    Key,        // a group by key
    Aggregate,  // an aggregate over the group's records
  };
  std::string name;  // the alias, or the expression as written
  Source source = Source::Field;
  // Field: the record slot. Key: the index into QueryShape::key_slots. Aggregate: the slot of
  // the argument (unused for count()).
  uint32_t slot = 0;
  AggregateKind aggregate = AggregateKind::Count;  // Aggregate only
  bool hidden = false;  // computed for having or order by only, not output
};

enum class CompareOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
// The null tests of semantics R11.
enum class NullTest : uint8_t { Exists, IsNull, IsMissing, IsNotNull };

// A `having` condition on a row's columns. Two-valued like record predicates (semantics R2-R5):
// a comparison with a missing or null column, or a column of the wrong type, is false; `!=` is
// true iff the column has a value and `==` is false; `< <= > >=` take numbers only, compared
// by exact value across int and double.
struct RowPredicate {
  enum class Kind : uint8_t {
    Const,    // const_value
    And,      // all children (true when there are none)
    Or,       // some child (false when there are none)
    Not,      // the one child, negated
    Compare,  // columns[column] op constant
    Test,     // columns[column] passes null_test
  };
  Kind kind = Kind::Const;
  bool const_value = true;
  std::vector<RowPredicate> children;
  uint32_t column = 0;  // an index into QueryShape::columns
  CompareOp op = CompareOp::Eq;
  Value constant;  // the literal on the right of a comparison
  NullTest null_test = NullTest::Exists;
};

struct OrderKey {
  uint32_t column = 0;  // an index into QueryShape::columns
  bool descending = false;
};

struct QueryShape {
  std::string runbook;  // names for messages
  std::string query;
  bool grouped = false;
  std::vector<uint32_t> key_slots;  // record slots of the group by keys, in order
  std::vector<OutputColumn> columns;
  std::optional<RowPredicate> having;
  // Rows sort by these keys in turn (compare_values, so mixed types have a fixed order); ties,
  // and queries without order by, go by input order: the record's sequence, or the sequence of
  // a group's first record.
  std::vector<OrderKey> order;
  std::optional<uint64_t> limit;
};

}  // namespace tb::runtime::aggregate
