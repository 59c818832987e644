#pragma once
// Building records, shapes and readable results for the query operator tests.
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/aggregate/query_operator.h"
#include "runtime/aggregate/query_shape.h"
#include "runtime/aggregate/value.h"
#include "runtime/aggregate/value_json.h"
#include "tests/unit/compiler/test_rng.h"

namespace tb::runtime::aggregate::testing {

using Record = std::vector<Value>;

inline Value S(std::string_view s) {
  return Value::of_string(s);
}
inline Value I(int64_t i) {
  return Value::of_int(i);
}
inline Value D(double d) {
  return Value::of_double(d);
}
inline Value B(bool b) {
  return Value::of_bool(b);
}
inline Value Null() {
  return Value::null_value();
}
inline Value Missing() {
  return Value();
}

// A value from a small pool of every kind, so that ties, equal numbers of both kinds (1 and
// 1.0) and mixed types are common.
inline Value random_value(tb::testing::Rng& rng) {
  switch (rng.below(9)) {
    case 0:
      return Missing();
    case 1:
      return Null();
    case 2:
      return B(rng.chance(50));
    case 3:
      return I(static_cast<int64_t>(rng.below(20)) - 10);
    case 4:
      return D(static_cast<double>(static_cast<int64_t>(rng.below(40)) - 20) / 4);
    case 5:
    case 6:
      return S(std::string(1, static_cast<char>('a' + rng.below(6))));
    case 7:
      return S(std::string("\0\xc3\xa9", 1 + rng.below(3)));
    default:
      return rng.chance(50) ? Value::of_json(TB_ARRAY, rng.chance(50) ? "[]" : "[1]")
                            : Value::of_json(TB_OBJECT, rng.chance(50) ? "{}" : R"({"a":1})");
  }
}

// The kernel's view of a record: slots pointing into the Values' bytes, as slots point into
// parser memory during a scan.
inline std::vector<tb_value> slots_of(const Record& record) {
  std::vector<tb_value> slots(record.size());
  for (size_t s = 0; s < record.size(); ++s) {
    const Value& v = record[s];
    slots[s].kind = v.kind;
    slots[s].len = static_cast<uint32_t>(v.text.size());
    switch (v.kind) {
      case TB_BOOL:
        slots[s].b = v.b;
        break;
      case TB_INT:
        slots[s].i = v.i;
        break;
      case TB_DOUBLE:
        slots[s].d = v.d;
        break;
      case TB_STRING:
      case TB_OBJECT:
      case TB_ARRAY:
        slots[s].str = v.text.data();
        break;
      default:
        slots[s].i = 0;
    }
  }
  return slots;
}

// JSON, except that missing shows as `missing` and an integral double keeps a `.0`, so that
// assertions see the kinds.
inline std::string show(const Value& v) {
  if (v.kind == TB_MISSING) return "missing";
  std::string out;
  append_value_json(out, v);
  if (v.kind == TB_DOUBLE && out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

// Each row as its cells joined by " | ".
inline std::vector<std::string> show(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const Row& row : rows) {
    std::string line;
    for (const Value& cell : row) line += (line.empty() ? "" : " | ") + show(cell);
    out.push_back(line);
  }
  return out;
}

inline OutputColumn field(std::string name, uint32_t slot) {
  return {std::move(name), OutputColumn::Source::Field, slot, AggregateKind::Count, false};
}
inline OutputColumn key(std::string name, uint32_t key_index) {
  return {std::move(name), OutputColumn::Source::Key, key_index, AggregateKind::Count, false};
}
inline OutputColumn aggregate(std::string name, AggregateKind kind, uint32_t slot = 0) {
  return {std::move(name), OutputColumn::Source::Aggregate, slot, kind, false};
}
inline OutputColumn hidden(OutputColumn column) {
  column.hidden = true;
  return column;
}

inline QueryShape grouped_by(std::vector<uint32_t> key_slots, std::vector<OutputColumn> columns) {
  QueryShape shape;
  shape.runbook = "test";
  shape.query = "main";
  shape.grouped = true;
  shape.key_slots = std::move(key_slots);
  shape.columns = std::move(columns);
  return shape;
}

inline QueryShape selecting(std::vector<OutputColumn> columns) {
  QueryShape shape;
  shape.runbook = "test";
  shape.query = "main";
  shape.columns = std::move(columns);
  return shape;
}

inline RowPredicate compare(uint32_t column, CompareOp op, Value constant) {
  RowPredicate p;
  p.kind = RowPredicate::Kind::Compare;
  p.column = column;
  p.op = op;
  p.constant = std::move(constant);
  return p;
}

// Feeds `records` with sequences 0, 1, 2, ... to one operator and shows its output.
inline std::vector<std::string> run(const QueryShape& shape, const std::vector<Record>& records) {
  MemoryBudget budget(size_t{1} << 30);
  QueryOperator op(shape, budget);
  for (size_t r = 0; r < records.size(); ++r) {
    const std::vector<tb_value> slots = slots_of(records[r]);
    if (!op.add(slots.data(), r)) return {op.error()};
  }
  return show(op.finish());
}

}  // namespace tb::runtime::aggregate::testing
