#include "runtime/exec/finding_buffer.h"

namespace tb::runtime {

namespace {

tb_value view_of(const aggregate::Value& v) {
  tb_value out{};
  out.kind = v.kind;
  switch (v.kind) {
    case TB_BOOL:
      out.b = v.b ? 1 : 0;
      break;
    case TB_INT:
      out.i = v.i;
      break;
    case TB_DOUBLE:
      out.d = v.d;
      break;
    case TB_STRING:
    case TB_OBJECT:
    case TB_ARRAY:
      out.str = v.text.data();
      out.len = static_cast<uint32_t>(v.text.size());
      break;
    default:
      break;
  }
  return out;
}

}  // namespace

void FileBuffer::hold(const Finding& f, bool row_match) {
  file_.assign(f.file);
  Held held;
  held.query = f.query;
  held.row_match = row_match;
  held.record_index = f.record_index;
  auto keep = [&](uint32_t slot) {
    held.values.emplace_back(slot, aggregate::Value::from(f.slots[slot]));
  };
  keep(plan_->event_id_slot);
  keep(plan_->event_time_slot);
  if (!row_match) {  // a row match has no fields of its own to print
    for (const OutputColumn& c : f.query->columns) keep(c.slot);
  }
  for (const OutputColumn& c : plan_->context) keep(c.slot);
  findings_.push_back(std::move(held));
}

void FileBuffer::replay(FindingSink& findings, ProblemSink& problems, uint64_t first_record,
                        uint64_t lines_before) {
  for (ScanProblem& p : problems_) {
    if (p.has_record) {
      p.record_index += first_record;
      p.line += lines_before;
    }
    problems.problem(p);
  }
  slots_.assign(plan_->fields.size(), tb_value{});
  for (const Held& h : findings_) {
    for (const auto& [slot, value] : h.values) slots_[slot] = view_of(value);
    const Finding finding{h.query, file_, first_record + h.record_index, slots_.data(), plan_};
    if (h.row_match) {
      findings.row_match(finding);
    } else {
      findings.finding(finding);
    }
    for (const auto& [slot, value] : h.values) slots_[slot] = tb_value{};
  }
  findings_.clear();
  problems_.clear();
  piece_records_ = piece_lines_ = 0;
}

}  // namespace tb::runtime
