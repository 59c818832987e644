#include "compiler/format/formatter.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "compiler/format/ast_dump.h"
#include "compiler/format/json_tokens.h"
#include "compiler/format/layout.h"
#include "compiler/syntax/parser.h"

namespace tb::format {

namespace {

bool is_identifier(std::string_view s) {
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (s.empty() || !alpha(s[0])) return false;
  return std::all_of(s.begin(), s.end(),
                     [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (true) {
    const size_t nl = s.find('\n', start);
    lines.push_back(s.substr(start, nl == std::string::npos ? nl : nl - start));
    if (nl == std::string::npos) return lines;
    start = nl + 1;
  }
}

Node seq(std::string open, std::string close, std::vector<Node> kids, uint32_t open_pos,
         uint32_t close_pos, bool trailing_comma) {
  Node n;
  n.kind = Node::Kind::Seq;
  n.open = std::move(open);
  n.close = std::move(close);
  n.kids = std::move(kids);
  n.open_pos = open_pos;
  n.close_pos = close_pos;
  n.begin = open_pos;
  n.end = close_pos + 1;
  n.trailing_comma = trailing_comma;
  return n;
}

// Comma-separated kids filled into lines, maybe between brackets at `open_pos`/`close_pos`.
Node fill(std::vector<Node> kids, std::string open = "", std::string close = "",
          uint32_t open_pos = kNoPos, uint32_t close_pos = kNoPos) {
  Node n = seq(std::move(open), std::move(close), std::move(kids), open_pos, close_pos, false);
  n.kind = Node::Kind::Fill;
  if (n.open.empty() && !n.kids.empty()) {
    n.begin = n.kids.front().begin;
    n.end = n.kids.back().end;
  }
  return n;
}

// Something written on lines of its own inside a block, at its place in the source.
struct Item {
  uint32_t pos;
  bool is_import;
  std::function<void()> write;
};

void sort_by_position(std::vector<Item>& items) {
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.pos < b.pos; });
}

// Turns the AST into layout nodes, using the source text for what the AST does not keep:
// parentheses, the written form of literals, and where brackets and comments are.
class Builder {
 public:
  Builder(std::string_view source, Printer& p) : src_(source), p_(p) {}

  void module(const ast::Module& m) {
    std::vector<Item> items;
    for (const ast::Import& imp : m.imports) items.push_back(import(imp));
    definitions(m.definitions, 0, items);
    for (const ast::Runbook& rb : m.runbooks) {
      items.push_back({rb.span.begin, false, [this, &rb] { runbook(rb); }});
    }
    sort_by_position(items);
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0 && !(items[i - 1].is_import && items[i].is_import)) p_.blank_line();
      items[i].write();
    }
  }

 private:
  std::string text(uint32_t begin, uint32_t end) const {
    return std::string(src_.substr(begin, end - begin));
  }
  std::string text(Span s) const { return text(s.begin, s.end); }

  // The offset of the next token at or after `pos`, past blanks, comments and maybe commas.
  uint32_t next_token(uint32_t pos, bool commas = false) const {
    while (pos < src_.size()) {
      const char c = src_[pos];
      if (c == '#') {
        while (pos < src_.size() && src_[pos] != '\n') ++pos;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || (commas && c == ',')) {
        ++pos;
      } else {
        break;
      }
    }
    return static_cast<uint32_t>(pos);
  }

  // ---- Lines ----

  // One item line: `head` (covering source [begin, end)) followed by `value` if any.
  void item_line(int indent, const std::string& head, uint32_t begin, uint32_t end,
                 const Node* value) {
    p_.line(indent, true);
    p_.put(head, begin, end);
    if (value != nullptr) write(p_, *value);
    p_.end_line();
  }

  void write_items(std::vector<Item> items) {
    sort_by_position(items);
    for (const Item& item : items) item.write();
  }

