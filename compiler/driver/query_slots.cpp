#include "compiler/driver/query_slots.h"

namespace tb::driver {

namespace {

void add_operand(const check::Operand& operand, std::vector<uint32_t>& out) {
  if (operand.kind == check::Operand::Kind::Field) out.push_back(operand.slot);
  // Element operands index within an element slot, which the any/all adds.
  for (const check::Operand& arg : operand.args) add_operand(arg, out);
}

void add_pred(const check::Pred& pred, std::vector<uint32_t>& out) {
  if (pred.kind == check::PredKind::Any || pred.kind == check::PredKind::All) {
    out.push_back(pred.slot);
  }
  add_operand(pred.left, out);
  add_operand(pred.right, out);
  for (const check::Pred& child : pred.children) add_pred(child, out);
}

}  // namespace

std::vector<uint32_t> slots_read(const check::CheckedQuery& query) {
  std::vector<uint32_t> out;
  add_pred(query.where, out);
  for (const check::Column& column : query.columns) {
    const bool reads_a_field = !(column.source == check::Column::Source::Aggregate &&
                                 column.aggregate == check::AggregateKind::Count);
    if (reads_a_field) out.push_back(column.slot);
  }
  out.insert(out.end(), query.key_slots.begin(), query.key_slots.end());
  return out;
}

}  // namespace tb::driver
