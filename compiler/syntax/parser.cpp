#include "compiler/syntax/parser.h"

#include <charconv>
#include <cstdlib>
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
      if (offending->getType() == TrailbookLexer::UNEXPECTED_CHAR) {
        // One diagnostic per stray character; the parser's own complaint would repeat it.
        if (span.begin == last_unexpected_) return;
        last_unexpected_ = span.begin;
        sink_.report(DiagId::UnexpectedCharacter, span, offending->getText());
        return;
      }
    } else if (offending != nullptr) {
      span.begin = span.end = offsets_.byte(offending->getStartIndex());
    }
    if (offending != nullptr && offending->getType() == TrailbookLexer::UNEXPECTED_CHAR) return;
    sink_.report(DiagId::SyntaxError, span, message);
  }

 private:
  FileId file_;
  const OffsetMap& offsets_;
  DiagnosticSink& sink_;
  uint32_t last_unexpected_ = UINT32_MAX;
};

// Builds ast nodes from parse-tree contexts. Contexts may be incomplete after error recovery,
// so every child is checked before use.
class AstBuilder {
 public:
  AstBuilder(FileId file, const OffsetMap& offsets, DiagnosticSink& sink)
      : file_(file), offsets_(offsets), sink_(sink) {}

  ast::Module module(TrailbookParser::SourceFileContext* ctx) {
    ast::Module m;
    m.file = file_;
    for (auto* decl : ctx->declaration()) {
      if (decl != nullptr && decl->runbookDecl() != nullptr) {
        m.runbooks.push_back(runbook(decl->runbookDecl()));
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
    return {file_, offsets_.byte(token->getStartIndex()), offsets_.byte(token->getStopIndex() + 1)};
  }
  Span span(antlr4::tree::TerminalNode* node) const {
    return node == nullptr ? Span{file_, 0, 0} : span(node->getSymbol());
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
    bool has_main = false;
    for (auto* item : ctx->runbookItem()) {
      if (item == nullptr) continue;
      if (auto* clause = item->queryClause()) {
        query_clause(clause, main);
        has_main = true;
      } else if (auto* q = item->queryDecl()) {
        rb.queries.push_back(query(q));
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
    for (auto* clause : ctx->queryClause()) {
      if (clause != nullptr) query_clause(clause, q);
    }
    return q;
  }

  void query_clause(TrailbookParser::QueryClauseContext* ctx, ast::Query& q) {
    const std::string query_name = q.name.empty() ? "main" : q.name;
    if (auto* where = ctx->whereClause()) {
      if (q.where) {
        sink_.report(DiagId::DuplicateClause, span(where->WHERE()), query_name, "where");
        return;
      }
      if (where->expr() != nullptr) q.where = expr(where->expr());
    } else if (auto* select = ctx->selectClause()) {
      if (!q.select.empty()) {
        sink_.report(DiagId::DuplicateClause, span(select->SELECT()), query_name, "select");
        return;
      }
      for (auto* item : select->selectItem()) {
        if (item == nullptr || item->path() == nullptr) continue;
        ast::SelectItem s;
        s.span = span(item);
        s.path = path(item->path());
        if (item->alias != nullptr) {
          s.alias = item->alias->getText();
          s.alias_span = span(item->alias);
        }
        q.select.push_back(std::move(s));
      }
    }
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
    } else if (value->listLiteral() != nullptr) {
      e.value_is_list = true;
      e.list = list(value->listLiteral());
    } else if (value->STRING() != nullptr) {
      e.value = string_literal(value->STRING());
    } else if (value->number() != nullptr) {
      e.value = number(value->number());
    } else {
      e.value.kind = ast::Literal::Kind::Bool;
      e.value.bool_value = value->K_TRUE() != nullptr;
      e.value.span = e.value_span;
    }
    return e;
  }

  std::unique_ptr<ast::Expr> expr(TrailbookParser::ExprContext* ctx) {
    if (ctx == nullptr) return nullptr;
    if (auto* paren = dynamic_cast<TrailbookParser::ParenExprContext*>(ctx)) {
      auto inner = expr(paren->expr());
      if (inner) inner->span = span(ctx);
      return inner;
    }
    auto e = std::make_unique<ast::Expr>();
    e->span = span(ctx);
    if (auto* cmp = dynamic_cast<TrailbookParser::CompareExprContext*>(ctx)) {
      if (cmp->left == nullptr || cmp->right == nullptr || cmp->op == nullptr) return nullptr;
      e->kind = ast::ExprKind::Compare;
      e->op = compare_op(cmp->op->getType());
      e->left = operand(cmp->left);
      e->right = operand(cmp->right);
    } else if (auto* in = dynamic_cast<TrailbookParser::InExprContext*>(ctx)) {
      if (in->operand() == nullptr || in->listLiteral() == nullptr) return nullptr;
      e->kind = ast::ExprKind::In;
      e->subject = operand(in->operand());
      e->negated = in->NOT() != nullptr;
      e->list = list(in->listLiteral());
      e->list_span = span(in->listLiteral());
    } else if (auto* neg = dynamic_cast<TrailbookParser::NotExprContext*>(ctx)) {
      e->kind = ast::ExprKind::Not;
      auto child = expr(neg->expr());
      if (!child) return nullptr;
      e->children.push_back(std::move(child));
    } else if (auto* conj = dynamic_cast<TrailbookParser::AndExprContext*>(ctx)) {
      if (!binary(*e, ast::ExprKind::And, conj->expr())) return nullptr;
    } else if (auto* disj = dynamic_cast<TrailbookParser::OrExprContext*>(ctx)) {
      if (!binary(*e, ast::ExprKind::Or, disj->expr())) return nullptr;
    } else {
      return nullptr;
    }
    return e;
  }

  bool binary(ast::Expr& e, ast::ExprKind kind,
              const std::vector<TrailbookParser::ExprContext*>& kids) {
    e.kind = kind;
    for (auto* kid : kids) {
      auto child = expr(kid);
      if (!child) return false;
      e.children.push_back(std::move(child));
    }
    return e.children.size() == 2;
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

  ast::Operand operand(TrailbookParser::OperandContext* ctx) {
    ast::Operand o;
    o.span = span(ctx);
    if (ctx->path() != nullptr) {
      o.kind = ast::Operand::Kind::Path;
      o.path = path(ctx->path());
    } else if (ctx->literal() != nullptr) {
      o.kind = ast::Operand::Kind::Literal;
      o.literal = literal(ctx->literal());
    }
    return o;
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

  std::vector<ast::Literal> list(TrailbookParser::ListLiteralContext* ctx) {
    std::vector<ast::Literal> out;
    for (auto* lit : ctx->literal()) {
      if (lit != nullptr) out.push_back(literal(lit));
    }
    return out;
  }

  ast::Literal literal(TrailbookParser::LiteralContext* ctx) {
    ast::Literal lit;
    lit.span = span(ctx);
    if (ctx->STRING() != nullptr) return string_literal(ctx->STRING());
    if (ctx->number() != nullptr) return number(ctx->number());
    if (ctx->K_TRUE() != nullptr || ctx->K_FALSE() != nullptr) {
      lit.kind = ast::Literal::Kind::Bool;
      lit.bool_value = ctx->K_TRUE() != nullptr;
    }
    return lit;  // null
  }

  ast::Literal string_literal(antlr4::tree::TerminalNode* node) {
    ast::Literal lit;
    lit.kind = ast::Literal::Kind::String;
    lit.span = span(node);
    UnescapeResult r = unescape_string_literal(node->getText());
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
  const OffsetMap& offsets_;
  DiagnosticSink& sink_;
};

}  // namespace

ast::Module parse_module(const SourceManager& sources, FileId file, DiagnosticSink& sink) {
  const SourceFile& source = sources.file(file);
  const OffsetMap offsets(source.text());
  ErrorCollector errors(file, offsets, sink);
  try {
    antlr4::ANTLRInputStream input(std::string(source.text()));
    TrailbookLexer lexer(&input);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&errors);
    antlr4::CommonTokenStream tokens(&lexer);
    TrailbookParser parser(&tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(&errors);
    TrailbookParser::SourceFileContext* tree = parser.sourceFile();
    return AstBuilder(file, offsets, sink).module(tree);
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