  // `head {` items `}`; `close` is the offset of the closing brace.
  void block(int indent, const std::string& head, uint32_t begin, uint32_t head_end, uint32_t close,
             std::vector<Item> items) {
    const uint32_t open = next_token(head_end);
    p_.line(indent, true);
    p_.put(head, begin, head_end);
    if (items.empty() && !p_.has_comment(open, close)) {
      p_.put(" {}", open, close + 1);
      p_.end_line();
      return;
    }
    p_.put(" {", open, open + 1);
    p_.end_line();
    write_items(std::move(items));
    p_.comments_before(close, indent + 2);
    p_.line(indent);
    p_.put("}", close, close + 1);
    p_.end_line();
  }

  // An item of one line (that may break): `head`, covering source [begin, end), then `value`.
  Item line_item(int indent, std::string head, uint32_t begin, uint32_t end,
                 std::optional<Node> value = std::nullopt) {
    return {begin, false, [this, indent, head = std::move(head), begin, end, v = std::move(value)] {
              item_line(indent, head, begin, end, v ? &*v : nullptr);
            }};
  }

  // ---- Declarations ----

  Item import(const ast::Import& imp) {
    // A file import keeps its string as written: after `import`, up to the end of the span.
    const std::string target =
        imp.is_stdlib ? imp.target : text(next_token(imp.span.begin + 6), imp.span.end);
    Item item = line_item(0, "import " + target, imp.span.begin, imp.span.end);
    item.is_import = true;
    return item;
  }

  void definitions(const ast::Definitions& defs, int indent, std::vector<Item>& items) {
    for (const ast::ParamDecl& d : defs.params) {
      std::string head = "param " + d.name + ": " + d.type.text();
      if (!d.default_value) {
        items.push_back(line_item(indent, head, d.span.begin, d.type.span.end));
      } else {
        items.push_back(
            line_item(indent, head + " = ", d.span.begin, d.type.span.end, expr(*d.default_value)));
      }
    }
    for (const ast::ListDecl& d : defs.lists) {
      items.push_back(line_item(indent, "list " + d.name + " = ", d.span.begin, d.name_span.end,
                                expr(*d.value)));
    }
    for (const ast::PredicateDecl& d : defs.predicates) {
      std::string head = "predicate " + d.name;
      uint32_t end = d.name_span.end;
      if (d.has_parens) {
        head += "(";
        for (size_t i = 0; i < d.params.size(); ++i) {
          head += (i > 0 ? ", " : "") + d.params[i].name;
          end = d.params[i].span.end;
        }
        head += ")";
      }
      items.push_back(line_item(indent, head + " = ", d.span.begin, end, expr(*d.body)));
    }
  }

  void runbook(const ast::Runbook& rb) {
    std::vector<Item> items;
    for (const ast::MetaEntry& m : rb.meta) {
      items.push_back(line_item(2, m.key + " ", m.key_span.begin, m.key_span.end, meta_value(m)));
    }
    definitions(rb.definitions, 2, items);
    for (const ast::Query& q : rb.queries) {
      if (q.name.empty()) {
        clauses(q, 2, items);
      } else {
        items.push_back({q.span.begin, false, [this, &q] { query(q); }});
      }
    }
    for (const ast::TestDecl& t : rb.tests) {
      items.push_back({t.span.begin, false, [this, &t] { test(t); }});
    }
    block(0, "runbook " + rb.name, rb.span.begin, rb.name_span.end, rb.span.end - 1,
          std::move(items));
  }

  Node meta_value(const ast::MetaEntry& m) {
    if (!m.value_is_list) return literal(m.value);
    std::vector<Node> kids;
    for (const ast::Literal& l : m.list) kids.push_back(literal(l));
    return seq("[", "]", std::move(kids), m.value_span.begin, m.value_span.end - 1, true);
  }

  // ---- Queries ----

  void query(const ast::Query& q) {
    std::vector<Item> items;
    clauses(q, 4, items);
    block(2, "query " + q.name, q.span.begin, q.name_span.end, q.span.end - 1, std::move(items));
  }

  // `expr`, then `suffix` (such as ` as name`) marked at [begin, end) when it is not empty.
  Node with_suffix(const ast::Expr& e, std::string suffix, uint32_t begin, uint32_t end,
                   Span whole) {
    std::vector<Node> parts{expr(e)};
    if (!suffix.empty()) parts.push_back(atom(std::move(suffix), begin, end));
    return concat(std::move(parts), whole.begin, whole.end);
  }

