#include "compiler/lower/evaluation_order.h"

#include <algorithm>
#include <numeric>

#include "runtime/abi/kernel_abi.h"

namespace tb::lower {

namespace {

using check::Operand;
using check::PredKind;

// lower()/upper() copy and map the string before anything is compared.
uint32_t operand_cost(const Operand& operand) {
  uint32_t cost = operand.kind == Operand::Kind::MapCase ? 8 : 0;
  for (const Operand& arg : operand.args) cost += operand_cost(arg);
  return cost;
}

}  // namespace

uint32_t evaluation_cost(const check::Pred& pred) {
  const uint32_t operands = operand_cost(pred.left) + operand_cost(pred.right);
  switch (pred.kind) {
    case PredKind::Const:
      return 0;
    case PredKind::IsNull:
    case PredKind::IsMissing:
      return 1 + operands;
    case PredKind::Compare:  // two fields compared go through a host call
      return (pred.right.kind == Operand::Kind::Constant ? 2 : 6) + operands;
    case PredKind::In:
      return 2 + static_cast<uint32_t>(pred.values.size() / 8) + operands;
    case PredKind::StringTest:  // the case-insensitive tests fold the haystack first
      return (pred.test >= TB_ICONTAINS ? 12 : 4) + operands;
    case PredKind::Cidr:
    case PredKind::Time:  // an address or a timestamp is parsed from the string
      return 6 + operands;
    case PredKind::Regex:
      return 30 + operands;
    case PredKind::Any:
    case PredKind::All:  // the child runs once per element
      return 20 + 4 * evaluation_cost(pred.children[0]);
    case PredKind::Not:
      return evaluation_cost(pred.children[0]);
    case PredKind::And:
    case PredKind::Or: {
      uint32_t sum = 0;
      for (const check::Pred& child : pred.children) sum += evaluation_cost(child);
      return sum;
    }
  }
  return 0;
}

std::vector<size_t> evaluation_order(const std::vector<check::Pred>& children) {
  std::vector<uint32_t> cost;
  for (const check::Pred& child : children) cost.push_back(evaluation_cost(child));
  std::vector<size_t> order(children.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return cost[a] < cost[b]; });
  return order;
}

}  // namespace tb::lower
