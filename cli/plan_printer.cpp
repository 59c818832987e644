#include "cli/plan_printer.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "compiler/lower/evaluation_order.h"
#include "compiler/lower/partition_bounds.h"
#include "compiler/lower/prefilter_literals.h"
#include "runtime/abi/kernel_abi.h"

namespace tb::cli {

namespace {

using check::CmpOp;
using check::Operand;
using check::Pred;
using check::PredKind;

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string_view op_text(CmpOp op) {
  switch (op) {
    case CmpOp::Eq:
      return "==";
    case CmpOp::Ne:
      return "!=";
    case CmpOp::Lt:
      return "<";
    case CmpOp::Le:
      return "<=";
    case CmpOp::Gt:
      return ">";
    case CmpOp::Ge:
      return ">=";
  }
  return "?";
}

std::string_view test_text(uint32_t test) {
  switch (test) {
    case TB_CONTAINS:
      return "contains";
    case TB_STARTSWITH:
      return "startswith";
    case TB_ENDSWITH:
      return "endswith";
    case TB_ICONTAINS:
      return "icontains";
    case TB_ISTARTSWITH:
      return "istartswith";
    case TB_IENDSWITH:
      return "iendswith";
  }
  return "?";
}

std::string_view aggregate_text(check::AggregateKind kind) {
  switch (kind) {
    case check::AggregateKind::Count:
      return "count";
    case check::AggregateKind::CountDistinct:
      return "count_distinct";
    case check::AggregateKind::Min:
      return "min";
    case check::AggregateKind::Max:
      return "max";
    case check::AggregateKind::First:
      return "first";
    case check::AggregateKind::Last:
      return "last";
    case check::AggregateKind::Values:
      return "values";
  }
  return "?";
}

std::string_view row_test_text(check::RowTest test) {
  switch (test) {
    case check::RowTest::Exists:
      return "exists";
    case check::RowTest::IsNull:
      return "is null";
    case check::RowTest::IsMissing:
      return "is missing";
    case check::RowTest::HasValue:
      return "is not null";
  }
  return "?";
}

std::string dotted(const std::vector<std::string>& steps) {
  std::string out;
  for (const std::string& s : steps) out += (out.empty() ? "" : ".") + s;
  return out;
}

// Walks the where predicates; remembers the text of each object for the objects section.
class PredPrinter {
 public:
  PredPrinter(const check::CheckedPack& pack, const SourceManager& sources, std::string& out)
      : pack_(pack), sources_(sources), out_(out) {}

  void print(const Pred& p, int depth, uint32_t element_slot) {
    const std::string indent(static_cast<size_t>(depth) * 2, ' ');
    const std::string_view no = p.negated ? "not " : "";
    switch (p.kind) {
      case PredKind::Const:
        out_ += indent + (p.const_value ? "true\n" : "false\n");
        return;
      case PredKind::And:
      case PredKind::Or:
      case PredKind::Not:
        out_ += indent + (p.kind == PredKind::And  ? "and\n"
                          : p.kind == PredKind::Or ? "or\n"
                                                   : "not\n");
        // In the order the kernel evaluates them (compiler/lower/evaluation_order).
        for (size_t i : lower::evaluation_order(p.children)) {
          print(p.children[i], depth + 1, element_slot);
        }
        return;
      case PredKind::Any:
      case PredKind::All:
        out_ += fmt::format("{}{} {}@{}\n", indent, p.kind == PredKind::Any ? "any" : "all",
                            pack_.fields[p.slot].dotted, p.slot);
        for (const Pred& c : p.children) print(c, depth + 1, p.slot);
        return;
      default:
        break;
    }
    const std::string left = operand(p.left, element_slot);
    std::string line;
    switch (p.kind) {
      case PredKind::Compare:
        line = fmt::format("{} {} {}", left, op_text(p.op), operand(p.right, element_slot));
        break;
      case PredKind::In: {
        std::string values;
        for (const check::Constant& c : p.values)
          values += (values.empty() ? "" : ", ") + c.display();
        line = fmt::format("{} {}in [{}]", left, no, values);
        break;
      }
      case PredKind::StringTest:
        line = fmt::format("{} {}{} {}", left, no, test_text(p.test), quoted(p.needle));
        break;
      case PredKind::Regex:
        objects_[p.object] = "regex " + quoted(p.needle);
        line = fmt::format("{} {}matches regex#{} {}", left, no, p.object, quoted(p.needle));
        break;
      case PredKind::Cidr:
        objects_[p.object] = "cidr " + cidr_args(p);
        line = fmt::format("{} {}in cidr#{}({})", left, no, p.object, cidr_args(p));
        break;
      case PredKind::Time:
        objects_[p.object] = "time " + p.right.constant.display();
        line = fmt::format("{} {} time#{} {}", left, op_text(p.op), p.object,
                           p.right.constant.display());
        break;
      case PredKind::IsNull:
        line = fmt::format("{} is {}null", left, no);
        break;
      case PredKind::IsMissing:
        line = fmt::format("{} is {}missing", left, no);
        break;
      default:
        line = "?";
    }
    out_ += indent + line + "\n";
  }