  void clauses(const ast::Query& q, int indent, std::vector<Item>& items) {
    if (q.where) {
      const uint32_t at = q.where->span.begin;
      items.push_back(line_item(indent, "where ", at, at, expr(*q.where)));
    }
    if (!q.select.empty()) {
      std::vector<Node> kids;
      for (const ast::SelectItem& s : q.select) {
        kids.push_back(with_suffix(*s.expr, s.alias.empty() ? "" : " as " + s.alias,
                                   s.alias_span.begin, s.alias_span.end, s.span));
      }
      const uint32_t at = q.select.front().span.begin;
      items.push_back(line_item(indent, "select ", at, at, fill(std::move(kids))));
    }
    if (!q.group_by.empty()) {
      std::vector<Node> kids;
      for (const auto& g : q.group_by) kids.push_back(expr(*g));
      items.push_back(line_item(indent, "group by ", q.group_span.begin, q.group_span.end,
                                fill(std::move(kids))));
    }
    if (q.having) {
      const uint32_t at = q.having->span.begin;
      items.push_back(line_item(indent, "having ", at, at, expr(*q.having)));
    }
    if (!q.order_by.empty()) {
      std::vector<Node> kids;
      for (const ast::OrderKey& k : q.order_by) {
        kids.push_back(
            with_suffix(*k.expr, k.descending ? " desc" : "", k.span.end - 4, k.span.end, k.span));
      }
      const uint32_t at = q.order_by.front().span.begin;
      items.push_back(line_item(indent, "order by ", at, at, fill(std::move(kids))));
    }
    if (q.limit) {
      items.push_back(
          line_item(indent, "limit " + text(q.limit_span), q.limit_span.begin, q.limit_span.end));
    }
  }

  // ---- Tests ----

  void test(const ast::TestDecl& t) {
    std::vector<Item> items;
    for (const ast::JsonText& r : t.records) {
      items.push_back(line_item(4, "record ", r.span.begin, r.span.begin, json(r)));
    }
    for (const ast::Expectation& e : t.expectations) {
      std::string head = e.query.empty() ? "expect" : "expect " + e.query;
      if (e.kind == ast::Expectation::Kind::Rows) {
        items.push_back(
            line_item(4, head + " rows ", e.span.begin, e.span.begin + 6, json(e.rows)));
      } else {
        const bool match = e.kind == ast::Expectation::Kind::Match;
        items.push_back(
            line_item(4, head + (match ? " match" : " no match"), e.span.begin, e.span.end));
      }
    }
    for (const ast::TestParam& tp : t.params) {
      items.push_back(line_item(4, "param " + tp.name + " = ", tp.name_span.begin, tp.name_span.end,
                                expr(*tp.value)));
    }
    for (const ast::TestSetting& st : t.settings) {
      items.push_back(
          line_item(4, st.key + " ", st.key_span.begin, st.key_span.end, expr(*st.value)));
    }
    block(2, "test " + text(t.name_span), t.span.begin, t.name_span.end, t.span.end - 1,
          std::move(items));
  }

  Node json(const ast::JsonText& j) {
    const std::vector<JsonToken> tokens = json_tokens(src_, j.span.begin, j.span.end);
    size_t i = 0;
    return json_value(tokens, i);
  }

