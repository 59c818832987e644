// Queries (where, select, group by, having, order by, limit) and embedded tests.
#include <algorithm>

#include "compiler/check/checker_impl.h"

namespace tb::check {

namespace {

std::optional<AggregateKind> aggregate_kind(std::string_view name) {
  if (name == "count") return AggregateKind::Count;
  if (name == "count_distinct") return AggregateKind::CountDistinct;
  if (name == "min") return AggregateKind::Min;
  if (name == "max") return AggregateKind::Max;
  if (name == "first") return AggregateKind::First;
  if (name == "last") return AggregateKind::Last;
  if (name == "values") return AggregateKind::Values;
  return std::nullopt;
}

bool is_aggregate(const ast::Expr& e) {
  return e.kind == ast::ExprKind::Call && aggregate_kind(e.name).has_value();
}

std::string source_text(const SourceManager& sources, Span s) {
  return std::string(sources.file(s.file).text().substr(s.begin, s.end - s.begin));
}

// Text of a constant as --param would give it.
std::string param_text(const Constant& c) {
  switch (c.kind) {
    case Constant::Kind::String:
    case Constant::Kind::Timestamp:
      return c.string_value;
    case Constant::Kind::Duration:
      return semantics::format_duration(c.int_value);
    default:
      return c.display();
  }
}

}  // namespace

// The column that `e` names in a having or order by clause, adding a hidden one when the
// query computes it but does not print it.
std::optional<uint32_t> Checker::column_for(const ast::Expr& e, const Scope& scope, CheckedQuery& q,
                                            const std::string& query_name) {
  if (e.kind == ast::ExprKind::Path && e.path.steps.size() == 1) {
    for (uint32_t i = 0; i < q.columns.size(); ++i) {
      if (!q.columns[i].hidden && q.columns[i].name == e.path.steps[0].name) return i;
    }
  }
  if (e.kind == ast::ExprKind::Path && e.path.steps.size() == 1 && q.grouped &&
      scope.find(e.path.steps[0].name) == nullptr &&
      schema.resolve({e.path.steps[0].name}).kind == schema::Resolution::Kind::Unknown) {
    sink.report(DiagId::UnknownColumn, e.span, e.path.steps[0].name, query_name);
    return std::nullopt;
  }
  Column col;
  col.hidden = true;
  col.name = source_text(sources, e.span);
  if (is_aggregate(e)) {
    if (!q.grouped) {
      sink.report(DiagId::MisplacedAggregate, e.span, e.name + "()");
      return std::nullopt;
    }
    col.source = Column::Source::Aggregate;
    col.aggregate = *aggregate_kind(e.name);
    if (col.aggregate == AggregateKind::Count) {
      if (!e.children.empty()) {
        sink.report(DiagId::WrongArgumentCount, e.span, "count()", "no arguments",
                    std::to_string(e.children.size()));
        return std::nullopt;
      }
    } else {
      if (e.children.size() != 1) {
        sink.report(DiagId::WrongArgumentCount, e.span, e.name + "()", "one field",
                    std::to_string(e.children.size()));
        return std::nullopt;
      }
      Value v = value(*e.children[0], scope);
      if (v.kind == Value::Kind::Invalid) return std::nullopt;
      if (v.kind != Value::Kind::Operand || v.operand.kind != Operand::Kind::Field) {
        sink.report(DiagId::NeedPath, e.children[0]->span, "'" + e.name + "'");
        return std::nullopt;
      }
      col.slot = v.operand.slot;
    }
  } else {
    Value v = value(e, scope);
    if (v.kind == Value::Kind::Invalid) return std::nullopt;
    if (v.kind != Value::Kind::Operand || v.operand.kind != Operand::Kind::Field) {
      if (e.kind == ast::ExprKind::Path && e.path.steps.size() == 1 && q.grouped) {
        sink.report(DiagId::UnknownColumn, e.span, e.path.steps[0].name, query_name);
      } else {
        sink.report(DiagId::NeedPath, e.span, "a column");
      }
      return std::nullopt;
    }
    col.slot = v.operand.slot;
    if (q.grouped) {
      if (std::find(q.key_slots.begin(), q.key_slots.end(), col.slot) == q.key_slots.end()) {
        sink.report(DiagId::NotGroupKey, e.span, v.operand.text);
        return std::nullopt;
      }
      col.source = Column::Source::Key;
    }
  }
  for (uint32_t i = 0; i < q.columns.size(); ++i) {
    const Column& c = q.columns[i];
    if (c.source == col.source && c.slot == col.slot &&
        (c.source != Column::Source::Aggregate || c.aggregate == col.aggregate)) {
      return i;
    }
  }
  q.columns.push_back(col);
  return static_cast<uint32_t>(q.columns.size() - 1);
}

std::optional<RowPred> Checker::row_pred(const ast::Expr& e, const Scope& scope, CheckedQuery& q,
                                         const std::string& query_name) {
  RowPred p;
  switch (e.kind) {
    case ast::ExprKind::And:
    case ast::ExprKind::Or:
    case ast::ExprKind::Not:
      p.kind = e.kind == ast::ExprKind::And  ? RowPred::Kind::And
               : e.kind == ast::ExprKind::Or ? RowPred::Kind::Or
                                             : RowPred::Kind::Not;
      for (const auto& child : e.children) {
        auto c = row_pred(*child, scope, q, query_name);
        if (!c) return std::nullopt;
        p.children.push_back(std::move(*c));
      }
      return p;
    case ast::ExprKind::Literal:
      if (e.literal.kind == ast::Literal::Kind::Bool) {
        p.const_value = e.literal.bool_value;
        return p;
      }
      break;
    case ast::ExprKind::IsNull:
    case ast::ExprKind::IsMissing:
    case ast::ExprKind::Exists: {
      auto column = column_for(*e.children[0], scope, q, query_name);
      if (!column) return std::nullopt;
      p.kind = RowPred::Kind::Test;
      p.column = *column;
      if (e.kind == ast::ExprKind::IsNull) {
        p.test = e.negated ? RowTest::HasValue : RowTest::IsNull;
      } else {
        p.test =
            e.kind == ast::ExprKind::IsMissing && !e.negated ? RowTest::IsMissing : RowTest::Exists;
      }
      return p;
    }
    case ast::ExprKind::Compare: {
      const ast::Expr* col_side = e.children[0].get();
      const ast::Expr* const_side = e.children[1].get();
      p.kind = RowPred::Kind::Compare;
      p.op = to_cmp(e.compare);
      // The constant may stand on either side; a name that is a parameter is a constant.
      auto is_constant = [&](const ast::Expr& x) {
        if (x.kind == ast::ExprKind::Literal) return true;
        if (x.kind == ast::ExprKind::Path && x.path.steps.size() == 1) {
          const Binding* b = scope.find(x.path.steps[0].name);
          return b != nullptr && b->kind == Binding::Kind::Param;
        }
        return false;
      };
      if (is_constant(*col_side) && !is_constant(*const_side)) {
        std::swap(col_side, const_side);
        p.op = mirror(p.op);
      }
      auto column = column_for(*col_side, scope, q, query_name);
      if (!column) return std::nullopt;
      Value c = value(*const_side, scope);
      if (c.kind == Value::Kind::Invalid) return std::nullopt;
      if (c.kind != Value::Kind::Constant) {
        sink.report(DiagId::NeedConstant, const_side->span, "the other side of a having test");
        return std::nullopt;
      }
      // Row values are JSON values: a time in a row is text, so only numbers have an order.
      if (p.op != CmpOp::Eq && p.op != CmpOp::Ne && !c.constant.is_number() &&
          c.constant.kind != Constant::Kind::Duration) {
        Diagnostic& d = sink.report(DiagId::OrderWithNonNumber, const_side->span,
                                    ast::compare_op_text(e.compare), c.constant.type_name());
        if (c.constant.kind == Constant::Kind::Timestamp) {
          d.notes.push_back(
              {"in having, times are text; bound eventTime in 'where' instead", {}, false});
        }
        return std::nullopt;
      }
      p.column = *column;
      p.value = c.constant;
      return p;
    }
    default:
      break;
  }
  sink.report(DiagId::NotACondition, e.span, "'" + source_text(sources, e.span) + "'");
  return std::nullopt;
}

CheckedQuery Checker::query(const ast::Query& q, const Scope& scope, const std::string& runbook) {
  (void)runbook;
  CheckedQuery out;
  out.name = q.name;
  out.index = pack.query_count++;
  const std::string display = q.name.empty() ? "main" : q.name;
  std::vector<MemberUse> uses;
  member_uses = &uses;
  if (q.where) {
    out.where = pred(*q.where, scope);
  } else {
    sink.report(DiagId::QueryWithoutWhere, q.name.empty() ? q.span : q.name_span, display);
  }
  out.grouped = !q.group_by.empty() ||
                std::any_of(q.select.begin(), q.select.end(),
                            [](const ast::SelectItem& s) { return is_aggregate(*s.expr); });
  for (const auto& key : q.group_by) {
    if (is_aggregate(*key)) {
      sink.report(DiagId::MisplacedAggregate, key->span, key->name + "()");
      continue;
    }
    Value v = value(*key, scope);
    if (v.kind == Value::Kind::Invalid) continue;
    if (v.kind != Value::Kind::Operand || v.operand.kind != Operand::Kind::Field) {
      sink.report(DiagId::NeedPath, key->span, "group by");
      continue;
    }
    out.key_slots.push_back(v.operand.slot);
  }
  std::vector<std::string> names;
  for (const ast::SelectItem& item : q.select) {
    auto column = column_for(*item.expr, scope, out, display);
    if (!column) continue;
    Column& c = out.columns[*column];
    const std::string name = item.alias.empty() ? (item.expr->kind == ast::ExprKind::Path
                                                       ? item.expr->path.dotted()
                                                       : source_text(sources, item.expr->span))
                                                : item.alias;
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      sink.report(DiagId::DuplicateSelectName, item.alias.empty() ? item.span : item.alias_span,
                  name);
      continue;
    }
    names.push_back(name);
    if (!c.hidden) {
      // The same value selected twice under two names: a column of its own.
      Column copy = c;
      copy.name = name;
      out.columns.push_back(copy);
      continue;
    }
    c.hidden = false;
    c.name = name;
  }
  // Printed columns come first, in select order; hidden ones after.
  std::stable_partition(out.columns.begin(), out.columns.end(),
                        [](const Column& c) { return !c.hidden; });
  if (q.having) {
    if (!out.grouped) {
      sink.report(DiagId::HavingWithoutGroups, q.having->span, display);
    } else {
      out.having = row_pred(*q.having, scope, out, display);
      out.having_span = q.having->span;
    }
  }
  for (const ast::OrderKey& key : q.order_by) {
    auto column = column_for(*key.expr, scope, out, display);
    if (column) out.order.push_back({*column, key.descending});
  }
  out.limit = q.limit;
  out.limit_span = q.limit_span;
  member_uses = nullptr;
  check_event_members(out.where, uses);
  return out;
}

