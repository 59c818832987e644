#include "compiler/syntax/parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include "TrailbookLexer.h"
#include "TrailbookParser.h"
#include "antlr4-runtime.h"
#include "compiler/syntax/string_literal.h"

namespace tb::syntax {

namespace {

using tb_grammar::TrailbookLexer;
using tb_grammar::TrailbookParser;

// ANTLR positions count code points; diagnostics count bytes. This maps one to the other.
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text) : size_(static_cast<uint32_t>(text.size())) {
    bool ascii = true;
    for (unsigned char c : text) ascii &= c < 0x80;
    if (ascii) return;
    for (uint32_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) byte_of_.push_back(i);
    }
  }
  uint32_t byte(size_t codepoint) const {
    if (byte_of_.empty()) return static_cast<uint32_t>(std::min<size_t>(codepoint, size_));
    return codepoint < byte_of_.size() ? byte_of_[codepoint] : size_;
  }

 private:
  uint32_t size_;
  std::vector<uint32_t> byte_of_;  // empty when the text is ASCII (identity mapping)
};

class ErrorCollector : public antlr4::BaseErrorListener {
 public:
  ErrorCollector(FileId file, const OffsetMap& offsets, DiagnosticSink& sink)
      : file_(file), offsets_(offsets), sink_(sink) {}

  void syntaxError(antlr4::Recognizer* /*recognizer*/, antlr4::Token* offending, size_t /*line*/,
                   size_t /*column*/, const std::string& message,
                   std::exception_ptr /*e*/) override {
    Span span{file_, 0, 0};
    if (offending != nullptr && offending->getType() != antlr4::Token::EOF) {
      span.begin = offsets_.byte(offending->getStartIndex());
      span.end = offsets_.byte(offending->getStopIndex() + 1);
      report_unterminated_before(span.begin);
      if (offending->getType() == TrailbookLexer::UNEXPECTED_CHAR) {
        // One diagnostic per stray character; the parser's own complaint would repeat it.
        if (span.begin == last_unexpected_) return;
        last_unexpected_ = span.begin;
        sink_.report(DiagId::UnexpectedCharacter, span, offending->getText());
        return;
      }
    } else if (offending != nullptr) {
      span.begin = span.end = offsets_.byte(offending->getStartIndex());
      report_unterminated_before(span.begin);
      if (ignore_eof_errors_) return;  // the file ended inside a string
    }
    if (offending != nullptr && offending->getType() == TrailbookLexer::UNEXPECTED_CHAR) return;
    sink_.report(DiagId::SyntaxError, span, message);
  }

  // A string that is not closed (`span`, from its opening quotes), reported among the parser's
  // errors in the order of the text. One that runs to the end of the file (`to_eof`) explains
  // any error there.
  void unterminated_string(Span span, bool to_eof) {
    unterminated_.push_back({span, to_eof});
    ignore_eof_errors_ |= to_eof;
  }
  // Reports the unterminated strings that no later error has reported yet.
  void report_unterminated() { report_unterminated_before(UINT32_MAX); }

 private:
  void report_unterminated_before(uint32_t offset) {
    size_t n = 0;
    for (; n < unterminated_.size() && unterminated_[n].span.begin <= offset; ++n) {
      Diagnostic& d =
          sink_.report(DiagId::SyntaxError, unterminated_[n].span, "unterminated string literal");
      d.notes.push_back({unterminated_[n].to_eof
                             ? "the file ends before the closing \"\"\""
                             : "a string ends on the line it starts on; write text over several "
                               "lines as \"\"\"...\"\"\"",
                         {},
                         false});
    }
    unterminated_.erase(unterminated_.begin(), unterminated_.begin() + static_cast<ptrdiff_t>(n));
  }

  FileId file_;
  const OffsetMap& offsets_;
  DiagnosticSink& sink_;
  uint32_t last_unexpected_ = UINT32_MAX;
  struct Unterminated {
    Span span;
    bool to_eof;
  };
  std::vector<Unterminated> unterminated_;  // not reported yet, in the order of the text
  bool ignore_eof_errors_ = false;
};