  const std::map<uint32_t, std::string>& objects() const { return objects_; }

 private:
  // NAME@SLOT for a field of the record; TEXT@SLOT.INDEX for a field of an any/all element.
  std::string operand(const Operand& o, uint32_t element_slot) const {
    switch (o.kind) {
      case Operand::Kind::Constant:
        return o.constant.display();
      case Operand::Kind::Field:
        return fmt::format("{}@{}", pack_.fields[o.slot].dotted, o.slot);
      case Operand::Kind::Element:
        return fmt::format("{}@{}.{}", o.text, element_slot, o.slot);
      case Operand::Kind::MapCase:
        return fmt::format("{}({})", o.to_upper ? "upper" : "lower",
                           o.args.empty() ? "?" : operand(o.args[0], element_slot));
    }
    return "?";
  }

  // The prefixes as the runbook wrote them, the arguments of `cidr(...)` in the predicate's
  // source: the pack keeps only the parsed set.
  std::string cidr_args(const Pred& p) const {
    const std::string_view all =
        sources_.file(p.span.file).text().substr(p.span.begin, p.span.end - p.span.begin);
    const size_t open = all.rfind("cidr(");
    const size_t close = all.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open + 5) {
      return std::string(all);
    }
    return std::string(all.substr(open + 5, close - open - 5));
  }

