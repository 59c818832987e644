#include "compiler/driver/event_time_window.h"

#include <string>
#include <utility>

namespace tb::driver {

namespace {

check::Pred event_time_compare(check::CheckedPack& pack, check::CmpOp op,
                               const semantics::Instant& bound) {
  check::Pred p;
  p.kind = check::PredKind::Time;
  p.op = op;
  p.left.kind = check::Operand::Kind::Field;
  p.left.slot = pack.slot_for({"eventTime"}, schema::FieldType::Timestamp);
  p.left.type = schema::FieldType::Timestamp;
  p.left.text = "eventTime";
  p.right.kind = check::Operand::Kind::Constant;
  p.right.constant.kind = check::Constant::Kind::Timestamp;
  p.right.constant.instant = bound;
  p.right.constant.string_value = semantics::format_rfc3339(bound);
  p.object = pack.add_object(bound);
  return p;
}

}  // namespace

std::optional<semantics::Instant> parse_time_bound(std::string_view text,
                                                   const semantics::Instant& now) {
  if (auto instant = semantics::parse_instant(text)) return instant;
  constexpr size_t kDateLength = 10;  // YYYY-MM-DD
  if (text.size() == kDateLength) {
    if (auto midnight = semantics::parse_instant(std::string(text) + "T00:00:00Z")) {
      return midnight;
    }
  }
  if (auto seconds = semantics::parse_duration_seconds(text)) {
    return semantics::add_seconds(now, -*seconds);
  }
  return std::nullopt;
}

void restrict_event_time(check::CheckedPack& pack, const EventTimeWindow& window) {
  if (!window.since && !window.until) return;
  std::vector<check::Pred> terms;
  if (window.since) terms.push_back(event_time_compare(pack, check::CmpOp::Ge, *window.since));
  if (window.until) terms.push_back(event_time_compare(pack, check::CmpOp::Lt, *window.until));
  for (check::CheckedRunbook& rb : pack.runbooks) {
    for (check::CheckedQuery& q : rb.queries) {
      check::Pred both;
      both.kind = check::PredKind::And;
      both.span = q.where.span;
      both.children.push_back(std::move(q.where));
      both.children.insert(both.children.end(), terms.begin(), terms.end());
      q.where = std::move(both);
    }
  }
}

}  // namespace tb::driver
