// Syntax of the trailbook runbook language. See docs/language.md for what each construct means.
// Only compiler/syntax/ sees the generated parser; it turns the tree into trailbook's own AST.
parser grammar TrailbookParser;

options { tokenVocab = TrailbookLexer; }

// ---- Modules --------------------------------------------------------------------------------
// A source file is one .tb module: a sequence of top-level declarations.
sourceFile  : declaration* EOF;
declaration : runbookDecl;

// ---- Runbooks -------------------------------------------------------------------------------
// A runbook holds metadata and one or more queries. Clauses written directly in the runbook
// body form its main (unnamed) query; `query NAME { ... }` adds named ones.
runbookDecl : RUNBOOK name=IDENT LBRACE runbookItem* RBRACE;
runbookItem : queryClause | queryDecl | metaEntry;
queryDecl   : QUERY name=IDENT LBRACE queryClause* RBRACE;

// Metadata is `key value`; the checker knows which keys exist, so a misspelt key is a
// diagnostic with a suggestion rather than a syntax error.
metaEntry   : key=IDENT metaValue;
metaValue   : STRING | IDENT | number | K_TRUE | K_FALSE | listLiteral;

// ---- Query clauses --------------------------------------------------------------------------
queryClause  : whereClause | selectClause;
whereClause  : WHERE expr;
selectClause : SELECT selectItem (COMMA selectItem)*;
selectItem   : path (AS alias=IDENT)?;

// ---- Predicates -----------------------------------------------------------------------------
// Alternatives are listed from tightest to loosest binding: comparisons, not, and, or.
expr
  : LPAREN expr RPAREN                                   # parenExpr
  | left=operand op=(EQ | NE | LT | LE | GT | GE) right=operand  # compareExpr
  | operand NOT? IN listLiteral                          # inExpr
  | NOT expr                                             # notExpr
  | expr AND expr                                        # andExpr
  | expr OR expr                                         # orExpr
  ;

operand : path | literal;

// ---- Field paths ----------------------------------------------------------------------------
// The first step is a plain name; later steps may also be keywords (`requestParameters.select`).
path       : IDENT (DOT pathStep)*;
pathStep   : IDENT | QUOTED_IDENT | keyword;
keyword    : RUNBOOK | QUERY | WHERE | SELECT | AS | AND | OR | NOT | IN | K_TRUE | K_FALSE | K_NULL;

// ---- Literals -------------------------------------------------------------------------------
literal     : STRING | number | K_TRUE | K_FALSE | K_NULL;
number      : MINUS? (INT | FLOAT);
listLiteral : LBRACK (literal (COMMA literal)* COMMA?)? RBRACK;