  const check::CheckedPack& pack_;
  const SourceManager& sources_;
  std::string& out_;
  std::map<uint32_t, std::string> objects_;
};

std::string row_pred(const check::RowPred& p, const check::CheckedQuery& q, bool top) {
  using Kind = check::RowPred::Kind;
  switch (p.kind) {
    case Kind::Const:
      return p.const_value ? "true" : "false";
    case Kind::Not:
      return "not " + row_pred(p.children.at(0), q, false);
    case Kind::And:
    case Kind::Or: {
      std::string out;
      for (const check::RowPred& c : p.children) {
        if (!out.empty()) out += p.kind == Kind::And ? " and " : " or ";
        out += row_pred(c, q, false);
      }
      return top ? out : "(" + out + ")";
    }
    case Kind::Compare:
      return fmt::format("{} {} {}", q.columns.at(p.column).name, op_text(p.op), p.value.display());
    case Kind::Test:
      return fmt::format("{} {}", q.columns.at(p.column).name, row_test_text(p.test));
  }
  return "?";
}

std::string column_source(const check::Column& c, const check::CheckedPack& pack) {
  const std::string field = fmt::format("{}@{}", pack.fields.at(c.slot).dotted, c.slot);
  switch (c.source) {
    case check::Column::Source::Field:
      return "field " + field;
    case check::Column::Source::Key:
      return "key " + field;
    case check::Column::Source::Aggregate:
      if (c.aggregate == check::AggregateKind::Count) return "aggregate count()";
      return fmt::format("aggregate {}({})", aggregate_text(c.aggregate), field);
  }
  return "?";
}

void print_query(const check::CheckedQuery& q, const check::CheckedPack& pack, PredPrinter& preds,
                 std::string& out) {
  out += fmt::format("  query {} {}\n    where\n", q.index, q.name.empty() ? "main" : q.name);
  preds.print(q.where, 3, 0);
  out += "    columns\n";
  for (size_t i = 0; i < q.columns.size(); ++i) {
    const check::Column& c = q.columns[i];
    out += fmt::format("      {} {}: {}{}\n", i, c.name, column_source(c, pack),
                       c.hidden ? ", hidden" : "");
  }
  if (q.grouped) {
    std::string keys;
    for (uint32_t s : q.key_slots) {
      keys += fmt::format("{}{}@{}", keys.empty() ? "" : ", ", pack.fields.at(s).dotted, s);
    }
    out += "    group by " + (keys.empty() ? std::string("(all matches)") : keys) + "\n";
  }
  if (q.having) out += "    having " + row_pred(*q.having, q, true) + "\n";
  if (!q.order.empty()) {
    std::string keys;
    for (const check::OrderKey& k : q.order) {
      keys += fmt::format("{}{}{}", keys.empty() ? "" : ", ", q.columns.at(k.column).name,
                          k.descending ? " desc" : "");
    }
    out += "    order by " + keys + "\n";
  }
  if (q.limit) out += fmt::format("    limit {}\n", *q.limit);
}

void print_fields(const check::CheckedPack& pack, std::string& out) {
  out += "fields\n";
  for (size_t i = 0; i < pack.fields.size(); ++i) {
    const check::FieldSlot& f = pack.fields[i];
    out += fmt::format("  {} {}: {}", i, f.dotted, schema::type_name(f.type));
    if (f.elements) {
      out += ", elements";
      for (size_t e = 0; e < f.element_fields.size(); ++e) {
        const std::string name =
            f.element_fields[e].empty() ? "(element)" : dotted(f.element_fields[e]);
        out += fmt::format("{} {} {}", e == 0 ? ":" : ",", e, name);
      }
    }
    out += "\n";
  }
}

// What a record's raw bytes must hold for each query to be able to match (runtime/exec/prefilter).
void print_prefilter(const check::CheckedPack& pack, std::string& out) {
  const runtime::PrefilterSpec spec = lower::derive_prefilter(pack);
  out += spec.skips_records() ? "prefilter (a record lacking a query's literals is not parsed)\n"
         : spec.usable()
             ? "prefilter off: some query requires no literal (scan --prefilter-per-query "
               "skips the other queries for a record lacking their literals)\n"
             : "prefilter off: no query requires a literal\n";
  for (size_t q = 0; q < spec.clauses.size(); ++q) {
    std::string clauses;
    for (const auto& clause : spec.clauses[q]) {
      std::string any;
      for (uint32_t id : clause)
        any += (any.empty() ? "" : " | ") + ("`" + spec.literals[id] + "`");
      clauses += (clauses.empty() ? "" : " & ") + (clause.size() > 1 ? "(" + any + ")" : any);
    }
    out += fmt::format("  query {}: {}\n", q, clauses.empty() ? "(no literal)" : clauses);
  }
}

// The partition bounds of each query (runtime/exec/partition_bounds.h), when some query has one.
void print_partition_bounds(const check::CheckedPack& pack, std::string& out) {
  const std::vector<runtime::PartitionBounds> bounds = lower::derive_partition_bounds(pack);
  const bool some =
      std::any_of(bounds.begin(), bounds.end(), [](const auto& b) { return b.any(); });
  if (!some) return;
  const bool all = std::all_of(bounds.begin(), bounds.end(), [](const auto& b) { return b.any(); });
  out += all ? "partition bounds (an S3-layout file outside every query's bounds is not read)\n"
             : "partition pruning off: some query has no bound\n";
  for (size_t q = 0; q < bounds.size(); ++q) {
    out += fmt::format("  query {}: {}\n", q, runtime::describe(bounds[q]));
  }
}

}  // namespace

std::string print_plan(const check::CheckedPack& pack, const SourceManager& sources) {
  std::string out;
  PredPrinter preds(pack, sources, out);
  for (const check::CheckedRunbook& rb : pack.runbooks) {
    out += "runbook " + rb.name + "\n";
    for (const check::CheckedQuery& q : rb.queries) print_query(q, pack, preds, out);
  }
  print_fields(pack, out);
  print_prefilter(pack, out);
  print_partition_bounds(pack, out);
  if (!preds.objects().empty()) {
    out += "objects\n";
    for (const auto& [index, text] : preds.objects()) out += fmt::format("  {} {}\n", index, text);
  }
  return out;
}

}  // namespace tb::cli