  Node json_value(const std::vector<JsonToken>& tokens, size_t& i) {
    if (i >= tokens.size()) return atom("");
    const JsonToken& t = tokens[i++];
    if (t.kind == '-' && i < tokens.size()) {
      const JsonToken& number = tokens[i++];
      return atom("-" + text(number.begin, number.end), t.begin, number.end);
    }
    if (t.kind != '{' && t.kind != '[') return atom(text(t.begin, t.end), t.begin, t.end);
    const char close = t.kind == '{' ? '}' : ']';
    std::vector<Node> kids;
    while (i < tokens.size() && tokens[i].kind != close) {
      if (tokens[i].kind == ',') {
        ++i;
        continue;
      }
      if (t.kind == '[') {
        kids.push_back(json_value(tokens, i));
        continue;
      }
      const JsonToken& key = tokens[i];
      i += 2;  // the key and ':'
      Node value = json_value(tokens, i);
      const uint32_t end = value.end;
      kids.push_back(
          concat({atom(text(key.begin, key.end), key.begin, key.end), atom(": "), std::move(value)},
                 key.begin, end));
    }
    const uint32_t close_pos = i < tokens.size() ? tokens[i++].begin : t.begin;
    return fill(std::move(kids), std::string(1, t.kind), std::string(1, close), t.begin, close_pos);
  }

  // ---- Expressions ----

  Node literal(const ast::Literal& l) {
    std::string written = text(l.span);
    if (written.rfind("\"\"\"", 0) == 0 && written.find('\n') != std::string::npos) {
      Node n = atom(written, l.span.begin, l.span.end);
      n.block = split_lines(l.string_value);
      return n;
    }
    if (l.kind == ast::Literal::Kind::Int || l.kind == ast::Literal::Kind::Float) {
      // `- 1` is one number literal: drop what separates the sign from the digits.
      const uint32_t digits = next_token(l.span.begin + (written[0] == '-' ? 1 : 0));
      written = (written[0] == '-' ? "-" : "") + text(digits, l.span.end);
    }
    return atom(std::move(written), l.span.begin, l.span.end);
  }

  std::string path_text(const ast::Path& path) const {
    std::string out;
    for (const ast::PathStep& step : path.steps) {
      if (!out.empty()) out += '.';
      out += is_identifier(step.name) ? step.name : "`" + step.name + "`";
    }
    return out;
  }

  // The AST drops parentheses but widens the span of the expression inside them.
  bool parenthesized(const ast::Expr& e) const {
    switch (e.kind) {
      case ast::ExprKind::Lambda:
        return false;
      case ast::ExprKind::Literal:
      case ast::ExprKind::Path:
      case ast::ExprKind::List:
      case ast::ExprKind::Call:
      case ast::ExprKind::Exists:
      case ast::ExprKind::Not:
        return src_[e.span.begin] == '(';
      default:
        return !e.children.empty() && e.span.begin < e.children.front()->span.begin;
    }
  }

  Node expr(const ast::Expr& e) {
    Node n = core(e);
    if (!parenthesized(e)) return n;
    return concat({atom("(", e.span.begin, e.span.begin + 1), std::move(n),
                   atom(")", e.span.end - 1, e.span.end)},
                  e.span.begin, e.span.end);
  }

  // The first offset at or after `pos` that is not blank, a comment or an opening parenthesis.
  uint32_t skip_open_parens(uint32_t pos) const {
    pos = next_token(pos);
    while (pos < src_.size() && src_[pos] == '(') pos = next_token(pos + 1);
    return pos;
  }

  // An operator's canonical text (`words` with its spacing), marked where its words are in the
  // source from `from` on, so that a comment after it is placed by the right line.
  Node keyword(const std::string& words, uint32_t from) const {
    uint32_t begin = kNoPos;
    uint32_t pos = from;
    size_t at = 0;
    while (at < words.size()) {
      const size_t word_end = std::min(words.find(' ', at), words.size());
      if (word_end > at) {
        pos = next_token(pos);
        if (begin == kNoPos) begin = pos;
        pos += static_cast<uint32_t>(word_end - at);
      }
      at = word_end + 1;
    }
    return atom(words, begin, begin == kNoPos ? kNoPos : pos);
  }

  Node binary(const ast::Expr& e, const std::string& op) {
    return concat({expr(*e.children[0]), keyword(" " + op + " ", e.children[0]->span.end),
                   expr(*e.children[1])},
                  e.span.begin, e.span.end);
  }

