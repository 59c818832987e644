#pragma once
// The checked form of a pack of runbooks: names resolved against the schema, literals typed,
// every field a runbook reads given a slot. Lowering, the interpreter and explain read this.
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/schema/schema.h"
#include "compiler/source/source_file.h"

namespace tb::check {

// A literal value after checking.
struct Constant {
  enum class Kind : uint8_t { String, Int, Float, Bool, Null };
  Kind kind = Kind::Null;
  std::string string_value;
  int64_t int_value = 0;
  double float_value = 0;
  bool bool_value = false;
};

enum class CmpOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };

enum class PredKind : uint8_t {
  Const,  // always `const_value`
  And,
  Or,
  Not,
  Compare,  // field `op` constant; the field is always on the left
  In,       // field [not] in constants
};

struct Pred {
  PredKind kind = PredKind::Const;
  Span span;
  bool const_value = false;
  std::vector<Pred> children;
  uint32_t slot = 0;
  CmpOp op = CmpOp::Eq;
  Constant value;                // Compare
  bool negated = false;          // In
  std::vector<Constant> values;  // In
};

// A field that the pack reads; its index in CheckedPack::fields is its slot.
struct FieldSlot {
  std::vector<std::string> steps;
  std::string dotted;
  schema::FieldType type = schema::FieldType::Any;
};

struct Column {
  std::string name;
  uint32_t slot = 0;
};

struct CheckedQuery {
  std::string name;    // empty for a runbook's main query
  uint32_t index = 0;  // position in the pack; the kernel reports matches by this index
  Pred where;
  std::vector<Column> columns;
};

struct CheckedRunbook {
  std::string name;
  std::string title;
  std::string severity;
  std::string source_path;
  std::vector<CheckedQuery> queries;
};

struct CheckedPack {
  std::vector<CheckedRunbook> runbooks;
  std::vector<FieldSlot> fields;
  uint32_t query_count = 0;

  // The slot of a path, adding it when the pack does not read it yet.
  uint32_t slot_for(const std::vector<std::string>& steps, schema::FieldType type);
};

}  // namespace tb::check
