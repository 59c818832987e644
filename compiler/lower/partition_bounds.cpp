#include "compiler/lower/partition_bounds.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace tb::lower {

using check::CmpOp;
using check::Constant;
using check::Operand;
using check::Pred;
using check::PredKind;
using runtime::PartitionBounds;

namespace {

using Values = std::optional<std::vector<std::string>>;

Values intersect(const Values& a, const Values& b) {
  if (!a) return b;
  if (!b) return a;
  std::vector<std::string> out;
  for (const std::string& v : *a) {
    if (std::find(b->begin(), b->end(), v) != b->end()) out.push_back(v);
  }
  return out;
}

Values unite(const Values& a, const Values& b) {
  if (!a || !b) return std::nullopt;
  std::set<std::string> out(a->begin(), a->end());
  out.insert(b->begin(), b->end());
  return std::vector<std::string>(out.begin(), out.end());
}

template <typename Pick>
std::optional<int64_t> both(std::optional<int64_t> a, std::optional<int64_t> b, Pick pick) {
  if (!a || !b) return std::nullopt;
  return pick(*a, *b);
}

template <typename Pick>
std::optional<int64_t> either(std::optional<int64_t> a, std::optional<int64_t> b, Pick pick) {
  if (!a) return b;
  if (!b) return a;
  return pick(*a, *b);
}

PartitionBounds nothing_matches() {
  PartitionBounds b;
  b.accounts.emplace();
  return b;
}

class Deriver {
 public:
  explicit Deriver(const check::CheckedPack& pack) : pack_(pack) {}

  PartitionBounds bounds(const Pred& p) const {
    switch (p.kind) {
      case PredKind::Const:
        return p.const_value ? PartitionBounds{} : nothing_matches();
      case PredKind::And: {
        PartitionBounds out;
        for (const Pred& c : p.children) {
          const PartitionBounds part = bounds(c);
          out.accounts = intersect(out.accounts, part.accounts);
          out.regions = intersect(out.regions, part.regions);
          out.time_from =
              either(out.time_from, part.time_from, [](auto a, auto b) { return std::max(a, b); });
          out.time_until = either(out.time_until, part.time_until,
                                  [](auto a, auto b) { return std::min(a, b); });
        }
        return out;
      }
      case PredKind::Or:
        return alternatives(p.children);
      case PredKind::Compare:
        if (p.op == CmpOp::Eq && p.right.kind == Operand::Kind::Constant &&
            p.right.constant.kind == Constant::Kind::String) {
          return values(p.left, {p.right.constant.string_value});
        }
        return {};
      case PredKind::In: {
        if (p.negated) return {};
        std::vector<std::string> listed;
        for (const Constant& c : p.values) {
          if (c.kind != Constant::Kind::String) return {};
          listed.push_back(c.string_value);
        }
        return values(p.left, std::move(listed));
      }
      case PredKind::Time:
        return time(p);
      default:
        return {};  // not, string tests, regex, CIDR, null tests, any/all: no bound
    }
  }

 private:
  // Every record matches one alternative: the union of their bounds. An alternative that is
  // never true adds nothing.
  PartitionBounds alternatives(const std::vector<Pred>& children) const {
    std::optional<PartitionBounds> out;
    for (const Pred& c : children) {
      if (c.kind == PredKind::Const && !c.const_value) continue;
      const PartitionBounds part = bounds(c);
      if (!out) {
        out = part;
        continue;
      }
      out->accounts = unite(out->accounts, part.accounts);
      out->regions = unite(out->regions, part.regions);
      out->time_from =
          both(out->time_from, part.time_from, [](auto a, auto b) { return std::min(a, b); });
      out->time_until =
          both(out->time_until, part.time_until, [](auto a, auto b) { return std::max(a, b); });
    }
    return out ? *out : nothing_matches();
  }

  bool is_field(const Operand& o, const char* name) const {
    return o.kind == Operand::Kind::Field &&
           pack_.fields.at(o.slot).steps == std::vector<std::string>{name};
  }

  PartitionBounds values(const Operand& left, std::vector<std::string> listed) const {
    PartitionBounds out;
    if (is_field(left, "recipientAccountId")) out.accounts = std::move(listed);
    if (is_field(left, "awsRegion")) out.regions = std::move(listed);
    return out;
  }

  // Whole seconds: a record at or after an instant is at or after its second; one at or before
  // it is before the next second, and one before a whole second is before that second.
  PartitionBounds time(const Pred& p) const {
    PartitionBounds out;
    if (!is_field(p.left, "eventTime")) return out;
    const int64_t second = p.right.constant.instant.seconds;
    const std::optional<int64_t> next =
        second < INT64_MAX ? std::optional<int64_t>(second + 1) : std::nullopt;
    switch (p.op) {
      case CmpOp::Ge:
      case CmpOp::Gt:
        out.time_from = second;
        break;
      case CmpOp::Lt:
        out.time_until = p.right.constant.instant.fraction.empty() ? second : next;
        break;
      case CmpOp::Le:
        out.time_until = next;
        break;
      case CmpOp::Eq:
        out.time_from = second;
        out.time_until = next;
        break;
      case CmpOp::Ne:
        break;
    }
    return out;
  }

  const check::CheckedPack& pack_;
};

}  // namespace

std::vector<PartitionBounds> derive_partition_bounds(const check::CheckedPack& pack) {
  std::vector<PartitionBounds> out(pack.query_count);
  const Deriver deriver(pack);
  for (const check::CheckedRunbook& rb : pack.runbooks) {
    for (const check::CheckedQuery& q : rb.queries) out[q.index] = deriver.bounds(q.where);
  }
  return out;
}

}  // namespace tb::lower