  // The children of a list literal (one per line when broken, with a trailing comma) or of a
  // call (filled); `open` is the offset of the opening bracket.
  Node args(const ast::Expr& e, uint32_t open, bool list) {
    std::vector<Node> kids;
    for (const auto& child : e.children) kids.push_back(expr(*child));
    const uint32_t close = kids.empty() ? next_token(open + 1) : next_token(kids.back().end, list);
    if (list) return seq("[", "]", std::move(kids), open, close, true);
    return fill(std::move(kids), "(", ")", open, close);
  }

  Node core(const ast::Expr& e) {
    Node n;
    switch (e.kind) {
      case ast::ExprKind::Literal:
        return literal(e.literal);
      case ast::ExprKind::Path:
        return atom(path_text(e.path), e.path.span.begin, e.path.span.end);
      case ast::ExprKind::List:
        return args(e, skip_open_parens(e.span.begin), true);
      case ast::ExprKind::Call:
        return concat({atom(e.name, e.name_span.begin, e.name_span.end),
                       args(e, next_token(e.name_span.end), false)},
                      e.span.begin, e.span.end);
      case ast::ExprKind::Lambda:
        return concat(
            {atom(e.name + " => ", e.name_span.begin, e.name_span.end), expr(*e.children[0])},
            e.span.begin, e.span.end);
      case ast::ExprKind::Arith:
        return binary(e, e.minus ? "-" : "+");
      case ast::ExprKind::Compare:
        return binary(e, std::string(ast::compare_op_text(e.compare)));
      case ast::ExprKind::In:
        return binary(e, e.negated ? "not in" : "in");
      case ast::ExprKind::StringTest:
        return binary(e, (e.negated ? "not " : "") + std::string(ast::string_test_text(e.test)));
      case ast::ExprKind::IsNull:
      case ast::ExprKind::IsMissing: {
        std::string suffix = e.negated ? " is not " : " is ";
        suffix += e.kind == ast::ExprKind::IsNull ? "null" : "missing";
        return concat({expr(*e.children[0]), keyword(suffix, e.children[0]->span.end)},
                      e.span.begin, e.span.end);
      }
      case ast::ExprKind::Exists:
      case ast::ExprKind::Not:
        return concat({keyword(e.kind == ast::ExprKind::Exists ? "exists " : "not ",
                               skip_open_parens(e.span.begin)),
                       expr(*e.children[0])},
                      e.span.begin, e.span.end);
      case ast::ExprKind::And:
      case ast::ExprKind::Or:
        n.kind = Node::Kind::Chain;
        for (const auto& child : e.children) {
          n.ops.push_back(e.kind == ast::ExprKind::And ? "and" : "or");
          n.kids.push_back(expr(*child));
        }
        n.begin = e.span.begin;
        n.end = e.span.end;
        return n;
    }
    return n;
  }

  std::string_view src_;
  Printer& p_;
};

std::vector<std::string> comment_texts(const ast::Module& m) {
  std::vector<std::string> texts;
  for (const ast::Comment& c : m.comments) {
    std::string t = c.text;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r')) t.pop_back();
    texts.push_back(std::move(t));
  }
  return texts;
}

}  // namespace

std::string format_module(const ast::Module& module, std::string_view source) {
  Printer p(source, module.comments);
  Builder(source, p).module(module);
  return p.finish();
}

FormatResult format_file(const SourceManager& sources, FileId file, DiagnosticSink& sink) {
  FormatResult result;
  const size_t errors = sink.error_count();
  const ast::Module module = syntax::parse_module(sources, file, sink);
  if (sink.error_count() > errors) return result;
  std::string text = format_module(module, sources.file(file).text());

  SourceManager again;
  DiagnosticSink again_sink;
  const ast::Module formatted =
      syntax::parse_module(again, again.add(sources.file(file).path(), text), again_sink);
  if (again_sink.has_errors()) {
    result.internal_error = "the formatted text does not parse";
  } else if (dump_module(formatted) != dump_module(module)) {
    result.internal_error = "formatting would change the meaning";
  } else if (comment_texts(formatted) != comment_texts(module)) {
    result.internal_error = "formatting would lose or change a comment";
  } else {
    result.text = std::move(text);
  }
  return result;
}

}  // namespace tb::format
