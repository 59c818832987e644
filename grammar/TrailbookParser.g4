// Syntax of the trailbook runbook language. See docs/language.md for what each construct means.
// Only compiler/syntax/ sees the generated parser; it turns the tree into trailbook's own AST.
// The grammar is deliberately permissive where the checker can say more than "syntax error"
// (which metadata keys exist, which functions, what a list may hold).
parser grammar TrailbookParser;

options { tokenVocab = TrailbookLexer; }

// ---- Modules --------------------------------------------------------------------------------
// A source file is one .tb module: imports, shared definitions and runbooks.
sourceFile  : declaration* EOF;
declaration : importDecl | definition | runbookDecl;
definition  : paramDecl | listDecl | predicateDecl;

// `import "relative/file.tb"` or `import std.name` (a module of the standard library).
importDecl  : IMPORT (file=STRING | modulePath);
modulePath  : IDENT (DOT IDENT)*;

// ---- Definitions ----------------------------------------------------------------------------
// A parameter is a typed constant that the command line may override: `param window: duration = 24h`.
paramDecl     : PARAM name=IDENT COLON typeName (ASSIGN expr)?;
typeName      : (base=IDENT | base=LIST) (LT element=IDENT GT)?;
// A named list: `list admins = ["alice", "bob"]` or `list nets = file("known_networks.txt")`.
listDecl      : LIST name=IDENT ASSIGN expr;
// A named predicate, optionally with parameters: `predicate by_user(name) = userIdentity.userName == name`.
predicateDecl : PREDICATE name=IDENT (LPAREN (IDENT (COMMA IDENT)*)? RPAREN)? ASSIGN expr;

// ---- Runbooks -------------------------------------------------------------------------------
// A runbook holds metadata, definitions, queries and tests. Clauses written directly in the
// runbook body form its main (unnamed) query; `query NAME { ... }` adds named ones.
runbookDecl : RUNBOOK name=IDENT LBRACE runbookItem* RBRACE;
runbookItem : queryClause | queryDecl | definition | testDecl | metaEntry;
queryDecl   : QUERY name=IDENT LBRACE queryClause* RBRACE;

// Metadata is `key value`; the checker knows which keys exist, so a misspelt key is a
// diagnostic with a suggestion rather than a syntax error.
metaEntry   : key=IDENT metaValue;
metaValue   : STRING | LONG_STRING | IDENT | number | K_TRUE | K_FALSE | listLiteral;

// ---- Query clauses, in pipeline order -------------------------------------------------------
queryClause
  : WHERE expr                                           # whereClause
  | SELECT selectItem (COMMA selectItem)*                # selectClause
  | GROUP BY expr (COMMA expr)*                          # groupClause
  | HAVING expr                                          # havingClause
  | ORDER BY orderKey (COMMA orderKey)*                  # orderClause
  | LIMIT INT                                            # limitClause
  ;
selectItem : expr (AS alias=columnName)?;
columnName : IDENT | keyword;  // `as group` names a column as the user likes
orderKey   : expr (ASC | DESC)?;

// ---- Embedded tests -------------------------------------------------------------------------
// test "name" { record {...}  expect [QUERY] match | no match | rows [...] }
testDecl      : TEST name=STRING LBRACE testItem* RBRACE;
testItem
  : RECORD json                                          # testRecord
  | EXPECT query=IDENT? (MATCH | NO MATCH | ROWS jsonArray)  # testExpect
  | PARAM name=IDENT ASSIGN expr                         # testParam
  | key=IDENT expr                                       # testSetting
  ;

// JSON as written in records and expected rows. The syntax stage keeps its source text.
json       : jsonObject | jsonArray | STRING | MINUS? (INT | FLOAT) | K_TRUE | K_FALSE | K_NULL;
jsonObject : LBRACE (STRING COLON json (COMMA STRING COLON json)*)? RBRACE;
jsonArray  : LBRACK (json (COMMA json)*)? RBRACK;

// ---- Expressions ----------------------------------------------------------------------------
// Alternatives are listed from tightest to loosest binding.
expr
  : LPAREN expr RPAREN                                                  # parenExpr
  | name=IDENT LPAREN (argument (COMMA argument)*)? RPAREN              # callExpr
  | path                                                                # pathExpr
  | literal                                                             # literalExpr
  | listLiteral                                                         # listExpr
  | expr op=(PLUS | MINUS) expr                                         # arithExpr
  | expr op=(EQ | NE | LT | LE | GT | GE) expr                          # compareExpr
  | expr NOT? IN expr                                                   # inExpr
  | expr NOT? op=(CONTAINS | ICONTAINS | STARTSWITH | ISTARTSWITH
                 | ENDSWITH | IENDSWITH | MATCHES) expr                  # stringTestExpr
  | expr IS NOT? (K_NULL | MISSING)                                     # isExpr
  | EXISTS expr                                                         # existsExpr
  | NOT expr                                                            # notExpr
  | expr AND expr                                                       # andExpr
  | expr OR expr                                                        # orExpr
  ;

// A call argument may be a lambda: any(resources, r => r.type == "AWS::IAM::Role").
argument : param=IDENT ARROW expr | expr;

// ---- Field paths ----------------------------------------------------------------------------
// The first step is a plain name; later steps may also be keywords (`requestParameters.select`).
path     : IDENT (DOT pathStep)*;
pathStep : IDENT | QUOTED_IDENT | keyword;
keyword
  : IMPORT | PARAM | LIST | PREDICATE | RUNBOOK | QUERY | TEST
  | WHERE | SELECT | AS | GROUP | BY | HAVING | ORDER | ASC | DESC | LIMIT
  | RECORD | EXPECT | MATCH | NO | ROWS
  | AND | OR | NOT | IN | IS | EXISTS | MISSING
  | CONTAINS | ICONTAINS | STARTSWITH | ISTARTSWITH | ENDSWITH | IENDSWITH | MATCHES
  | K_TRUE | K_FALSE | K_NULL
  ;

// ---- Literals -------------------------------------------------------------------------------
literal     : STRING | LONG_STRING | number | K_TRUE | K_FALSE | K_NULL | TIMESTAMP | DURATION;
number      : MINUS? (INT | FLOAT);
listLiteral : LBRACK (expr (COMMA expr)* COMMA?)? RBRACK;