CheckedTest Checker::test(const ast::TestDecl& t, const ast::Runbook& rb, const Scope& scope) {
  CheckedTest out;
  out.name = t.name;
  out.span = t.span;
  for (const ast::JsonText& r : t.records) out.records.emplace_back(r.text, r.span);
  std::vector<std::string> query_names;
  for (const ast::Query& q : rb.queries) query_names.push_back(q.name);
  for (const ast::Expectation& e : t.expectations) {
    CheckedTest::Expect x;
    x.span = e.span;
    x.kind = e.kind == ast::Expectation::Kind::Match     ? CheckedTest::Expect::Kind::Match
             : e.kind == ast::Expectation::Kind::NoMatch ? CheckedTest::Expect::Kind::NoMatch
                                                         : CheckedTest::Expect::Kind::Rows;
    x.rows = e.rows.text;
    // The main query is unnamed in the source; messages and `expect main` call it main.
    const bool names_main = e.query == "main" && std::find(query_names.begin(), query_names.end(),
                                                           "main") == query_names.end();
    auto it = std::find(query_names.begin(), query_names.end(), names_main ? "" : e.query);
    if (it == query_names.end() && e.query.empty() && query_names.size() == 1) {
      it = query_names.begin();  // the runbook's only query
    }
    if (it == query_names.end()) {
      const Span at = e.query.empty() ? e.span : e.query_span;
      Diagnostic& d =
          sink.report(DiagId::UnknownQuery, at, rb.name, e.query.empty() ? "main" : e.query);
      std::vector<std::string> named;
      for (const auto& n : query_names) {
        if (!n.empty()) named.push_back(n);
      }
      if (!e.query.empty()) suggest_spelling(d, e.query, at, named);
      continue;
    }
    x.query = static_cast<uint32_t>(it - query_names.begin());
    out.expectations.push_back(std::move(x));
  }
  for (const ast::TestParam& p : t.params) {
    const Binding* b = scope.find(p.name);
    if (b == nullptr || b->kind != Binding::Kind::Param) {
      sink.report(DiagId::UnknownName, p.name_span, p.name);
      continue;
    }
    if (!p.value) continue;
    Value v = value(*p.value, scope);
    if (v.kind == Value::Kind::Constant) {
      out.params[p.name] = param_text(v.constant);
    } else if (v.kind == Value::Kind::List) {
      std::string joined;
      for (const Constant& c : v.list) joined += (joined.empty() ? "" : ",") + param_text(c);
      out.params[p.name] = joined;
    } else if (v.kind != Value::Kind::Invalid) {
      sink.report(DiagId::NeedConstant, p.value->span, "a test parameter");
    }
  }
  for (const ast::TestSetting& s : t.settings) {
    if (s.key != "now") {
      Diagnostic& d = sink.report(DiagId::UnknownTestSetting, s.key_span, s.key);
      suggest_spelling(d, s.key, s.key_span, {"now"});
      continue;
    }
    if (!s.value) continue;
    Value v = value(*s.value, scope);
    if (v.kind == Value::Kind::Constant && v.constant.kind == Constant::Kind::Timestamp) {
      out.now = v.constant.instant;
    } else if (v.kind != Value::Kind::Invalid) {
      sink.report(DiagId::BadParamValue, s.value->span, "now", "timestamp", v.describe());
    }
  }
  return out;
}

}  // namespace tb::check