// A string that is not closed is parsed as if it were closed where it ends (the end of its line,
// or for a triple-quoted one the end of the file), so that the rest of the file is read as
// written instead of as a cascade of errors; `errors` reports it.
void close_unterminated_strings(antlr4::CommonTokenStream& tokens, FileId file,
                                const OffsetMap& offsets, ErrorCollector& errors) {
  for (antlr4::Token* t : tokens.getTokens()) {
    const bool to_eof = t->getType() == TrailbookLexer::UNTERMINATED_LONG_STRING;
    if (!to_eof && t->getType() != TrailbookLexer::UNTERMINATED_STRING) continue;
    auto* writable = dynamic_cast<antlr4::WritableToken*>(t);
    if (writable == nullptr) continue;
    errors.unterminated_string(
        Span{file, offsets.byte(t->getStartIndex()), offsets.byte(t->getStopIndex() + 1)}, to_eof);
    std::string text = t->getText();
    if (to_eof) {
      writable->setText(text + "\"\"\"");
      writable->setType(TrailbookLexer::LONG_STRING);
      continue;
    }
    // A lone backslash at the end of the line escapes nothing; it is not kept to escape the quote.
    const size_t content = text.find_last_not_of('\\');
    if ((text.size() - 1 - content) % 2 == 1) text.pop_back();
    writable->setText(text + "\"");
    writable->setType(TrailbookLexer::STRING);
  }
}

// The byte offset of the first byte that does not start or continue a valid UTF-8 sequence.
std::optional<uint32_t> first_invalid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size() || (n == 2 && c < 0xC2) || (n == 4 && c > 0xF4)) {
      return static_cast<uint32_t>(i);
    }
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return static_cast<uint32_t>(i);
    }
    const auto c1 = static_cast<unsigned char>(text[i + 1 < text.size() ? i + 1 : i]);
    if ((n == 3 && c == 0xE0 && c1 < 0xA0) || (n == 3 && c == 0xED && c1 >= 0xA0) ||
        (n == 4 && c == 0xF0 && c1 < 0x90) || (n == 4 && c == 0xF4 && c1 >= 0x90)) {
      return static_cast<uint32_t>(i);  // overlong, surrogate or beyond U+10FFFF
    }
    i += n;
  }
  return std::nullopt;
}

// Deeper nesting than this is reported instead of parsed: the parser and every later stage
// recurse over the tree, and a hostile file must not exhaust the stack. Chains of `and`/`or`
// are flattened, so long lists of conditions do not count as nesting.
constexpr int kMaxNesting = 200;

// Finds the first place where brackets or prefix operators nest deeper than kMaxNesting.
// A '#' comment between the tokens of a test's JSON is the runbook's, not the JSON's: the JSON
// text keeps its layout (so error positions hold) with the comment turned into spaces.
void blank_comments(ast::JsonText& json, const std::vector<ast::Comment>& comments) {
  for (const ast::Comment& c : comments) {
    if (c.span.begin < json.span.begin || c.span.end > json.span.end) continue;
    json.text.replace(c.span.begin - json.span.begin, c.span.end - c.span.begin,
                      c.span.end - c.span.begin, ' ');
  }
}

void blank_comments_in_json(ast::Module& module) {
  if (module.comments.empty()) return;
  for (ast::Runbook& rb : module.runbooks) {
    for (ast::TestDecl& t : rb.tests) {
      for (ast::JsonText& r : t.records) blank_comments(r, module.comments);
      for (ast::Expectation& e : t.expectations) blank_comments(e.rows, module.comments);
    }
  }
}

std::optional<antlr4::Token*> find_excessive_nesting(antlr4::CommonTokenStream& tokens) {
  tokens.fill();
  int depth = 0;
  int prefix_run = 0;  // consecutive `not`/`exists`/`-`, each a level of recursion
  for (antlr4::Token* t : tokens.getTokens()) {
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    switch (t->getType()) {
      case TrailbookLexer::LPAREN:
      case TrailbookLexer::LBRACK:
      case TrailbookLexer::LBRACE:
        ++depth;
        break;
      case TrailbookLexer::RPAREN:
      case TrailbookLexer::RBRACK:
      case TrailbookLexer::RBRACE:
        depth = std::max(0, depth - 1);
        break;
      default:
        break;
    }
    const size_t type = t->getType();
    prefix_run = type == TrailbookLexer::NOT || type == TrailbookLexer::EXISTS ||
                         type == TrailbookLexer::MINUS
                     ? prefix_run + 1
                     : 0;
    if (depth + prefix_run > kMaxNesting) return t;
  }
  return std::nullopt;
}

