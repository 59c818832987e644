#include "cli/sql_export.h"

#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include "runtime/abi/kernel_abi.h"
#include "runtime/semantics/ip_address.h"

namespace tb::cli {

namespace {

using check::CmpOp;
using check::Constant;
using check::Operand;
using check::Pred;
using check::PredKind;

// Thrown where SQL cannot say what the query means; the query is then left out.
struct Untranslatable {
  std::string why;
};

std::string sql_string(std::string_view s) {
  if (s.find('\0') != std::string_view::npos) {
    throw Untranslatable{"a string holds NUL, which DuckDB text cannot"};
  }
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// JSONPath of steps below `$`, each step quoted (DuckDB reads `$."x-amz-acl"` as one key).
std::string json_path(const std::vector<std::string>& steps) {
  std::string path = "$";
  for (const std::string& s : steps) {
    if (s.find_first_of("\"\\") != std::string::npos || s.find('\0') != std::string::npos) {
      throw Untranslatable{"a key holds a quote or backslash, which DuckDB's JSONPath cannot"};
    }
    path += ".\"" + s + "\"";
  }
  return path;
}

std::string_view cmp_text(CmpOp op) {
  switch (op) {
    case CmpOp::Eq:
      return "=";
    case CmpOp::Ne:
      return "<>";
    case CmpOp::Lt:
      return "<";
    case CmpOp::Le:
      return "<=";
    case CmpOp::Gt:
      return ">";
    case CmpOp::Ge:
      return ">=";
  }
  return "=";
}

std::string double_literal(double d) {
  return fmt::format("CAST('{}' AS DOUBLE)", d);
}

// A compared value, per record: its JSON type (json_type's name; SQL NULL when missing) and its
// text (->>, the unescaped string for a JSON string).
struct Val {
  std::string type;
  std::string text;
  std::string base, path;  // a JSON value and a quoted JSONPath in it (for json_extract)
};

constexpr std::string_view kInts = "('BIGINT', 'UBIGINT', 'HUGEINT')";
constexpr std::string_view kNumbers = "('BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE')";

// A boolean that is never SQL NULL.
std::string sure(const std::string& e) {
  return "COALESCE(" + e + ", false)";
}

std::string has_value(const Val& v) {
  return sure(v.type + " <> 'NULL'");
}

class Exporter {
 public:
  Exporter(const check::CheckedPack& pack, const SourceManager& sources, SqlFrom from)
      : pack_(pack), sources_(sources), from_(from) {}

  std::string where(const Pred& p) { return pred(p, 0); }
  const std::set<std::string>& columns() const { return columns_; }

 private:
  // The value of `base` at `path`.
  static Val at(const std::string& base, const std::string& path) {
    const std::string quoted_path = sql_string(path);
    return {"json_type(" + base + ", " + quoted_path + ")",
            "(" + base + " ->> " + quoted_path + ")", base, quoted_path};
  }

  // A field of the record (with `suffix` added to its JSONPath).
  Val field(const std::vector<std::string>& steps, const std::string& suffix) {
    if (from_ == SqlFrom::Record) return at("rec", json_path(steps) + suffix);
    const std::vector<std::string> rest(steps.begin() + 1, steps.end());
    json_path({steps.at(0)});  // the same keys as Record translates
    columns_.insert(steps.at(0));
    std::string column = "\"";
    for (char c : steps.at(0)) column += c == '"' ? std::string("\"\"") : std::string(1, c);
    return at(column + "\"", json_path(rest) + suffix);
  }

  // Columns: read_ndjson gives SQL NULL for a top-level JSON null, as for a missing field.
  void need_null_apart_from_missing(const Operand& o) const {
    if (from_ == SqlFrom::Columns && o.kind == Operand::Kind::Field &&
        pack_.fields.at(o.slot).steps.size() == 1) {
      throw Untranslatable{"null apart from missing in a top-level column"};
    }
  }

  Val operand(const Operand& o) {
    switch (o.kind) {
      case Operand::Kind::Field:
        return field(pack_.fields.at(o.slot).steps, "");
      case Operand::Kind::Element:
        return at(element_var_,
                  json_path(pack_.fields.at(element_slot_).element_fields.at(o.slot)));
      case Operand::Kind::MapCase: {
        // lower()/upper() of a string; missing for anything else.
        const Val in = operand(o.args.at(0));
        return {"(CASE WHEN " + in.type + " = 'VARCHAR' THEN 'VARCHAR' END)",
                std::string(o.to_upper ? "upper(" : "lower(") + in.text + ")", "", ""};
      }
      case Operand::Kind::Constant:
        break;
    }
    throw Untranslatable{"a constant where a field was expected"};
  }

  // Type-strict equality with a constant (R4).
  static std::string equals(const Val& v, const Constant& c) {
    switch (c.kind) {
      case Constant::Kind::String:
        return sure(v.text + " = " + sql_string(c.string_value) + " AND " + v.type +
                    " = 'VARCHAR'");
      case Constant::Kind::Int:
        return number_compare(v, "=", std::to_string(c.int_value));
      case Constant::Kind::Float:
        return number_compare(v, "=", double_literal(c.float_value));
      case Constant::Kind::Bool:
        return sure(v.type + " = 'BOOLEAN' AND " + v.text + " = " +
                    (c.bool_value ? "'true'" : "'false'"));
      case Constant::Kind::Null:
        return sure(v.type + " = 'NULL'");  // (the caller checks need_null_apart_from_missing)
      default:
        throw Untranslatable{"equality with a " + std::string(c.type_name())};
    }
  }

  // Numbers by value: integers as HUGEINT (exact), doubles as DOUBLE.
  static std::string number_compare(const Val& v, std::string_view op, const std::string& c) {
    return sure(fmt::format(
        "CASE WHEN {0} IN {1} THEN TRY_CAST({2} AS HUGEINT) {3} {4} WHEN {0} = 'DOUBLE' THEN "
        "TRY_CAST({2} AS DOUBLE) {3} {4} END",
        v.type, kInts, v.text, op, c));
  }

  static std::string in_list(const Val& v, const std::vector<Constant>& values) {
    std::vector<std::string> terms;
    std::string strings;
    for (const Constant& c : values) {
      if (c.kind == Constant::Kind::String) {
        strings += (strings.empty() ? "" : ", ") + sql_string(c.string_value);
      } else {
        terms.push_back(equals(v, c));
      }
    }
    if (!strings.empty()) {
      terms.insert(terms.begin(),
                   sure(v.text + " IN (" + strings + ") AND " + v.type + " = 'VARCHAR'"));
    }
    if (terms.empty()) return "false";
    if (terms.size() == 1) return terms[0];
    std::string out;
    for (const std::string& t : terms) out += (out.empty() ? "(" : " OR ") + t;
    return out + ")";
  }

  // Two fields: equal by R4 (both need values, numbers by value, no coercion).
  static std::string fields_equal(const Val& a, const Val& b) {
    return sure(fmt::format(
        "({0} = 'VARCHAR' AND {1} = 'VARCHAR' AND {2} = {3}) OR ({0} = 'BOOLEAN' AND {1} = "
        "'BOOLEAN' AND {2} = {3}) OR ({0} IN {4} AND {1} IN {4} AND TRY_CAST({2} AS HUGEINT) = "
        "TRY_CAST({3} AS HUGEINT)) OR ({0} IN {5} AND {1} IN {5} AND ({0} = 'DOUBLE' OR {1} = "
        "'DOUBLE') AND TRY_CAST({2} AS DOUBLE) = TRY_CAST({3} AS DOUBLE))",
        a.type, b.type, a.text, b.text, kInts, kNumbers));
  }

  std::string compare(const Pred& p) {
    const Val a = operand(p.left);
    if (p.right.kind != Operand::Kind::Constant) {
      const Val b = operand(p.right);
      if (p.op == CmpOp::Eq) return fields_equal(a, b);
      if (p.op == CmpOp::Ne) {
        return "(" + has_value(a) + " AND " + has_value(b) + " AND NOT " + fields_equal(a, b) + ")";
      }
      return sure(
          fmt::format("{0} IN {4} AND {1} IN {4} AND TRY_CAST({2} AS DOUBLE) {5} "
                      "TRY_CAST({3} AS DOUBLE)",
                      a.type, b.type, a.text, b.text, kNumbers, cmp_text(p.op)));
    }
    const Constant& c = p.right.constant;
    if (c.kind == Constant::Kind::Null) need_null_apart_from_missing(p.left);
    if (p.op == CmpOp::Eq) return equals(a, c);
    // R3: `x != v` is `x IS NOT NULL AND x <> v`, with JSON null counted as no value.
    if (p.op == CmpOp::Ne) return "(" + has_value(a) + " AND NOT " + equals(a, c) + ")";
    switch (c.kind) {
      case Constant::Kind::String:  // text order (a timestamp field against a string, R9)
        return sure(a.type + " = 'VARCHAR' AND " + a.text + " " + std::string(cmp_text(p.op)) +
                    " " + sql_string(c.string_value));
      case Constant::Kind::Int:
        return number_compare(a, cmp_text(p.op), std::to_string(c.int_value));
      case Constant::Kind::Float:
        return number_compare(a, cmp_text(p.op), double_literal(c.float_value));
      default:
        return "false";  // order on anything else is never true
    }
  }

  static std::string string_test(const Pred& p, const Val& v) {
    std::string_view fn;
    bool fold = false;
    switch (p.test) {
      case TB_CONTAINS:
        fn = "contains";
        break;
      case TB_STARTSWITH:
        fn = "starts_with";
        break;
      case TB_ENDSWITH:
        fn = "ends_with";
        break;
      case TB_ICONTAINS:
        fn = "contains";
        fold = true;
        break;
      case TB_ISTARTSWITH:
        fn = "starts_with";
        fold = true;
        break;
      case TB_IENDSWITH:
        fn = "ends_with";
        fold = true;
        break;
      default:
        throw Untranslatable{"an unknown string test"};
    }
    if (fold) {
      // Simple case folding (R6) is lower() for ASCII needles; DuckDB's lower() differs from
      // folding only on a few non-ASCII letters (see docs/performance.md).
      for (char c : p.needle) {
        if (static_cast<unsigned char>(c) >= 0x80) {
          throw Untranslatable{"a case-insensitive test of a non-ASCII needle"};
        }
      }
    }
    const std::string subject = fold ? "lower(" + v.text + ")" : v.text;
    return sure(v.type + " = 'VARCHAR' AND " + std::string(fn) + "(" + subject + ", " +
                sql_string(p.needle) + ")");
  }

  // The prefixes of `x in cidr(...)`, when the source writes them as IPv4 string literals.
  std::string cidr(const Pred& p, const Val& v) const {
    const std::string_view all =
        sources_.file(p.span.file).text().substr(p.span.begin, p.span.end - p.span.begin);
    const size_t open = all.rfind("cidr(");
    const size_t close = all.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open + 5) {
      throw Untranslatable{"cidr() arguments not found"};
    }
    std::string_view args = all.substr(open + 5, close - open - 5);
    std::vector<std::string> ranges;
    while (true) {
      const size_t start = args.find_first_not_of(" \t\r\n");
      if (start == std::string_view::npos) break;
      args.remove_prefix(start);
      if (args[0] != '"') {
        throw Untranslatable{"cidr() of a named list or parameter"};
      }
      const size_t end = args.find('"', 1);
      if (end == std::string_view::npos) throw Untranslatable{"cidr() argument not a string"};
      const std::string_view prefix = args.substr(1, end - 1);
      args.remove_prefix(end + 1);
      const size_t slash = prefix.find('/');
      const auto address = semantics::parse_ip(prefix.substr(0, slash));
      if (!address) throw Untranslatable{"cidr() argument with escapes"};
      if (address->family != semantics::IpAddress::Family::V4) {
        throw Untranslatable{"cidr() with an IPv6 prefix (strict IPv6 parsing in SQL)"};
      }
      unsigned length = 32;
      if (slash != std::string_view::npos) {
        length = static_cast<unsigned>(std::stoul(std::string(prefix.substr(slash + 1))));
      }
      uint64_t network = 0;
      for (size_t i = 0; i < 4; ++i) network = network << 8 | address->bytes[i];
      const uint64_t size = uint64_t{1} << (32 - length);
      ranges.push_back(fmt::format("ip BETWEEN {} AND {}", network, network + size - 1));
      const size_t comma = args.find_first_not_of(" \t\r\n");
      if (comma == std::string_view::npos) break;
      if (args[comma] != ',') throw Untranslatable{"cidr() arguments not understood"};
      args.remove_prefix(comma + 1);
    }
    std::string any;
    for (const std::string& r : ranges) any += (any.empty() ? "" : " OR ") + r;
    if (any.empty()) any = "false";
    // A strict IPv4 address (R8: four decimal parts 0-255, no leading zeros), as a number.
    constexpr std::string_view kOctet = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    const std::string strict =
        fmt::format("^{0}\\.{0}\\.{0}\\.{0}$", kOctet);  // RE2, via regexp_full_match
    return sure(fmt::format(
        "{0} = 'VARCHAR' AND regexp_full_match({1}, {2}) AND list_transform([(CAST(split_part({1}, "
        "'.', 1) AS BIGINT) << 24) + (CAST(split_part({1}, '.', 2) AS BIGINT) << 16) + "
        "(CAST(split_part({1}, '.', 3) AS BIGINT) << 8) + CAST(split_part({1}, '.', 4) AS "
        "BIGINT)], lambda ip: {3})[1]",
        v.type, v.text, sql_string(strict), any));
  }

  // R9: the value must be an RFC 3339 date-time with an offset; compared as an instant,
  // exactly: whole seconds since the epoch, then the fraction's digits as text.
  static std::string time(const Pred& p, const Val& v) {
    const Constant& c = p.right.constant;
    if (c.kind != Constant::Kind::Timestamp) throw Untranslatable{"a time bound of another kind"};
    constexpr std::string_view kForm =
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?"
        "([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";
    const std::string s = v.text;
    const std::string seconds = fmt::format(
        "(CAST(epoch(TRY_CAST(substr({0}, 1, 10) || ' ' || substr({0}, 12, 8) AS TIMESTAMP)) AS "
        "BIGINT) - CASE WHEN upper(right({0}, 1)) = 'Z' THEN 0 ELSE (CASE WHEN substr({0}, -6, "
        "1) = '-' THEN -1 ELSE 1 END) * (CAST(substr({0}, -5, 2) AS BIGINT) * 3600 + "
        "CAST(substr({0}, -2, 2) AS BIGINT) * 60) END)",
        s);
    const std::string fraction = fmt::format("rtrim(regexp_extract({}, '\\.([0-9]+)', 1), '0')", s);
    const std::string bound_s = std::to_string(c.instant.seconds);
    const std::string bound_f = sql_string(c.instant.fraction);
    std::string cmp;
    const std::string lt =
        fmt::format("(t.s < {0} OR (t.s = {0} AND t.f < {1}))", bound_s, bound_f);
    const std::string eq = fmt::format("(t.s = {0} AND t.f = {1})", bound_s, bound_f);
    const std::string gt =
        fmt::format("(t.s > {0} OR (t.s = {0} AND t.f > {1}))", bound_s, bound_f);
    switch (p.op) {
      case CmpOp::Eq:
        cmp = eq;
        break;
      case CmpOp::Ne:
        cmp = "NOT " + eq;
        break;
      case CmpOp::Lt:
        cmp = lt;
        break;
      case CmpOp::Le:
        cmp = "NOT " + gt;
        break;
      case CmpOp::Gt:
        cmp = gt;
        break;
      case CmpOp::Ge:
        cmp = "NOT " + lt;
        break;
    }
    // A real calendar date: TRY_CAST to TIMESTAMP is NULL for 30 February.
    return sure(fmt::format(
        "{0} = 'VARCHAR' AND regexp_full_match({1}, {2}) AND list_transform([{{'s': {3}, 'f': "
        "{4}}}], lambda t: t.s IS NOT NULL AND {5})[1]",
        v.type, s, sql_string(kForm), seconds, fraction, cmp));
  }

  std::string pred(const Pred& p, int depth) {
    const auto negatable = [&](const Val& v, const std::string& positive) {
      return p.negated ? "(" + has_value(v) + " AND NOT " + positive + ")" : positive;
    };
    switch (p.kind) {
      case PredKind::Const:
        return p.const_value ? "true" : "false";
      case PredKind::And:
      case PredKind::Or: {
        if (p.children.empty()) return p.kind == PredKind::And ? "true" : "false";
        std::string out;
        for (const Pred& c : p.children) {
          out +=
              (out.empty() ? "(" : (p.kind == PredKind::And ? " AND " : " OR ")) + pred(c, depth);
        }
        return out + ")";
      }
      case PredKind::Not:
        return "(NOT " + pred(p.children.at(0), depth) + ")";
      case PredKind::Compare:
        return compare(p);
      case PredKind::In: {
        const Val v = operand(p.left);
        for (const Constant& c : p.values) {
          if (c.kind == Constant::Kind::Null) need_null_apart_from_missing(p.left);
        }
        return negatable(v, in_list(v, p.values));
      }
      case PredKind::StringTest: {
        const Val v = operand(p.left);
        return negatable(v, string_test(p, v));
      }
      case PredKind::Regex: {
        // DuckDB's regexp_matches is RE2 with its default options, a partial match: R7 exactly.
        const Val v = operand(p.left);
        return negatable(v, sure(v.type + " = 'VARCHAR' AND regexp_matches(" + v.text + ", " +
                                 sql_string(p.needle) + ")"));
      }
      case PredKind::Cidr: {
        const Val v = operand(p.left);
        return negatable(v, cidr(p, v));
      }
      case PredKind::Time:
        return time(p, operand(p.left));
      case PredKind::IsNull: {
        const Val v = operand(p.left);
        if (!p.negated) need_null_apart_from_missing(p.left);
        return p.negated ? has_value(v) : sure(v.type + " = 'NULL'");
      }
      case PredKind::IsMissing: {
        const Val v = operand(p.left);
        need_null_apart_from_missing(p.left);
        return "(" + v.type + (p.negated ? " IS NOT NULL)" : " IS NULL)");
      }
      case PredKind::Any:
      case PredKind::All: {
        if (depth > 0) throw Untranslatable{"any/all inside any/all"};
        // R10: arrays only (json_extract of `[*]` gives [] on an object too); any is false and
        // all true on [].
        const std::vector<std::string>& steps = pack_.fields.at(p.slot).steps;
        const Val array = field(steps, "");
        const Val all_elements = field(steps, "[*]");
        const std::string saved_var = element_var_;
        const uint32_t saved_slot = element_slot_;
        element_var_ = "e";
        element_slot_ = p.slot;
        const std::string body = pred(p.children.at(0), depth + 1);
        element_var_ = saved_var;
        element_slot_ = saved_slot;
        const std::string elements =
            "json_extract(" + all_elements.base + ", " + all_elements.path + ")";
        if (p.kind == PredKind::Any) {
          return sure(array.type + " = 'ARRAY' AND len(list_filter(" + elements +
                      ", lambda e: " + body + ")) > 0");
        }
        return sure(array.type + " = 'ARRAY' AND len(list_filter(" + elements + ", lambda e: NOT " +
                    body + ")) = 0");
      }
    }
    throw Untranslatable{"an unknown predicate"};
  }

  const check::CheckedPack& pack_;
  const SourceManager& sources_;
  SqlFrom from_;
  std::set<std::string> columns_;
  std::string element_var_ = "e";
  uint32_t element_slot_ = 0;
};

}  // namespace

SqlExport export_sql(const check::CheckedPack& pack, const SourceManager& sources, SqlFrom from) {
  SqlExport out;
  out.from = from;
  for (const check::CheckedRunbook& rb : pack.runbooks) {
    for (const check::CheckedQuery& q : rb.queries) {
      SqlQuery s;
      s.name = q.name.empty() ? rb.name : rb.name + "." + q.name;
      s.index = q.index;
      try {
        Exporter exporter(pack, sources, from);
        s.where = exporter.where(q.where);
        out.columns.insert(exporter.columns().begin(), exporter.columns().end());
      } catch (const Untranslatable& u) {
        s.why_not = u.why;
      }
      out.queries.push_back(std::move(s));
    }
  }
  return out;
}

std::string print_sql(const SqlExport& sql) {
  size_t translated = 0;
  for (const SqlQuery& q : sql.queries) translated += q.where ? 1 : 0;
  std::string out;
  if (sql.from == SqlFrom::Record) {
    out = fmt::format(
        "-- trailbook explain --sql: {} of {} queries as DuckDB conditions over `rec`, the record\n"
        "-- as JSON: SELECT count(*) FROM read_ndjson_objects('FILE') AS t(rec) WHERE CONDITION\n",
        translated, sql.queries.size());
  } else {
    std::string columns;
    for (const std::string& c : sql.columns) {
      columns += (columns.empty() ? "" : ", ") + sql_string(c) + ": 'JSON'";
    }
    out = fmt::format(
        "-- trailbook explain --sql-columns: {} of {} queries as DuckDB conditions over one JSON\n"
        "-- column per top-level field: SELECT count(*) FROM read_ndjson('FILE', columns = "
        "COLUMNS)\n"
        "-- WHERE CONDITION\n"
        "-- COLUMNS {{{}}}\n",
        translated, sql.queries.size(), columns);
  }
  for (const SqlQuery& q : sql.queries) {
    out += q.name + "\t" + (q.where ? *q.where : "-- not translatable: " + q.why_not) + "\n";
  }
  return out;
}

}  // namespace tb::cli