// Removes the common indentation of a triple-quoted string, and the line breaks right after
// the opening and before the closing quotes.
std::string dedent_long_string(std::string_view quoted) {
  std::string_view body = quoted.substr(3, quoted.size() - 6);
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (true) {
    const size_t nl = body.find('\n', start);
    std::string_view line = body.substr(start, nl == std::string_view::npos ? nl : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  auto blank = [](std::string_view l) {
    return l.find_first_not_of(" \t") == std::string_view::npos;
  };
  if (lines.size() > 1 && blank(lines.front())) lines.erase(lines.begin());
  if (lines.size() > 1 && blank(lines.back())) lines.pop_back();
  size_t indent = std::string_view::npos;
  for (std::string_view l : lines) {
    if (!blank(l)) indent = std::min(indent, l.find_first_not_of(" \t"));
  }
  if (indent == std::string_view::npos) indent = 0;
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    if (!blank(lines[i])) out += lines[i].substr(indent);
  }
  return out;
}

// Builds ast nodes from parse-tree contexts. Contexts may be incomplete after error recovery,
// so every child is checked before use.
class AstBuilder {
 public:
  AstBuilder(FileId file, std::string_view text, const OffsetMap& offsets, DiagnosticSink& sink)
      : file_(file), text_(text), offsets_(offsets), sink_(sink) {}

  ast::Module module(TrailbookParser::SourceFileContext* ctx) {
    ast::Module m;
    m.file = file_;
    for (auto* decl : ctx->declaration()) {
      if (decl == nullptr) continue;
      if (auto* imp = decl->importDecl()) {
        m.imports.push_back(import(imp));
      } else if (auto* def = decl->definition()) {
        definition(def, m.definitions);
      } else if (auto* rb = decl->runbookDecl()) {
        m.runbooks.push_back(runbook(rb));
      }
    }
    return m;
  }

 private:
  Span span(antlr4::ParserRuleContext* ctx) const {
    Span s{file_, 0, 0};
    if (ctx == nullptr || ctx->getStart() == nullptr) return s;
    s.begin = offsets_.byte(ctx->getStart()->getStartIndex());
    const antlr4::Token* stop = ctx->getStop();
    s.end = stop != nullptr && stop->getStopIndex() + 1 >= ctx->getStart()->getStartIndex()
                ? offsets_.byte(stop->getStopIndex() + 1)
                : s.begin;
    return s;
  }
  Span span(const antlr4::Token* token) const {
    if (token == nullptr) return {file_, 0, 0};
    if (made_up(token)) {
      // No place in the text; the syntax error that made it up already points at the spot.
      const auto end = static_cast<uint32_t>(text_.size());
      return {file_, end, end};
    }
    return {file_, offsets_.byte(token->getStartIndex()), offsets_.byte(token->getStopIndex() + 1)};
  }
  // A token that ANTLR's error recovery invented ("<missing INT>"): the user did not write it.
  static bool made_up(const antlr4::Token* token) {
    return token->getStartIndex() == INVALID_INDEX;  // antlr4-common.h
  }
  Span span(antlr4::tree::TerminalNode* node) const {
    return node == nullptr ? Span{file_, 0, 0} : span(node->getSymbol());
  }
  std::string_view source(Span s) const { return text_.substr(s.begin, s.end - s.begin); }

  ast::Import import(TrailbookParser::ImportDeclContext* ctx) {
    ast::Import imp;
    imp.span = span(ctx);
    if (ctx->file != nullptr) {
      imp.target = string_literal(span(ctx->file), ctx->file->getText()).string_value;
    } else if (ctx->modulePath() != nullptr) {
      imp.target = ctx->modulePath()->getText();
      imp.is_stdlib = true;
    }
    return imp;
  }

  void definition(TrailbookParser::DefinitionContext* ctx, ast::Definitions& out) {
    if (auto* p = ctx->paramDecl()) {
      ast::ParamDecl d;
      d.span = span(p);
      if (p->name != nullptr) {
        d.name = p->name->getText();
        d.name_span = span(p->name);
      }
      if (auto* t = p->typeName()) {
        d.type.span = span(t);
        if (t->base != nullptr) d.type.name = t->base->getText();
        if (t->element != nullptr) d.type.element = t->element->getText();
      }
      d.default_value = expr(p->expr());
      out.params.push_back(std::move(d));
    } else if (auto* l = ctx->listDecl()) {
      ast::ListDecl d;
      d.span = span(l);
      if (l->name != nullptr) {
        d.name = l->name->getText();
        d.name_span = span(l->name);
      }
      d.value = expr(l->expr());
      out.lists.push_back(std::move(d));
    } else if (auto* pr = ctx->predicateDecl()) {
      ast::PredicateDecl d;
      d.span = span(pr);
      if (pr->name != nullptr) {
        d.name = pr->name->getText();
        d.name_span = span(pr->name);
      }
      d.has_parens = pr->LPAREN() != nullptr;
      for (auto* param : pr->IDENT()) {
        if (param->getSymbol() == pr->name) continue;
        d.params.push_back({param->getText(), span(param)});
      }
      d.body = expr(pr->expr());
      out.predicates.push_back(std::move(d));
    }
  }

  ast::Runbook runbook(TrailbookParser::RunbookDeclContext* ctx) {
    ast::Runbook rb;
    rb.span = span(ctx);
    if (ctx->name != nullptr) {
      rb.name = ctx->name->getText();
      rb.name_span = span(ctx->name);
    }
    ast::Query main;
    main.span = rb.span;
    ClauseKeywords main_clauses;
    bool has_main = false;
    for (auto* item : ctx->runbookItem()) {
      if (item == nullptr) continue;
      if (auto* clause = item->queryClause()) {
        query_clause(clause, main, main_clauses);
        has_main = true;
      } else if (auto* q = item->queryDecl()) {
        rb.queries.push_back(query(q));
      } else if (auto* def = item->definition()) {
        definition(def, rb.definitions);
      } else if (auto* t = item->testDecl()) {
        rb.tests.push_back(test(t));
      } else if (auto* meta = item->metaEntry()) {
        rb.meta.push_back(meta_entry(meta));
      }
    }
    if (has_main) rb.queries.insert(rb.queries.begin(), std::move(main));
    return rb;
  }

  ast::Query query(TrailbookParser::QueryDeclContext* ctx) {
    ast::Query q;
    q.span = span(ctx);
    if (ctx->name != nullptr) {
      q.name = ctx->name->getText();
      q.name_span = span(ctx->name);
    }
    ClauseKeywords clauses;
    for (auto* clause : ctx->queryClause()) {
      if (clause != nullptr) query_clause(clause, q, clauses);
    }
    return q;
  }

  // The keyword of each kind of clause a query has, by kind ("where", "group by", ...).
  using ClauseKeywords = std::map<std::string_view, Span>;

  // One clause of each kind per query: a second one is reported, not merged.
  bool first_clause(ClauseKeywords& seen, antlr4::tree::TerminalNode* keyword, const ast::Query& q,
                    std::string_view clause) {
    const auto [first, added] = seen.emplace(clause, span(keyword));
    if (added) return true;
    Diagnostic& d = sink_.report(DiagId::DuplicateClause, span(keyword),
                                 q.name.empty() ? "main" : q.name, clause);
    d.notes.push_back(
        {"the first '" + std::string(clause) + "' clause is here", first->second, true});
    return false;
  }

  void query_clause(TrailbookParser::QueryClauseContext* ctx, ast::Query& q, ClauseKeywords& seen) {
    if (auto* where = dynamic_cast<TrailbookParser::WhereClauseContext*>(ctx)) {
      if (first_clause(seen, where->WHERE(), q, "where")) {
        q.where = expr(where->expr());
      }
    } else if (auto* select = dynamic_cast<TrailbookParser::SelectClauseContext*>(ctx)) {
      if (!first_clause(seen, select->SELECT(), q, "select")) return;
      for (auto* item : select->selectItem()) {
        if (item == nullptr || item->expr() == nullptr) continue;
        ast::SelectItem s;
        s.span = span(item);
        s.expr = expr(item->expr());
        if (!s.expr) continue;
        if (item->alias != nullptr) {
          s.alias = item->alias->getText();
          s.alias_span = span(item->alias);
        }
        q.select.push_back(std::move(s));
      }
    } else if (auto* group = dynamic_cast<TrailbookParser::GroupClauseContext*>(ctx)) {
      if (!first_clause(seen, group->GROUP(), q, "group by")) return;
      q.group_span = Span{file_, span(group->GROUP()).begin, span(group->BY()).end};
      for (auto* key : group->expr()) {
        if (auto e = expr(key)) q.group_by.push_back(std::move(e));
      }
    } else if (auto* having = dynamic_cast<TrailbookParser::HavingClauseContext*>(ctx)) {
      if (first_clause(seen, having->HAVING(), q, "having")) {
        q.having = expr(having->expr());
      }
    } else if (auto* order = dynamic_cast<TrailbookParser::OrderClauseContext*>(ctx)) {
      if (!first_clause(seen, order->ORDER(), q, "order by")) return;
      for (auto* key : order->orderKey()) {
        if (key == nullptr) continue;
        ast::OrderKey k;
        k.span = span(key);
        k.expr = expr(key->expr());
        k.descending = key->DESC() != nullptr;
        if (k.expr) q.order_by.push_back(std::move(k));
      }
    } else if (auto* limit = dynamic_cast<TrailbookParser::LimitClauseContext*>(ctx)) {
      if (!first_clause(seen, limit->LIMIT(), q, "limit")) return;
      if (limit->INT() == nullptr || made_up(limit->INT()->getSymbol())) return;
      q.limit_span = span(limit->INT());
      uint64_t n = 0;
      const std::string text = limit->INT()->getText();
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size()) {
        sink_.report(DiagId::BadNumber, q.limit_span, text);
      }
      q.limit = n;
    }
  }

  ast::TestDecl test(TrailbookParser::TestDeclContext* ctx) {
    ast::TestDecl t;
    t.span = span(ctx);
    if (ctx->name != nullptr) {
      t.name = string_literal(span(ctx->name), ctx->name->getText()).string_value;
      t.name_span = span(ctx->name);
    }
    for (auto* item : ctx->testItem()) {
      if (auto* record = dynamic_cast<TrailbookParser::TestRecordContext*>(item)) {
        if (record->json() != nullptr) t.records.push_back(json(record->json()));
      } else if (auto* expect = dynamic_cast<TrailbookParser::TestExpectContext*>(item)) {
        ast::Expectation e;
        e.span = span(expect);
        if (expect->query != nullptr) {
          e.query = expect->query->getText();
          e.query_span = span(expect->query);
        }
        if (expect->ROWS() != nullptr) {
          e.kind = ast::Expectation::Kind::Rows;
          if (expect->jsonArray() != nullptr) e.rows = json(expect->jsonArray());
        } else if (expect->NO() != nullptr) {
          e.kind = ast::Expectation::Kind::NoMatch;
        }
        t.expectations.push_back(std::move(e));
      } else if (auto* param = dynamic_cast<TrailbookParser::TestParamContext*>(item)) {
        if (param->name == nullptr) continue;
        t.params.push_back({param->name->getText(), span(param->name), expr(param->expr())});
      } else if (auto* setting = dynamic_cast<TrailbookParser::TestSettingContext*>(item)) {
        if (setting->key == nullptr) continue;
        t.settings.push_back({setting->key->getText(), span(setting->key), expr(setting->expr())});
      }
    }
    return t;
  }

  ast::JsonText json(antlr4::ParserRuleContext* ctx) {
    ast::JsonText j;
    j.span = span(ctx);
    j.text = std::string(source(j.span));
    return j;
  }

  ast::MetaEntry meta_entry(TrailbookParser::MetaEntryContext* ctx) {
    ast::MetaEntry e;
    if (ctx->key != nullptr) {
      e.key = ctx->key->getText();
      e.key_span = span(ctx->key);
    }
    auto* value = ctx->metaValue();
    if (value == nullptr) return e;
    e.value_span = span(value);
    if (value->IDENT() != nullptr) {
      e.value_is_name = true;
      e.value.kind = ast::Literal::Kind::String;
      e.value.string_value = value->IDENT()->getText();
      e.value.span = e.value_span;
    } else if (auto* list = value->listLiteral()) {
      e.value_is_list = true;
      for (auto* item : list->expr()) {
        auto item_expr = expr(item);
        if (!item_expr) continue;
        if (item_expr->kind == ast::ExprKind::Literal) {
          e.list.push_back(item_expr->literal);
        } else {
          sink_.report(DiagId::BadMetadataValue, item_expr->span, e.key, "literal values");
        }
      }
    } else if (value->STRING() != nullptr) {
      e.value = string_literal(span(value->STRING()), value->STRING()->getText());
    } else if (value->LONG_STRING() != nullptr) {
      e.value.kind = ast::Literal::Kind::String;
      e.value.span = e.value_span;
      e.value.string_value = dedent_long_string(value->LONG_STRING()->getText());
    } else if (value->number() != nullptr) {
      e.value = number(value->number());
    } else {
      e.value.kind = ast::Literal::Kind::Bool;
      e.value.bool_value = value->K_TRUE() != nullptr;
      e.value.span = e.value_span;
    }
    return e;
  }

  // ---- Expressions ----

  std::unique_ptr<ast::Expr> node(ast::ExprKind kind, Span s) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = kind;
    e->span = s;
    return e;
  }

  std::unique_ptr<ast::Expr> expr(TrailbookParser::ExprContext* ctx) {
    if (ctx == nullptr) return nullptr;
    if (++depth_ > kMaxNesting) {
      // Left-recursive chains such as a == b == c ... nest without brackets.
      if (!reported_depth_) sink_.report(DiagId::NestingTooDeep, span(ctx), kMaxNesting);
      reported_depth_ = true;
      --depth_;
      return nullptr;
    }
    auto e = build(ctx);
    --depth_;
    return e;
  }

  std::unique_ptr<ast::Expr> build(TrailbookParser::ExprContext* ctx) {
    using P = TrailbookParser;
    const Span s = span(ctx);
    if (auto* paren = dynamic_cast<P::ParenExprContext*>(ctx)) {
      auto inner = expr(paren->expr());
      if (inner) inner->span = s;
      return inner;
    }
    if (auto* call = dynamic_cast<P::CallExprContext*>(ctx)) {
      auto e = node(ast::ExprKind::Call, s);
      if (call->name == nullptr) return nullptr;
      e->name = call->name->getText();
      e->name_span = span(call->name);
      for (auto* arg : call->argument()) {
        if (arg == nullptr) return nullptr;
        if (arg->param != nullptr) {
          auto lambda = node(ast::ExprKind::Lambda, span(arg));
          lambda->name = arg->param->getText();
          lambda->name_span = span(arg->param);
          auto body = expr(arg->expr());
          if (!body) return nullptr;
          lambda->children.push_back(std::move(body));
          e->children.push_back(std::move(lambda));
        } else {
          auto value = expr(arg->expr());
          if (!value) return nullptr;
          e->children.push_back(std::move(value));
        }
      }
      return e;
    }
    if (auto* p = dynamic_cast<P::PathExprContext*>(ctx)) {
      if (p->path() == nullptr) return nullptr;
      auto e = node(ast::ExprKind::Path, s);
      e->path = path(p->path());
      return e;
    }
    if (auto* lit = dynamic_cast<P::LiteralExprContext*>(ctx)) {
      if (lit->literal() == nullptr) return nullptr;
      auto e = node(ast::ExprKind::Literal, s);
      e->literal = literal(lit->literal());
      return e;
    }
    if (auto* list = dynamic_cast<P::ListExprContext*>(ctx)) {
      auto e = node(ast::ExprKind::List, s);
      if (list->listLiteral() == nullptr) return nullptr;
      for (auto* item : list->listLiteral()->expr()) {
        auto value = expr(item);
        if (!value) return nullptr;
        e->children.push_back(std::move(value));
      }
      return e;
    }
    if (auto* arith = dynamic_cast<P::ArithExprContext*>(ctx)) {
      auto e = node(ast::ExprKind::Arith, s);
      e->minus = arith->op != nullptr && arith->op->getType() == TrailbookLexer::MINUS;
      return children(std::move(e), arith->expr(), 2);
    }
    if (auto* cmp = dynamic_cast<P::CompareExprContext*>(ctx)) {
      auto e = node(ast::ExprKind::Compare, s);
      if (cmp->op == nullptr) return nullptr;
      e->compare = compare_op(cmp->op->getType());
      return children(std::move(e), cmp->expr(), 2);
    }
    if (auto* in = dynamic_cast<P::InExprContext*>(ctx)) {
      auto e = node(ast::ExprKind::In, s);
      e->negated = in->NOT() != nullptr;
      return children(std::move(e), in->expr(), 2);
    }
    if (auto* test = dynamic_cast<P::StringTestExprContext*>(ctx)) {
      auto e = node(ast::ExprKind::StringTest, s);
      if (test->op == nullptr) return nullptr;
      e->negated = test->NOT() != nullptr;
      e->test = string_test(test->op->getType());
      return children(std::move(e), test->expr(), 2);
    }
    if (auto* is = dynamic_cast<P::IsExprContext*>(ctx)) {
      auto e = node(is->MISSING() != nullptr ? ast::ExprKind::IsMissing : ast::ExprKind::IsNull, s);
      e->negated = is->NOT() != nullptr;
      return children(std::move(e), {is->expr()}, 1);
    }
    if (auto* exists = dynamic_cast<P::ExistsExprContext*>(ctx)) {
      return children(node(ast::ExprKind::Exists, s), {exists->expr()}, 1);
    }
    if (auto* neg = dynamic_cast<P::NotExprContext*>(ctx)) {
      return children(node(ast::ExprKind::Not, s), {neg->expr()}, 1);
    }
    if (dynamic_cast<P::AndExprContext*>(ctx) != nullptr) return chain(ctx, ast::ExprKind::And);
    if (dynamic_cast<P::OrExprContext*>(ctx) != nullptr) return chain(ctx, ast::ExprKind::Or);
    return nullptr;
  }

  std::unique_ptr<ast::Expr> children(std::unique_ptr<ast::Expr> e,
                                      const std::vector<TrailbookParser::ExprContext*>& kids,
                                      size_t expected) {
    if (kids.size() != expected) return nullptr;
    for (auto* kid : kids) {
      auto child = expr(kid);
      if (!child) return nullptr;
      e->children.push_back(std::move(child));
    }
    return e;
  }

  // `a and b and c` parses left-deep; it becomes one node with three children, built without
  // recursing down the chain.
  std::unique_ptr<ast::Expr> chain(TrailbookParser::ExprContext* ctx, ast::ExprKind kind) {
    auto e = node(kind, span(ctx));
    std::vector<TrailbookParser::ExprContext*> operands;  // right to left
    TrailbookParser::ExprContext* cur = ctx;
    while (true) {
      const bool same = kind == ast::ExprKind::And
                            ? dynamic_cast<TrailbookParser::AndExprContext*>(cur) != nullptr
                            : dynamic_cast<TrailbookParser::OrExprContext*>(cur) != nullptr;
      if (!same) break;
      auto kids = cur->children;
      std::vector<TrailbookParser::ExprContext*> sides;
      for (auto* child : kids) {
        if (auto* side = dynamic_cast<TrailbookParser::ExprContext*>(child)) sides.push_back(side);
      }
      if (sides.size() != 2) return nullptr;
      operands.push_back(sides[1]);
      cur = sides[0];
    }
    operands.push_back(cur);
    for (auto it = operands.rbegin(); it != operands.rend(); ++it) {
      auto child = expr(*it);
      if (!child) return nullptr;
      e->children.push_back(std::move(child));
    }
    return e;
  }

  static ast::CompareOp compare_op(size_t token_type) {
    switch (token_type) {
      case TrailbookLexer::NE:
        return ast::CompareOp::Ne;
      case TrailbookLexer::LT:
        return ast::CompareOp::Lt;
      case TrailbookLexer::LE:
        return ast::CompareOp::Le;
      case TrailbookLexer::GT:
        return ast::CompareOp::Gt;
      case TrailbookLexer::GE:
        return ast::CompareOp::Ge;
      default:
        return ast::CompareOp::Eq;
    }
  }

  static ast::StringTest string_test(size_t token_type) {
    switch (token_type) {
      case TrailbookLexer::ICONTAINS:
        return ast::StringTest::IContains;
      case TrailbookLexer::STARTSWITH:
        return ast::StringTest::StartsWith;
      case TrailbookLexer::ISTARTSWITH:
        return ast::StringTest::IStartsWith;
      case TrailbookLexer::ENDSWITH:
        return ast::StringTest::EndsWith;
      case TrailbookLexer::IENDSWITH:
        return ast::StringTest::IEndsWith;
      case TrailbookLexer::MATCHES:
        return ast::StringTest::Matches;
      default:
        return ast::StringTest::Contains;
    }
  }

  ast::Path path(TrailbookParser::PathContext* ctx) {
    ast::Path p;
    p.span = span(ctx);
    if (ctx->IDENT() != nullptr) p.steps.push_back({ctx->IDENT()->getText(), span(ctx->IDENT())});
    for (auto* step : ctx->pathStep()) {
      if (step == nullptr) continue;
      std::string name = step->getText();
      if (step->QUOTED_IDENT() != nullptr) name = name.substr(1, name.size() - 2);
      p.steps.push_back({std::move(name), span(step)});
    }
    return p;
  }

  ast::Literal literal(TrailbookParser::LiteralContext* ctx) {
    ast::Literal lit;
    lit.span = span(ctx);
    if (ctx->STRING() != nullptr) return string_literal(lit.span, ctx->STRING()->getText());
    if (ctx->LONG_STRING() != nullptr) {
      lit.kind = ast::Literal::Kind::String;
      lit.string_value = dedent_long_string(ctx->LONG_STRING()->getText());
      return lit;
    }
    if (ctx->number() != nullptr) return number(ctx->number());
    if (ctx->TIMESTAMP() != nullptr || ctx->DURATION() != nullptr) {
      lit.kind = ctx->TIMESTAMP() != nullptr ? ast::Literal::Kind::Timestamp
                                             : ast::Literal::Kind::Duration;
      lit.string_value = ctx->getText();
      return lit;
    }
    if (ctx->K_TRUE() != nullptr || ctx->K_FALSE() != nullptr) {
      lit.kind = ast::Literal::Kind::Bool;
      lit.bool_value = ctx->K_TRUE() != nullptr;
    }
    return lit;  // null
  }

  ast::Literal string_literal(Span s, const std::string& quoted) {
    ast::Literal lit;
    lit.kind = ast::Literal::Kind::String;
    lit.span = s;
    UnescapeResult r = unescape_string_literal(quoted);
    if (r.error) {
      const uint32_t at = lit.span.begin + static_cast<uint32_t>(r.error_offset);
      sink_.report(DiagId::BadStringEscape, Span{file_, at, at + 2}, *r.error);
    }
    lit.string_value = std::move(r.value);
    return lit;
  }

  ast::Literal number(TrailbookParser::NumberContext* ctx) {
    ast::Literal lit;
    lit.span = span(ctx);
    const std::string text = ctx->getText();
    if (ctx->getStart() == nullptr || made_up(ctx->getStart())) return lit;
    if (ctx->INT() != nullptr) {
      lit.kind = ast::Literal::Kind::Int;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), lit.int_value);
      if (ec != std::errc() || end != text.data() + text.size()) {
        sink_.report(DiagId::BadNumber, lit.span, text);
      }
    } else {
      lit.kind = ast::Literal::Kind::Float;
      char* end = nullptr;
      lit.float_value = std::strtod(text.c_str(), &end);
      if (std::abs(lit.float_value) == HUGE_VAL) sink_.report(DiagId::BadNumber, lit.span, text);
    }
    return lit;
  }

  FileId file_;
  std::string_view text_;
  const OffsetMap& offsets_;
  DiagnosticSink& sink_;
  int depth_ = 0;
  bool reported_depth_ = false;
};

}  // namespace

ast::Module parse_module(const SourceManager& sources, FileId file, DiagnosticSink& sink) {
  const SourceFile& source = sources.file(file);
  // ANTLR reads UTF-8 only; anything else is reported where it is, not as a parser failure.
  if (auto bad = first_invalid_utf8(source.text())) {
    sink.report(DiagId::InvalidUtf8, Span{file, *bad, *bad + 1});
    ast::Module empty;
    empty.file = file;
    return empty;
  }
  const OffsetMap offsets(source.text());
  ErrorCollector errors(file, offsets, sink);
  try {
    antlr4::ANTLRInputStream input(std::string(source.text()));
    TrailbookLexer lexer(&input);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&errors);
    antlr4::CommonTokenStream tokens(&lexer);
    if (auto deep = find_excessive_nesting(tokens)) {
      const Span at{file, offsets.byte((*deep)->getStartIndex()),
                    offsets.byte((*deep)->getStopIndex() + 1)};
      sink.report(DiagId::NestingTooDeep, at, kMaxNesting);
      ast::Module empty;
      empty.file = file;
      return empty;
    }
    close_unterminated_strings(tokens, file, offsets, errors);
    TrailbookParser parser(&tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(&errors);
    TrailbookParser::SourceFileContext* tree = parser.sourceFile();
    errors.report_unterminated();
    ast::Module module = AstBuilder(file, source.text(), offsets, sink).module(tree);
    for (antlr4::Token* t : tokens.getTokens()) {
      if (t->getType() != TrailbookLexer::COMMENT) continue;
      module.comments.push_back({t->getText(), Span{file, offsets.byte(t->getStartIndex()),
                                                    offsets.byte(t->getStopIndex() + 1)}});
    }
    blank_comments_in_json(module);
    return module;
  } catch (const std::exception& e) {
    sink.report(DiagId::SyntaxError, Span{file, 0, 0}, std::string("parser failure: ") + e.what());
  } catch (...) {
    sink.report(DiagId::SyntaxError, Span{file, 0, 0}, "parser failure");
  }
  ast::Module empty;
  empty.file = file;
  return empty;
}

}  // namespace tb::syntax
